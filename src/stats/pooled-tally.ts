import { asShared, sharedArray } from '../parallel/shared-storage.js';
import { radixSortKeys } from './radix-sort-keys.js';
import { wholeTallies, type SortedOut, type WholeKeys } from './whole-keys.js';
import { HI, LO, scanRows, tallyArray, tallyByGroup, TallyColumns, type RowScan, type SurvivalTally } from './survival-tally.js';

/**
 * The groups' tallies and the order in which a test across the groups walks their entries.
 * All entries also sit in shared columns, group g's i-th at start[g] + i; `order[k]` is the
 * group of the k-th entry by ascending time, that group's next entry not yet read (the
 * entries of one time are adjacent, in no particular group order).
 */
export interface PooledTally {
  groups: SurvivalTally[];
  time: Float64Array;
  nEvent: Int32Array;
  nCensor: Int32Array;
  start: Int32Array;
  order: Int32Array;
}

/**
 * The pooled order of group tallies: a merge, at each step the smallest next time of any
 * group (each group's times closed by an Infinity, so a finished group never has it).
 */
export function pooledTally(tallies: readonly SurvivalTally[]): PooledTally {
  const G = tallies.length;
  let total = 0;
  for (const t of tallies) total += t.time.length + 1;
  const time = new Float64Array(total);
  const nEvent = new Int32Array(total);
  const nCensor = new Int32Array(total);
  const start = new Int32Array(G);
  const next = new Float64Array(G); // each group's next time
  for (let g = 0, at = 0; g < G; g++) {
    const t = tallies[g];
    start[g] = at;
    time.set(t.time, at);
    nEvent.set(t.nEvent, at);
    nCensor.set(t.nCensor, at);
    at += t.time.length;
    time[at++] = Infinity;
    next[g] = time[start[g]];
  }
  const head = start.slice();
  const order = new Int32Array(total - G);
  for (let e = 0; e < order.length; e++) {
    let t = Infinity;
    let g = 0;
    for (let h = 0; h < G; h++) {
      if (next[h] < t) {
        t = next[h];
        g = h;
      }
    }
    order[e] = g;
    next[g] = time[++head[g]];
  }
  return { groups: [...tallies], time, nEvent, nCensor, start, order };
}

/**
 * The group tallies (see groupTallies) in their pooled order. When the durations' bit
 * patterns span few enough values to leave room for the group number below them, one sort
 * of keys (duration bits relative to the smallest positive duration, group, event flag)
 * gives the pooled order directly, and one pass over it fills both; otherwise the groups
 * are tallied alone and merged. `sortKeys` sorts the keys in place (ascending, as
 * unsigned 64-bit numbers); the default is a radix sort (radixSortKeys), which sorts
 * 1M keys on one thread in less time than two threads took with keys.sort() and a merge.
 */
export function groupedTallies(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
  groupCount: number,
  opts: { sortKeys?: (keys: BigUint64Array) => void } = {},
): PooledTally {
  const scan = scanRows(durations, events, groupCodes, groupCount);
  const shift = keyShift(scan, groupCount);
  if (shift < 0) return pooledTally(tallyByGroup(scan, durations, events, groupCodes));
  return pooledSort(scan, durations, events, groupCodes, shift, opts.sortKeys);
}

/** The 32-bit halves of a double's bit pattern. */
function halvesOf(x: number): [hi: number, lo: number] {
  const w = new Uint32Array(Float64Array.of(x).buffer);
  return [w[HI], w[LO]];
}

/**
 * The bits a key keeps below the duration part (event flag and group number), or -1 when
 * the durations' span leaves no room for them: the duration part is 0 for a duration of 0,
 * else its bits less the high word of the smallest positive duration's, plus one there.
 */
function keyShift(scan: RowScan, groupCount: number): number {
  const shift = 1 + (groupCount <= 1 ? 0 : 32 - Math.clz32(groupCount - 1));
  if (shift > 31) return -1;
  if (scan.max === 0) return shift;
  const span = halvesOf(scan.max)[0] - halvesOf(scan.minPositive)[0] + 1;
  return span < 2 ** (32 - shift) ? shift : -1;
}

/** groupedTallies by one sort of (duration, group, event) keys. */
function pooledSort(
  scan: RowScan,
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
  shift: number,
  sortKeys: (keys: BigUint64Array) => void = radixSortKeys,
): PooledTally {
  const G = scan.start.length - 1;
  const m = scan.start[G];
  const out = { cols: new TallyColumns(m, G), order: tallyArray(Int32Array, m), entries: new Int32Array(1) };
  sortedTallies(scan.start, scan.minPositive, durations, events, groupCodes, shift, sortKeys, out);
  return pooledOf(scan, out);
}

/** The keys of the rows in groups, sorted, walked into `out` (see walkKeys). */
function sortedTallies(
  start: Int32Array,
  minPositive: number,
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
  shift: number,
  sortKeys: (keys: BigUint64Array) => void,
  out: SortedOut,
): void {
  const G = start.length - 1;
  const m = start[G];
  const base = halvesOf(minPositive)[0] - 1;
  const up = 32 - shift;
  const bits = new Uint32Array(durations.buffer, durations.byteOffset, 2 * durations.length);
  const keys = new BigUint64Array(m);
  const words = new Uint32Array(keys.buffer);
  for (let i = 0, k = 0; i < durations.length; i++) {
    const g = groupCodes ? groupCodes[i] : 0;
    if (g < 0) continue;
    const lo = bits[2 * i + LO];
    const hi = bits[2 * i + HI];
    const zero = (hi & 0x7fffffff) === 0 && lo === 0;
    words[2 * k + HI] = zero ? 0 : ((hi - base) << shift) | (lo >>> up);
    words[2 * k + LO] = (zero ? 0 : lo << shift) | (g << 1) | (events[i] !== 0 ? 1 : 0);
    k++;
  }
  sortKeys(keys);
  walkKeys(words, start, shift, base, out);
}

/** The PooledTally of what sortedTallies wrote. */
function pooledOf(scan: RowScan, out: SortedOut): PooledTally {
  const G = scan.start.length - 1;
  const { cols } = out;
  const groups = cols.tallies(scan);
  return { groups, time: cols.time, nEvent: cols.nEvent, nCensor: cols.nCensor, start: scan.start.slice(0, G), order: out.order.subarray(0, out.entries[0]) };
}

/**
 * One pass over the sorted keys: a run of keys equal but for the event bit is one time of
 * one group; it becomes an entry of that group's tally, and its group the next of the order.
 */
function walkKeys(words: Uint32Array, start: Int32Array, shift: number, base: number, out: SortedOut): void {
  const G = start.length - 1;
  const m = start[G];
  const up = 32 - shift;
  const { time, nRisk, nEvent, nCensor } = out.cols;
  const order = out.order;
  const pos = start.slice(0, G);
  const risk = new Int32Array(G);
  for (let g = 0; g < G; g++) risk[g] = start[g + 1] - start[g];
  const groupMask = (1 << (shift - 1)) - 1;
  const double = new Float64Array(1);
  const halves = new Uint32Array(double.buffer);
  let e = 0;
  let t = 0;
  let lastHi = -1;
  let lastLo = -1;
  for (let i = 0; i < m; ) {
    const hi = words[2 * i + HI];
    const lo = words[2 * i + LO] | 1;
    let d = 0;
    let j = i;
    do {
      d += words[2 * j + LO] & 1;
      j++;
    } while (j < m && words[2 * j + HI] === hi && (words[2 * j + LO] | 1) === lo);
    const bitsHi = hi >>> shift;
    const bitsLo = ((hi << up) | (lo >>> shift)) >>> 0;
    if (bitsHi !== lastHi || bitsLo !== lastLo) {
      lastHi = bitsHi;
      lastLo = bitsLo;
      if (bitsHi === 0) t = 0;
      else {
        halves[HI] = bitsHi + base;
        halves[LO] = bitsLo;
        t = double[0];
      }
    }
    const g = (lo >>> 1) & groupMask;
    const c = j - i - d;
    const s = pos[g]++;
    time[s] = t;
    nRisk[s] = risk[g];
    nEvent[s] = d;
    nCensor[s] = c;
    risk[g] -= j - i;
    order[e++] = g;
    i = j;
  }
  out.cols.end.set(pos);
  out.entries[0] = e;
}

/**
 * groupedTallies' sort and pass as one kernel item (tallyItem) for the engine's worker:
 * every array is on shared memory, the outputs included; the rows' scan is this thread's.
 */
export interface TallyJob {
  durations: Float64Array;
  events: Uint8Array;
  groupCodes?: Int32Array;
  start: Int32Array;
  minPositive: number;
  shift: number;
  out: SortedOut;
  /** The same rows as whole keys (made with the durations), when they are whole seconds: see wholeTallies. */
  whole?: WholeKeys;
}

/** The one item of a TallyJob: the keys sorted and walked into the job's outputs (as groupedTallies). */
export function tallyItem(job: TallyJob, _k: number): void {
  if (job.whole && wholeTallies(job.whole, job.start, job.shift, job.out)) return;
  sortedTallies(job.start, job.minPositive, job.durations, job.events, job.groupCodes, job.shift, radixSortKeys, job.out);
}

/**
 * groupedTallies split for another thread: the rows' scan here, then (`job`, null where
 * the one-sort path does not apply: call groupedTallies) a job whose item sorts and walks
 * the keys, and `finish` to read the PooledTally once the item has run. The inputs are
 * copied to shared memory unless they are there. `given`: the rows' scan (scanRows of
 * these columns) when the caller made it already; `whole`: the rows as whole keys
 * (WholeKeys, made with `shift` bits below k), when their durations are whole seconds.
 */
export function tallyJob(
  durations: Float64Array,
  events: Uint8Array,
  groupCodes: Int32Array | undefined,
  groupCount: number,
  given?: RowScan,
  whole?: WholeKeys,
): { job: TallyJob; negativeZero: Uint8Array; finish: () => PooledTally } | null {
  const scan = given ?? scanRows(durations, events, groupCodes, groupCount);
  const shift = keyShift(scan, groupCount);
  if (shift < 0) return null;
  const m = scan.start[groupCount];
  const out: SortedOut = { cols: new TallyColumns(m, groupCount, true), order: tallyArray(Int32Array, m, true), entries: sharedArray(Int32Array, 1) };
  const job: TallyJob = {
    durations: asShared(durations),
    events: asShared(events),
    groupCodes: groupCodes && asShared(groupCodes),
    start: asShared(scan.start),
    minPositive: scan.minPositive,
    shift,
    out,
    // Keys made with this shift only (the group bits of keyShift); on shared memory.
    whole: whole && whole.shift === shift ? whole : undefined,
  };
  return { job, negativeZero: scan.negativeZero, finish: () => pooledOf(scan, out) };
}
