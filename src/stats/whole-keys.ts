import { radixSortKeys32 } from './radix-sort-keys.js';
import type { TallyColumns } from './survival-tally.js';

/**
 * Tally keys of 32 bits for durations that are whole multiples of `step` ms (times to the
 * second): (k << shift) | (group << 1) | event, where a customer's duration is exactly
 * (k * step) / unitMs, the division that made it. They sort in three counting passes over
 * 4-byte keys where the duration's 64-bit keys take up to six over 8-byte ones.
 */
export interface WholeKeys {
  /** One key per customer in a group (any order), on shared memory for a worker; sorted in place by wholeTallies. */
  keys: Uint32Array;
  /** Bits below k: the event bit and the group's (pooled-tally's keyShift). */
  shift: number;
  step: number;
  unitMs: number;
}

/**
 * The tallies of sortedTallies (pooled-tally.ts) from whole keys: the same entries, order
 * and ends, bit for bit, since k ascends with the duration. False, with `out` to be
 * written again, when two k give one duration (a unit so large that they round together):
 * the duration keys must then merge them as one time.
 */
export function wholeTallies(whole: WholeKeys, start: Int32Array, shift: number, out: SortedOut): boolean {
  const { keys, step, unitMs } = whole;
  radixSortKeys32(keys);
  const G = start.length - 1;
  const m = keys.length;
  const { time, nRisk, nEvent, nCensor } = out.cols;
  const order = out.order;
  const pos = start.slice(0, G);
  const risk = new Int32Array(G);
  for (let g = 0; g < G; g++) risk[g] = start[g + 1] - start[g];
  const groupMask = (1 << (shift - 1)) - 1;
  let e = 0;
  let t = -1;
  let lastK = -1;
  for (let i = 0; i < m; ) {
    const run = keys[i] | 1;
    let d = 0;
    let j = i;
    do {
      d += keys[j] & 1;
      j++;
    } while (j < m && (keys[j] | 1) === run);
    const k = run >>> shift;
    if (k !== lastK) {
      const next = (k * step) / unitMs;
      if (!(next > t)) return false;
      t = next;
      lastK = k;
    }
    const g = (run >>> 1) & groupMask;
    const s = pos[g]++;
    time[s] = t;
    nRisk[s] = risk[g];
    nEvent[s] = d;
    nCensor[s] = j - i - d;
    risk[g] -= j - i;
    order[e++] = g;
    i = j;
  }
  out.cols.end.set(pos);
  out.entries[0] = e;
  return true;
}

/** Where a tally walk writes (pooled-tally's sortedTallies, wholeTallies): the tallies' columns (with each group's end), the order and its length. */
export interface SortedOut {
  /** (A worker gets a plain copy of it, whose arrays are the same shared memory.) */
  cols: TallyColumns;
  order: Int32Array;
  entries: Int32Array;
}
