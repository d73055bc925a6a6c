import { fail } from '../errors.js';
import type { PooledTally } from './pooled-tally.js';
import type { SurvivalTally } from './survival-tally.js';

/**
 * Aggregated survival rows, one per group and time (as a database returns them): row i
 * counts `count[i]` customers of group `group[i]` (negative: left out) whose duration is
 * `time[i]`, `events[i]` of them with the event. Rows come sorted by time, ascending; rows
 * of one group and time may repeat (their counts add up).
 */
export interface TallyRows {
  time: Float64Array;
  /** Group of each row, 0..groupCount-1; all rows in group 0 when absent. */
  group?: Int32Array;
  events: Float64Array;
  count: Float64Array;
}

/**
 * pooledTallyOfRows: the groups' tallies (see groupTallies) in their pooled order (see
 * groupedTallies), straight from aggregated rows sorted by time: one pass counts each
 * group's customers and distinct times, a second fills the columns, the number at risk
 * running down from each group's size. No per-customer arrays and no sort: the same
 * tallies as groupedTallies gives for the rows expanded to one entry per customer.
 * Times of counted rows must be finite and >= 0 (else `badSurvivalDuration`); counts
 * whole and >= events; a row of count 0 is skipped whatever it holds.
 */
export function pooledTallyOfRows(rows: TallyRows, groupCount: number): PooledTally {
  const { time, group, events, count } = rows;
  const len = time.length;
  if (events.length !== len || count.length !== len || (group && group.length !== len)) {
    throw new RangeError(`tally rows differ in length: time ${len}, events ${events.length}, count ${count.length}${group ? `, group ${group.length}` : ''}`);
  }
  if (!(Number.isInteger(groupCount) && groupCount >= 0)) throw new RangeError(`groupCount must be a whole number >= 0, got ${groupCount}`);
  const G = groupCount;
  const size = new Float64Array(G);
  const eventsOf = new Float64Array(G);
  const entries = new Int32Array(G);
  const last = new Float64Array(G).fill(NaN); // each group's latest time
  let previous = -Infinity;
  for (let i = 0; i < len; i++) {
    const g = group ? group[i] : 0;
    const n = count[i];
    // Rows of no customers (left out by the caller) count for nothing, whatever their time.
    if (g < 0 || n === 0) continue;
    if (g >= G) throw new RangeError(`group code ${g} at row ${i} is not below groupCount ${G}`);
    const t = time[i];
    if (!(t >= 0 && t < Infinity)) fail('badSurvivalDuration', { value: t });
    if (t < previous) throw new RangeError(`tally rows are not sorted by time: ${t} after ${previous} at row ${i}`);
    previous = t;
    const d = events[i];
    if (!(Number.isInteger(n) && Number.isInteger(d) && d >= 0 && d <= n)) throw new RangeError(`row ${i}: ${d} events of ${n} customers`);
    size[g] += n;
    eventsOf[g] += d;
    if (t !== last[g]) {
      entries[g]++;
      last[g] = t;
    }
  }
  const start = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) start[g + 1] = start[g] + entries[g];
  const m = start[G];
  const times = new Float64Array(m);
  const nRisk = new Int32Array(m);
  const nEvent = new Int32Array(m);
  const nCensor = new Int32Array(m);
  const order = new Int32Array(m);
  const pos = start.slice(0, G); // each group's next slot
  const risk = Float64Array.from(size);
  last.fill(NaN);
  let e = 0;
  for (let i = 0; i < len; i++) {
    const g = group ? group[i] : 0;
    const n = count[i];
    if (g < 0 || n === 0) continue;
    const t = time[i];
    const d = events[i];
    let s: number;
    if (t === last[g]) {
      s = pos[g] - 1; // the same time of the same group again: add to its entry
    } else {
      s = pos[g]++;
      last[g] = t;
      times[s] = t;
      nRisk[s] = risk[g];
      order[e++] = g;
    }
    nEvent[s] += d;
    nCensor[s] += n - d;
    risk[g] -= n;
  }
  const groups: SurvivalTally[] = [];
  for (let g = 0; g < G; g++) {
    const lo = start[g];
    const hi = start[g + 1];
    groups.push({
      n: size[g],
      nEvents: eventsOf[g],
      time: times.subarray(lo, hi),
      nRisk: nRisk.subarray(lo, hi),
      nEvent: nEvent.subarray(lo, hi),
      nCensor: nCensor.subarray(lo, hi),
    });
  }
  return { groups, time: times, nEvent, nCensor, start: start.slice(0, G), order };
}
