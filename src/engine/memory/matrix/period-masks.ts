import type { LoadReport } from '../../../report/load-report.js';
import type { Granularity, WeekStart } from '../../../spec/types.js';
import { localDay, NO_DAY } from '../../../time/local-days.js';
import { periodOfDay } from '../../../time/periods.js';
import type { Zone } from '../../../time/zone.js';
import { rowReader } from '../prepare/column-keys.js';
import { isMissingTime, type EventInputs } from '../prepare/prepare-events.js';
import { countedBit, maskRows, NO_BIT, NO_WIDE_BIT, S_AFTER_AS_OF, S_FILTERED, S_KEPT, S_MISSING_ID, S_NAN_TIME, S_OUT_OF_RANGE, S_UNKNOWN, STATS, type MaskJob } from './mask-chunks.js';
import { runChunks, startChunks } from '../../../parallel/run-chunks.js';
import { scatterBits } from './scatter-bits.js';
import { asShared, copyShared, isShared, sharedArray } from '../../../parallel/shared-storage.js';

export { NO_BIT, NO_WIDE_BIT };

/** Per customer, the calendar periods with counted activity, as bits. */
export interface PeriodMasks {
  /** Absolute period index (of the offset granularity) of bit 0. */
  base: number;
  /** 32-bit words per customer. */
  words: number;
  /** Customer c's bits are words c * words .. c * words + words - 1; bit j = period base + j. */
  bits: Uint32Array;
  /** Activity rows that count. */
  kept: number;
  /**
   * Per activity row, its bit (period - base), noBit when the row does not count; left
   * out when the first pass set the bits itself (nothing after it reads the rows then):
   * bitOfRow gives a row's bit either way.
   */
  rowBit?: Uint8Array | Uint16Array;
  /** Row i's bit (period - base), noBit when the row does not count. */
  bitOfRow(i: number): number;
  /** rowBit of a row that does not count: NO_BIT, or NO_WIDE_BIT when the masks are wider than 255 bits. */
  noBit: number;
  /** The bit's width in `grouped.packed`: 8, or 16 for masks wider than 255 bits. */
  bitShift: number;
  /**
   * With amounts: the counted rows grouped by customer partition (2^PART_SHIFT customers),
   * partition p at rows partStart[p] .. partStart[p + 1] - 1, each as
   * (customer - p * 2^PART_SHIFT) << bitShift | bit, with its amount (NaN = missing) beside it.
   */
  grouped?: { partStart: Int32Array; packed: Int32Array; amount: Float64Array };
}

/** Masks up to this many words (periods / 32) always take the fused path: 8-bit row bits. */
export const MAX_MASK_WORDS = 7;
/**
 * Wider masks (weekly or daily periods, long spans: up to 2,016 periods, 16-bit row bits)
 * take it too while the masks need no more memory than the general path's compacted
 * events would (customers x words <= WIDE_WORDS_PER_ROW x rows); else the general kernel.
 */
export const MAX_WIDE_MASK_WORDS = 63;
export const WIDE_WORDS_PER_ROW = 2;

/** Whether masks of this many words per customer take the fused path. */
export function masksFit(words: number, customers: number, rows: number): boolean {
  return words <= MAX_MASK_WORDS || (words <= MAX_WIDE_MASK_WORDS && customers * words <= WIDE_WORDS_PER_ROW * rows);
}
/** Customers per partition of the bit-setting pass: 2^15 customers' words stay in cache. */
export const PART_SHIFT = 15;

/**
 * Customers' words (customers x words) up to which pass 1 sets the bits itself, in one
 * copy per thread (see MaskJob.threadBits): a random write per row into up to 32 MB
 * cost less than the scatter and bit passes it saves (10M rows on two threads, CPU:
 * 100k and 1M customers monthly 0.29 and 0.20 s -> 0.12 and 0.13 s, 5M 0.26 -> 0.16 s,
 * 1M weekly 0.21 -> 0.16 s; 1M daily, 12M words, no gain, so it keeps the passes).
 */
export const DIRECT_WORDS = 1 << 23;

/** Rows per work item: the local-day scratch (256 KB) stays in cache. */
const CHUNK = 1 << 16;
/** From this many rows, a second thread shares the passes (when the columns are shared). */
const PARALLEL_ROWS = 1 << 20;

export interface PeriodMaskOptions {
  period: Granularity;
  weekStart: WeekStart;
  zone: Zone;
  /** The earliest readable time of the column, when known (else found with a pass). */
  earliest?: number;
  /** Amount columns (multiplied) to carry beside the grouped rows, for revenue. */
  amountFactors?: Float64Array[];
  /** False keeps every pass on this thread (default: a worker thread helps with big inputs). */
  threads?: boolean;
  /** Customers' words up to which pass 1 sets the bits itself (default DIRECT_WORDS; 0: never, for tests). */
  directWords?: number;
  /**
   * Other work of the caller, run on this thread once the first pass is handed to the
   * worker (when one shares it), before this thread claims the pass's chunks left: the
   * worker then runs the pass meanwhile. Called exactly once, whatever the path.
   */
  meanwhile?: () => void;
}

/**
 * periodMasks: one pass over the activity rows as read (no compaction) that decides
 * which rows count, exactly as prepareEvents does (same reasons, same order, same
 * report), and sets bit (period - base) of the row's customer. The bits are set
 * partition by partition of customers (rows scattered by customer range first), since
 * a random write per row into megabytes of per-customer words misses the cache. With
 * first-activity anchors this is all a classic or unbounded matrix needs: the lowest
 * bit is the anchor's period, the others are the offsets with activity.
 *
 *   rows (per chunk: which rows count, bit, counts per partition)
 *       -> slots (chunk x partition) -> scatter (per chunk) -> bits (per partition)
 *
 * The passes are kernels over chunks and partitions (mask-chunks.ts) that a worker
 * thread shares when the big columns are on SharedArrayBuffers (run-chunks.ts); the
 * output is the same on one thread or two.
 *
 * Undefined, with the report untouched, when the periods from the earliest time to
 * as-of need more words than masksFit allows, or a local day falls outside the range
 * seen at the start (a backward zone change over midnight): the general path then runs.
 */
export function periodMasks(inp: EventInputs, opts: PeriodMaskOptions, report: LoadReport): PeriodMasks | undefined {
  const { customer, time, mask, customerRemoved, asOf } = inp;
  const { zone, period, weekStart } = opts;
  const n = customer.length;
  const customers = inp.customerCount ?? 0;
  const earliest = opts.earliest ?? earliestTime(time);
  if (!(earliest < asOf) || customers === 0) return void opts.meanwhile?.();
  const firstDay = localDay(earliest, zone);
  const lastDay = localDay(asOf - 1, zone);
  if (firstDay === NO_DAY || lastDay === NO_DAY) return void opts.meanwhile?.();
  const base = periodOfDay(firstDay, period, weekStart);
  const span = periodOfDay(lastDay, period, weekStart) - base + 1;
  const words = Math.ceil(span / 32);
  if (!masksFit(words, customers, n)) return void opts.meanwhile?.();
  const wide = words > MAX_MASK_WORDS;
  const dayCount = lastDay - firstDay + 1;
  const dayBit = new Int32Array(dayCount);
  for (let d = 0; d < dayCount; ++d) dayBit[d] = periodOfDay(firstDay + d, period, weekStart) - base;

  const chunks = Math.ceil(n / CHUNK);
  const parts = ((customers - 1) >> PART_SHIFT) + 1;
  // Two threads share the passes when the columns are on SharedArrayBuffers (loaders put
  // big ones there); the small per-row flags are copied there.
  const factors = opts.amountFactors;
  const shared =
    n >= PARALLEL_ROWS && isShared(customer) && isShared(time) && (factors ?? []).every(isShared) && opts.threads !== false;
  const alloc = shared ? sharedArray : plainArray;
  const job: MaskJob = {
    n,
    chunkRows: CHUNK,
    customer,
    time,
    mask: mask && shared ? asShared(mask) : mask,
    removed: customerRemoved && shared ? asShared(customerRemoved) : customerRemoved,
    asOf,
    zone: zone.name,
    firstDay,
    dayBit: shared ? copyShared(dayBit) : dayBit,
    partShift: PART_SHIFT,
    parts,
    words,
    noBit: wide ? NO_WIDE_BIT : NO_BIT,
    bitShift: wide ? 16 : 8,
    stats: alloc(Int32Array, chunks * STATS),
    partCounts: alloc(Int32Array, chunks * parts),
    f0: factors?.[0],
    f1: factors && factors.length > 1 ? factors[1] : undefined,
  };
  // Few customers' words (and no amounts to group): pass 1 sets the bits, one copy per thread.
  const direct = !factors && customers * words <= (opts.directWords ?? DIRECT_WORDS);
  // The row bits are written only for the scatter pass: 10M rows' bytes cost ~a third
  // of pass 1 (a fresh 10 MB to fault in and stream out).
  if (!direct) job.rowBit = wide ? alloc(Uint16Array, n) : alloc(Uint8Array, n);
  if (direct) job.threadBits = shared ? [alloc(Uint32Array, customers * words), alloc(Uint32Array, customers * words)] : [new Uint32Array(customers * words)];
  if (opts.meanwhile) {
    const started = shared ? startChunks('rows', job, chunks, { holdBackground: true }) : undefined;
    try {
      opts.meanwhile();
    } finally {
      // Also when it throws: the pass handed out is finished, and its hold on the background gate let go.
      if (started) started.finish(maskRows);
      else for (let k = 0; k < chunks; ++k) maskRows(job, k);
    }
  } else {
    runChunks('rows', maskRows, job, chunks, shared);
  }

  const { stats } = job;
  const total = new Float64Array(STATS);
  for (let k = 0; k < chunks; ++k) for (let s = 0; s < STATS; ++s) total[s] += stats[k * STATS + s];
  if (total[S_OUT_OF_RANGE] > 0) return undefined;
  // Rows whose time did not parse: missing or unreadable, by the raw value.
  let missingTime = 0;
  let badTime = 0;
  const badTimeRows: number[] = [];
  if (total[S_NAN_TIME] > 0) {
    const readRaw = rowReader(inp.rawTime);
    for (let k = 0; k < chunks; ++k) {
      if (stats[k * STATS + S_NAN_TIME] === 0) continue;
      for (let i = k * CHUNK, hi = Math.min(n, i + CHUNK); i < hi; ++i) {
        if (customer[i] < 0 || time[i] === time[i]) continue;
        if (isMissingTime(readRaw(i))) ++missingTime;
        else {
          ++badTime;
          if (badTimeRows.length < 5) badTimeRows.push(i + 1);
        }
      }
    }
  }
  const kept = total[S_KEPT];

  if (job.threadBits) job.bits = orBits(job.threadBits);
  else scatterBits(job, chunks, customers, kept, shared);

  const ex = report.excluded;
  ex.missingId += total[S_MISSING_ID];
  ex.unknownCustomer += total[S_UNKNOWN];
  ex.missingTime += missingTime;
  ex.badTime += badTime;
  for (const r of badTimeRows) if (ex.badTimeRows.length < 5) ex.badTimeRows.push(r);
  ex.filtered += total[S_FILTERED];
  ex.afterAsOf += total[S_AFTER_AS_OF];
  report.rowsUsed = kept;
  const grouped = job.amount ? { partStart: job.partStart!, packed: job.packed!, amount: job.amount } : undefined;
  const rowBit = job.rowBit;
  const bitOfRow = rowBit ? (i: number): number => rowBit[i] : (i: number): number => countedBit(job, i, zone);
  return { base, words, bits: job.bits!, kept, rowBit, bitOfRow, noBit: job.noBit, bitShift: job.bitShift, grouped };
}

/** The threads' copies of the bits OR-ed into the first. */
function orBits(copies: Uint32Array[]): Uint32Array {
  const [bits, ...rest] = copies;
  for (const other of rest) for (let i = 0; i < bits.length; ++i) bits[i] |= other[i];
  return bits;
}

const plainArray = <T>(C: new (n: number) => T, n: number): T => new C(n);

/** The smallest non-NaN value (Infinity when none). */
export function earliestTime(time: Float64Array): number {
  let min = Infinity;
  for (let i = 0; i < time.length; ++i) if (time[i] < min) min = time[i];
  return min;
}

/**
 * Each customer's lowest bit (its anchor period - base), -1 when it has none.
 */
export function lowestBits(masks: PeriodMasks): Int32Array {
  const { bits, words } = masks;
  const customers = bits.length / words;
  const out = new Int32Array(customers);
  for (let c = 0; c < customers; ++c) {
    let low = -1;
    for (let w = 0; w < words; ++w) {
      const m = bits[c * words + w];
      if (m !== 0) {
        low = w * 32 + 31 - Math.clz32(m & -m);
        break;
      }
    }
    out[c] = low;
  }
  return out;
}
