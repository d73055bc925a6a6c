import { fail } from '../errors.js';
import { sharedArray, type TypedArrayOf } from '../parallel/shared-storage.js';

/**
 * The counts behind a Kaplan-Meier curve, one entry per distinct time (events and censored
 * alike), ascending. Columns of equal length; all a curve or a log-rank test needs.
 */
export interface SurvivalTally {
  /** Customers counted. */
  n: number;
  /** Customers with the event. */
  nEvents: number;
  /** The distinct times, ascending. */
  time: Float64Array;
  /** At risk just before each time (durations >= time). */
  nRisk: Int32Array;
  /** Events at each time. */
  nEvent: Int32Array;
  /** Censored at each time (they count as at risk at that time). */
  nCensor: Int32Array;
}

/** Which 32-bit half of a 64-bit word is the low one on this platform (the other is LO ^ 1). */
export const LO = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 0 : 1;
export const HI = 1 - LO;

/** What one checking pass over the rows finds; rows are laid out group after group from it. */
export interface RowScan {
  /** Rows of group g start at start[g] (start[G] = rows kept). */
  start: Int32Array;
  /** Rows with the event, per group. */
  events: Int32Array;
  /** 1 for a group with a -0 duration (keyed as 0, reported as -0 as a sort of doubles would). */
  negativeZero: Uint8Array;
  /** The smallest duration above 0 (Infinity without one) and the largest (0 without one). */
  minPositive: number;
  max: number;
}

/**
 * Check the columns (lengths, group codes below `groupCount`, durations finite and >= 0,
 * else `badSurvivalDuration`) and count rows per group. A negative code leaves a row out;
 * without codes every row is in group 0.
 */
export function scanRows(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
  groupCount: number,
): RowScan {
  checkLengths(durations, events, groupCodes);
  if (!(Number.isInteger(groupCount) && groupCount >= 0)) {
    throw new RangeError(`groupCount must be a whole number >= 0, got ${groupCount}`);
  }
  const G = groupCount;
  const start = new Int32Array(G + 1);
  const eventCount = new Int32Array(G);
  const negativeZero = new Uint8Array(G);
  const bits = new Uint32Array(durations.buffer, durations.byteOffset, 2 * durations.length);
  let minPositive = Infinity;
  let max = 0;
  for (let i = 0; i < durations.length; i++) {
    const g = groupCodes ? groupCodes[i] : 0;
    if (g < 0) continue;
    if (g >= G) throw new RangeError(`group code ${g} at row ${i} is not below groupCount ${G}`);
    const t = durations[i];
    if (!(t >= 0 && t < Infinity)) fail('badSurvivalDuration', { value: t });
    max = t > max ? t : max;
    minPositive = t < minPositive && t > 0 ? t : minPositive;
    // The sign bit of a duration >= 0 is set only for -0 (read from the bits, so that every
    // row runs the same code: a branch first taken late would cost a deoptimization).
    negativeZero[g] |= bits[2 * i + HI] >>> 31;
    start[g + 1]++;
    eventCount[g] += events[i] !== 0 ? 1 : 0;
  }
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  return { start, events: eventCount, negativeZero, minPositive, max };
}

/** Throws a RangeError unless the columns have one entry per row each. */
export function checkLengths(durations: Float64Array, events: Uint8Array, groupCodes?: Int32Array): void {
  if (events.length !== durations.length || (groupCodes && groupCodes.length !== durations.length)) {
    throw new RangeError(
      `durations (${durations.length}), events (${events.length})${groupCodes ? ` and group codes (${groupCodes.length})` : ''} differ in length`,
    );
  }
}

/**
 * One tally per group: `groupCodes[i]` in 0..groupCount-1 names the group of row i (all rows
 * in group 0 without codes); a negative code leaves the row out. Durations must be finite
 * and >= 0 (else `badSurvivalDuration`); a non-zero event flag is the event.
 *
 * Each row becomes a 64-bit key, the bits of its duration shifted up one with the event
 * flag below: for durations >= 0 the keys sort as the durations do, censored before events
 * at a tie. One pass puts the keys group after group, each group's keys are sorted natively
 * (integers sort much faster than doubles in V8), and one pass over each group's sorted
 * keys counts the distinct times: no row indices, no per-row objects.
 */
export function groupTallies(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
  groupCount: number,
): SurvivalTally[] {
  return tallyByGroup(scanRows(durations, events, groupCodes, groupCount), durations, events, groupCodes);
}

/** groupTallies after the scan of its rows. */
export function tallyByGroup(
  scan: RowScan,
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
): SurvivalTally[] {
  const { start } = scan;
  const G = start.length - 1;
  const m = start[G];
  const bits = new Uint32Array(durations.buffer, durations.byteOffset, 2 * durations.length);
  const keys = new BigUint64Array(m);
  const words = new Uint32Array(keys.buffer);
  const pos = start.slice(0, G);
  for (let i = 0; i < durations.length; i++) {
    const g = groupCodes ? groupCodes[i] : 0;
    if (g < 0) continue;
    const lo = bits[2 * i + LO];
    const k = 2 * pos[g]++;
    words[k + HI] = (bits[2 * i + HI] << 1) | (lo >>> 31);
    words[k + LO] = (lo << 1) | (events[i] !== 0 ? 1 : 0);
  }
  for (let g = 0; g < G; g++) keys.subarray(start[g], start[g + 1]).sort();

  // Group g's distinct times are written from its first slot on (there are at most as many).
  const out = new TallyColumns(m, G);
  for (let g = 0; g < G; g++) out.end[g] = countRuns(words, start[g], start[g + 1], out);
  return out.tallies(scan);
}

/**
 * Tally columns for all groups in shared buffers, group g's entries from start[g] to
 * end[g]; `tallies` cuts them into one SurvivalTally per group.
 */
export class TallyColumns {
  time: Float64Array;
  nRisk: Int32Array;
  nEvent: Int32Array;
  nCensor: Int32Array;
  end: Int32Array;

  /** Big columns go on shared memory, where the engine's worker reads them in place (see execute-survival.ts). */
  constructor(size: number, groups = 0, shared = false) {
    this.time = tallyArray(Float64Array, size, shared);
    this.nRisk = tallyArray(Int32Array, size, shared);
    this.nEvent = tallyArray(Int32Array, size, shared);
    this.nCensor = tallyArray(Int32Array, size, shared);
    this.end = shared ? sharedArray(Int32Array, groups) : new Int32Array(groups);
  }

  tallies(scan: RowScan): SurvivalTally[] {
    const { start, negativeZero } = scan;
    const out: SurvivalTally[] = new Array(start.length - 1);
    for (let g = 0; g < out.length; g++) {
      const lo = start[g];
      const hi = this.end[g];
      const n = start[g + 1] - lo;
      if (negativeZero[g] && this.time[lo] === 0) this.time[lo] = -0;
      // A group with many ties gets its own compact copy rather than holding the shared buffers.
      const copy = 2 * (hi - lo) < n;
      out[g] = {
        n,
        nEvents: scan.events[g],
        time: part(this.time, lo, hi, copy),
        nRisk: part(this.nRisk, lo, hi, copy),
        nEvent: part(this.nEvent, lo, hi, copy),
        nCensor: part(this.nCensor, lo, hi, copy),
      };
    }
    return out;
  }
}

function part<T extends Float64Array | Int32Array>(a: T, lo: number, hi: number, copy: boolean): T {
  return (copy ? a.slice(lo, hi) : a.subarray(lo, hi)) as T;
}

/**
 * The distinct times of the sorted keys [from, to) (as 32-bit word pairs), written from slot
 * `from` on with their counts; returns the end slot. Keys of one time differ only in the
 * event bit, so a run is a run of equal words with that bit masked off.
 */
function countRuns(words: Uint32Array, from: number, to: number, out: TallyColumns): number {
  const { time, nRisk, nEvent, nCensor } = out;
  const double = new Float64Array(1);
  const halves = new Uint32Array(double.buffer);
  let at = from;
  let risk = to - from;
  // The same run scan as pooled-tally.ts, kept inline: this loop runs once per customer.
  for (let i = from; i < to; ) {
    const hi = words[2 * i + HI];
    const lo = words[2 * i + LO] | 1;
    let d = 0;
    let j = i;
    do {
      d += words[2 * j + LO] & 1;
      j++;
    } while (j < to && words[2 * j + HI] === hi && (words[2 * j + LO] | 1) === lo);
    halves[HI] = hi >>> 1;
    halves[LO] = (lo >>> 1) | (hi << 31);
    time[at] = double[0];
    nRisk[at] = risk;
    nEvent[at] = d;
    nCensor[at] = j - i - d;
    at++;
    risk -= j - i;
    i = j;
  }
  return at;
}

/** Tallies from this many entries are shared (execute-survival's two threads start at 2^17 customers). */
const SHARED_ENTRIES = 1 << 17;

/** An array of n zeros for a tally: on shared memory when big. */
export function tallyArray<T>(C: TypedArrayOf<T>, n: number, shared = false): T {
  return shared || n >= SHARED_ENTRIES ? sharedArray(C, n) : new C(n);
}
