import { fail } from '../../errors.js';
import type { EventRule } from '../../spec/churn-spec.js';

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);

/** The event of a value of the event column: 1 = the event, 0 = censored, 2 = missing. */
export type EventOf = (value: unknown) => number;

const textOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).trim());

/**
 * eventOfColumn: the memory engine's rules (churn/read-events.ts readEvents) decided on
 * the distinct values `values` of the whole event column (before ids, filters and groups
 * leave rows out, as memory reads the column): "<column>=<value>" matches the value
 * exactly when the column holds it, else in any case, and fails when no value matches; a
 * 0/1, yes/no, true/false column otherwise, failing on any other word.
 */
export function eventOfColumn(values: ArrayLike<unknown>, rule: EventRule, file: string | undefined): EventOf {
  const texts = Array.from({ length: values.length }, (_, i) => textOf(values[i]));
  if (rule.value !== undefined) {
    const want = rule.value;
    const same = texts.includes(want) ? (s: string) => s === want : (s: string) => s.toLowerCase() === want.toLowerCase();
    if (!texts.some((s) => s !== null && s !== '' && same(s))) fail('eventNeverOccurs', { value: want }, { file, column: rule.column });
    return (v) => {
      const s = textOf(v);
      return s === null || s === '' ? 2 : same(s) ? 1 : 0;
    };
  }
  const word = (s: string | null): number => {
    if (s === null || s === '') return 2;
    const w = s.toLowerCase();
    return TRUE_WORDS.has(w) ? 1 : FALSE_WORDS.has(w) ? 0 : -1;
  };
  for (let i = 0; i < texts.length; ++i) if (word(texts[i]) < 0) fail('badEventColumn', { example: values[i] }, { file, column: rule.column });
  return (v) => word(textOf(v));
}

/** The events of the rows a query returned (`values`: their event texts), by `eventOf`. */
export function eventsOf(values: ArrayLike<unknown>, eventOf: EventOf): Uint8Array {
  return Uint8Array.from({ length: values.length }, (_, i) => eventOf(values[i]));
}
