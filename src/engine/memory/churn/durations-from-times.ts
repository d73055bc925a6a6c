import { fail } from '../../../errors.js';
import { sharedArray } from '../../../parallel/shared-storage.js';
import { HI, type RowScan } from '../../../stats/survival-tally.js';
import type { WholeKeys } from '../../../stats/whole-keys.js';

const SECOND = 1000;

/**
 * durationsFromTimes: METRICS.md section 7. duration = churn - anchor when churned by
 * as-of (event 1), else as-of - anchor (censored, event 0), in units of `unitMs`
 * milliseconds. Customers out of the run (anchor NaN) get NaN.
 */
export function durationsFromTimes(
  anchor: Float64Array,
  churn: Float64Array,
  asOf: number,
  unitMs: number,
): { duration: Float64Array; event: Uint8Array } {
  const n = anchor.length;
  const duration = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let c = 0; c < n; ++c) {
    const a = anchor[c];
    const t = churn[c];
    if (t === t) {
      duration[c] = (t - a) / unitMs;
      event[c] = 1;
    } else {
      duration[c] = (asOf - a) / unitMs;
    }
  }
  return { duration, event };
}

/**
 * durationsFromTimes and survival-tally's scanRows over its output in one pass, the
 * columns on shared memory (for a worker to sort them without a copy): the same
 * durations, events and RowScan, bit for bit, and the same errors. When every duration
 * in a group is whole seconds (churn - anchor, or as-of - anchor) that fit, also the
 * rows as whole keys (WholeKeys), which sort in fewer passes.
 */
export function scannedDurations(
  anchor: Float64Array,
  churn: Float64Array,
  asOf: number,
  unitMs: number,
  groupCodes: Int32Array,
  groupCount: number,
): { duration: Float64Array; event: Uint8Array; scan: RowScan; whole?: WholeKeys } {
  const n = anchor.length;
  if (groupCodes.length !== n) throw new RangeError(`durations (${n}), events (${n}) and group codes (${groupCodes.length}) differ in length`);
  if (!(Number.isInteger(groupCount) && groupCount >= 0)) throw new RangeError(`groupCount must be a whole number >= 0, got ${groupCount}`);
  const G = groupCount;
  const duration = sharedArray(Float64Array, n);
  const event = sharedArray(Uint8Array, n);
  const bits = new Uint32Array(duration.buffer, duration.byteOffset, 2 * n);
  const start = new Int32Array(G + 1);
  const events = new Int32Array(G);
  const negativeZero = new Uint8Array(G);
  let minPositive = Infinity;
  let max = 0;
  // The whole keys (see WholeKeys), while every duration is whole seconds that fit.
  const shift = 1 + (G <= 1 ? 0 : 32 - Math.clz32(G - 1));
  const limit = shift < 32 ? 2 ** (32 - shift) : 0;
  let keys: Uint32Array | undefined = limit > 0 ? sharedArray(Uint32Array, n) : undefined;
  let k = 0;
  for (let c = 0; c < n; ++c) {
    const a = anchor[c];
    const t = churn[c];
    const e = t === t ? 1 : 0;
    const x = (e === 1 ? t : asOf) - a;
    const d = x / unitMs;
    duration[c] = d;
    event[c] = e;
    const g = groupCodes[c];
    if (g < 0) continue;
    if (g >= G) throw new RangeError(`group code ${g} at row ${c} is not below groupCount ${G}`);
    if (!(d >= 0 && d < Infinity)) fail('badSurvivalDuration', { value: d });
    if (keys !== undefined) {
      const s = x / SECOND;
      // x a whole number of seconds (x % SECOND === 0, which costs a call per row): s
      // whole and, below the limit, exactly SECOND times it.
      if (s < limit && Math.floor(s) === s && s * SECOND === x) keys[k++] = ((s << shift) | (g << 1) | e) >>> 0;
      else keys = undefined;
    }
    max = d > max ? d : max;
    minPositive = d < minPositive && d > 0 ? d : minPositive;
    // The sign bit of a duration >= 0 is set only for -0 (as scanRows reads it).
    negativeZero[g] |= bits[2 * c + HI] >>> 31;
    start[g + 1]++;
    events[g] += e;
  }
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const scan = { start, events, negativeZero, minPositive, max };
  return { duration, event, scan, whole: keys && { keys: keys.subarray(0, k), shift, step: SECOND, unitMs } };
}
