import { fail } from '../../errors.js';
import type { LifetimeReport } from '../../report/lifetime-report.js';
import type { SqlSources } from './sql-builder.js';
import type { EventRule } from '../../spec/churn-spec.js';

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);

/**
 * The event of each returned row by the memory engine's rules (churn/read-events.ts readEvents):
 * 1 = the event, 0 = censored, 2 = missing; "<column>=<value>" matches the value exactly,
 * else in any case; a 0/1, yes/no, true/false column otherwise.
 */
export function givenEvents(values: ArrayLike<unknown>, rule: EventRule, src: SqlSources, _report: LifetimeReport): Uint8Array {
  const file = (src.customers ?? src.activity)?.name;
  const text = Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    return v === null || v === undefined ? null : String(v).trim();
  });
  const out = new Uint8Array(text.length);
  if (rule.value !== undefined) {
    const want = rule.value;
    const exact = text.includes(want);
    const same = exact ? (s: string) => s === want : (s: string) => s.toLowerCase() === want.toLowerCase();
    let hit = false;
    text.forEach((s, i) => {
      if (s === null || s === '') out[i] = 2;
      else if (same(s)) {
        out[i] = 1;
        hit = true;
      }
    });
    if (!hit) fail('eventNeverOccurs', { value: want }, { file, column: rule.column });
    return out;
  }
  text.forEach((s, i) => {
    if (s === null || s === '') out[i] = 2;
    else if (TRUE_WORDS.has(s.toLowerCase())) out[i] = 1;
    else if (FALSE_WORDS.has(s.toLowerCase())) out[i] = 0;
    else fail('badEventColumn', { example: values[i] }, { file, column: rule.column });
  });
  return out;
}
