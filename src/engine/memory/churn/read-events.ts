import { fail } from '../../../errors.js';
import type { EventRule } from '../../../spec/churn-spec.js';
import { columnKeys, type AnyColumn } from '../prepare/column-keys.js';

/** The words of an event column (compared in lower case). */
const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);

/** Per row: 1 = the event, 0 = censored, 2 = missing. */
export function readEvents(col: AnyColumn, rule: EventRule, file: string): Uint8Array {
  const k = columnKeys(col);
  const byKey = new Uint8Array(k.size);
  const text = (key: number): string | null => {
    const v = k.value(key);
    return v === null || v === undefined ? null : String(v).trim();
  };
  if (rule.value !== undefined) {
    const want = rule.value;
    let hit = false;
    for (let key = 0; key < k.size; ++key) if (text(key) === want) hit = true;
    // A value that occurs only in another case ("yes" for "Yes") is still meant.
    const same = hit ? (s: string) => s === want : (s: string) => s.toLowerCase() === want.toLowerCase();
    hit = false;
    for (let key = 0; key < k.size; ++key) {
      const s = text(key);
      if (s === null || s === '') byKey[key] = 2;
      else if (same(s)) {
        byKey[key] = 1;
        hit = true;
      }
    }
    if (!hit) fail('eventNeverOccurs', { value: want }, { file, column: rule.column });
  } else {
    for (let key = 0; key < k.size; ++key) {
      const s = text(key);
      if (s === null || s === '') {
        byKey[key] = 2;
        continue;
      }
      const w = s.toLowerCase();
      if (TRUE_WORDS.has(w)) byKey[key] = 1;
      else if (FALSE_WORDS.has(w)) byKey[key] = 0;
      else fail('badEventColumn', { example: k.value(key) }, { file, column: rule.column });
    }
  }
  const out = new Uint8Array(k.keys.length);
  for (let i = 0; i < out.length; ++i) out[i] = byKey[k.keys[i]];
  return out;
}
