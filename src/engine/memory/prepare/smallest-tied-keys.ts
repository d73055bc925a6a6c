import type { ColumnKeys } from './column-keys.js';
import type { Events } from './prepare-events.js';

/** A run's counted events with their table rows, and each customer's first of them (-1 = none). */
export interface FirstActivity {
  events: Pick<Events, 'n' | 'customer' | 'time' | 'row'> | undefined;
  firstEvent: Int32Array;
}

/**
 * smallestTiedKeys: a customer's value of an activity attribute is read from its first
 * counted event; when other events of the customer share that instant, the smallest value
 * of them all (missing values aside) is taken, in the byte order of the value texts: what
 * the SQL engines' min() of the value texts gives (first-activity-values.ts), and the same
 * whatever the order of the file's rows. `keys` (per customer, -1 = none, read from the
 * first event's row) is changed in place; customers whose `anchor` is NaN (not in the
 * run) keep theirs.
 */
export function smallestTiedKeys(keys: Int32Array, k: ColumnKeys, first: FirstActivity, anchor?: Float64Array): void {
  const { events, firstEvent } = first;
  if (!events?.row) return;
  const { customer, time, row } = events;
  const texts = new Map<number, Buffer>();
  const text = (key: number): Buffer => {
    let t = texts.get(key);
    if (!t) texts.set(key, (t = Buffer.from(String(k.value(key)), 'utf8')));
    return t;
  };
  for (let i = 0; i < events.n; ++i) {
    const c = customer[i];
    const f = firstEvent[c];
    if (f < 0 || f === i || time[i] !== time[f] || (anchor && anchor[c] !== anchor[c])) continue;
    const key = k.keys[row[i]];
    const cur = keys[c];
    if (key === cur || key === k.nullKey) continue;
    if (cur < 0 || Buffer.compare(text(key), text(cur)) < 0) keys[c] = key;
  }
}
