import type { LoadReport } from '../../report/load-report.js';
import { DAY_MS } from '../../time/civil.js';
import type { Granularity, WeekStart } from '../../spec/types.js';
import { localDay, localDays, NO_DAY } from '../../time/local-days.js';
import { periodOfDay } from '../../time/periods.js';
import type { Zone } from '../../time/zone.js';
import { rowReader } from './column-keys.js';
import { isMissingTime, type EventInputs } from './prepare-events.js';

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
  /** Per activity row, its bit (period - base), NO_BIT when the row does not count. */
  rowBit: Uint8Array;
  /**
   * With amounts: the counted rows grouped by customer partition (2^PART_SHIFT customers),
   * partition p at rows partStart[p] .. partStart[p + 1] - 1, each as
   * (customer - p * 2^PART_SHIFT) << 8 | bit, with its amount (NaN = missing) beside it.
   */
  grouped?: { partStart: Int32Array; packed: Int32Array; amount: Float64Array };
}

/** Masks wider than this many words (periods / 32) are left to the general kernel. */
export const MAX_MASK_WORDS = 7;
/** The rowBit of a row that does not count (bits stop at 32 * MAX_MASK_WORDS - 1). */
export const NO_BIT = 255;
/** Customers per partition of the bit-setting pass: 2^15 customers' words stay in cache. */
export const PART_SHIFT = 15;

/** Rows per chunk: the local-day scratch (256 KB) stays in cache. */
const CHUNK = 1 << 16;

export interface PeriodMaskOptions {
  period: Granularity;
  weekStart: WeekStart;
  zone: Zone;
  /** The earliest readable time of the column, when known (else found with a pass). */
  earliest?: number;
  /** Amount columns (multiplied) to carry beside the grouped rows, for revenue. */
  amountFactors?: Float64Array[];
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
 * Undefined, with the report untouched, when the periods from the earliest time to
 * as-of need more than MAX_MASK_WORDS words, or a local day falls outside the range
 * seen at the start (a backward zone change over midnight): the general path then runs.
 */
export function periodMasks(inp: EventInputs, opts: PeriodMaskOptions, report: LoadReport): PeriodMasks | undefined {
  const { customer, time, mask, customerRemoved, asOf } = inp;
  const { zone, period, weekStart } = opts;
  const n = customer.length;
  const customers = inp.customerCount ?? 0;
  const earliest = opts.earliest ?? earliestTime(time);
  if (!(earliest < asOf) || customers === 0) return undefined;
  const firstDay = localDay(earliest, zone);
  const lastDay = localDay(asOf - 1, zone);
  if (firstDay === NO_DAY || lastDay === NO_DAY) return undefined;
  const base = periodOfDay(firstDay, period, weekStart);
  const span = periodOfDay(lastDay, period, weekStart) - base + 1;
  const words = Math.ceil(span / 32);
  if (words > MAX_MASK_WORDS) return undefined;
  const dayCount = lastDay - firstDay + 1;
  const dayBit = new Int32Array(dayCount);
  for (let d = 0; d < dayCount; ++d) dayBit[d] = periodOfDay(firstDay + d, period, weekStart) - base;

  const rowBit = new Uint8Array(n);
  const parts = ((customers - 1) >> PART_SHIFT) + 1;
  const partRows = new Int32Array(parts + 1);
  const readRaw = rowReader(inp.rawTime);
  let missingId = 0;
  let unknownCustomer = 0;
  let missingTime = 0;
  let badTime = 0;
  const badTimeRows: number[] = [];
  let filtered = 0;
  let afterAsOf = 0;
  let kept = 0;
  rowBit.fill(NO_BIT);
  // UTC needs no offsets: the day is computed inline. Other zones get their local days
  // chunk by chunk (the offset table lookup of localDays), into a scratch in cache.
  const utc = zone.isUtc;
  const scratch = new Int32Array(utc ? 0 : Math.min(n, CHUNK));
  for (let lo = 0; lo < n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK);
    if (!utc) localDays(time.subarray(lo, hi), zone, scratch);
    for (let i = lo; i < hi; ++i) {
      const c = customer[i];
      if (c < 0) {
        if (c === -1) ++missingId;
        else ++unknownCustomer;
        continue;
      }
      const t = time[i];
      if (t !== t) {
        if (isMissingTime(readRaw(i))) ++missingTime;
        else {
          ++badTime;
          if (badTimeRows.length < 5) badTimeRows.push(i + 1);
        }
        continue;
      }
      if ((mask && !mask[i]) || (customerRemoved && customerRemoved[c])) {
        ++filtered;
        continue;
      }
      if (t >= asOf) {
        ++afterAsOf;
        continue;
      }
      const d = (utc ? Math.floor(t / DAY_MS) : scratch[i - lo]) - firstDay;
      if (d < 0 || d >= dayCount) return undefined;
      rowBit[i] = dayBit[d];
      partRows[(c >> PART_SHIFT) + 1]++;
      ++kept;
    }
  }
  const { bits, grouped } = setBits(customer, rowBit, partRows, customers, words, opts.amountFactors);

  const ex = report.excluded;
  ex.missingId += missingId;
  ex.unknownCustomer += unknownCustomer;
  ex.missingTime += missingTime;
  ex.badTime += badTime;
  for (const r of badTimeRows) if (ex.badTimeRows.length < 5) ex.badTimeRows.push(r);
  ex.filtered += filtered;
  ex.afterAsOf += afterAsOf;
  report.rowsUsed = kept;
  return { base, words, bits, kept, rowBit, grouped };
}

/**
 * The per-customer words from each row's bit: rows scattered by customer partition as
 * packed (customer within partition << 8 | bit), then each partition's bits set while
 * its words are in cache. One partition without amounts (small data) sets them directly.
 */
function setBits(
  customer: Int32Array,
  rowBit: Uint8Array,
  partRows: Int32Array,
  customers: number,
  words: number,
  factors: Float64Array[] | undefined,
): { bits: Uint32Array; grouped?: PeriodMasks['grouped'] } {
  const bits = new Uint32Array(customers * words);
  const n = rowBit.length;
  const parts = partRows.length - 1;
  if (parts === 1 && !factors) {
    for (let i = 0; i < n; ++i) {
      const b = rowBit[i];
      if (b === NO_BIT) continue;
      bits[customer[i] * words + (b >> 5)] |= 1 << (b & 31);
    }
    return { bits };
  }
  for (let p = 0; p < parts; ++p) partRows[p + 1] += partRows[p];
  const fill = partRows.slice(0, parts);
  const packed = new Int32Array(partRows[parts]);
  const low = (1 << PART_SHIFT) - 1;
  let amount: Float64Array | undefined;
  if (factors) {
    amount = new Float64Array(partRows[parts]);
    const f0 = factors[0];
    const f1 = factors.length > 1 ? factors[1] : undefined;
    for (let i = 0; i < n; ++i) {
      const b = rowBit[i];
      if (b === NO_BIT) continue;
      const c = customer[i];
      const j = fill[c >> PART_SHIFT]++;
      packed[j] = ((c & low) << 8) | b;
      amount[j] = f1 ? f0[i] * f1[i] : f0[i];
    }
  } else {
    for (let i = 0; i < n; ++i) {
      const b = rowBit[i];
      if (b === NO_BIT) continue;
      const c = customer[i];
      packed[fill[c >> PART_SHIFT]++] = ((c & low) << 8) | b;
    }
  }
  for (let p = 0; p < parts; ++p) {
    const first = p << PART_SHIFT;
    const end = partRows[p + 1];
    if (words === 1) {
      for (let j = partRows[p]; j < end; ++j) {
        const v = packed[j];
        bits[first + (v >> 8)] |= 1 << (v & 31);
      }
    } else {
      for (let j = partRows[p]; j < end; ++j) {
        const v = packed[j];
        const b = v & 255;
        bits[(first + (v >> 8)) * words + (b >> 5)] |= 1 << (b & 31);
      }
    }
  }
  return { bits, grouped: amount ? { partStart: partRows, packed, amount } : undefined };
}

/** The smallest non-NaN value (Infinity when none). */
function earliestTime(time: Float64Array): number {
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
