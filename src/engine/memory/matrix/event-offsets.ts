import type { LoadReport } from '../../../report/load-report.js';
import type { NormalizedMatrixSpec } from '../../../spec/normalize.js';
import { addElapsed, elapsedOffset, elapsedOffsets } from '../../../time/elapsed.js';
import { localDays, NO_DAY } from '../../../time/local-days.js';
import { periodsOfDays, periodsOfInstants, periodStartInstant } from '../../../time/periods.js';
import type { Zone } from '../../../time/zone.js';
import type { Cohorts } from '../prepare/assign-cohorts.js';
import type { AnchorRange } from './bit-cohorts.js';
import type { Events } from '../prepare/prepare-events.js';

/** Events per chunk of the calendar offset pass (scratch of 256 KB). */
const CHUNK = 1 << 16;

type OffsetSpec = Pick<NormalizedMatrixSpec, 'period' | 'offsets' | 'weekStart' | 'maxOffset'>;

/**
 * eventOffsets: the offset k of each event from its customer's anchor (METRICS.md
 * section 2), calendar or elapsed. Events before the anchor get -1 and are counted.
 */
export function eventOffsets(
  events: Events,
  anchor: Float64Array,
  spec: OffsetSpec,
  zone: Zone,
  report: LoadReport,
): Int32Array {
  const n = events.n;
  const { customer } = events;
  let k: Int32Array;
  let before = 0;
  let orphan = 0;
  if (spec.offsets === 'elapsed') {
    const anchorOfRow = new Float64Array(n);
    for (let i = 0; i < n; ++i) anchorOfRow[i] = anchor[customer[i]];
    k = elapsedOffsets(anchorOfRow, events.time, spec.period, zone);
    for (let i = 0; i < n; ++i) {
      if (anchorOfRow[i] !== anchorOfRow[i]) {
        k[i] = -1;
        ++orphan;
      } else if (k[i] < 0) {
        k[i] = -1;
        ++before;
      }
    }
  } else {
    const ap = periodsOfInstants(anchor, zone, spec.period, spec.weekStart);
    k = new Int32Array(n);
    // Chunk by chunk, so the day and period scratch stays in cache: one read of the
    // events and one write of k instead of a pass per step.
    const scratch = new Int32Array(Math.min(n, CHUNK));
    for (let lo = 0; lo < n; lo += CHUNK) {
      const hi = Math.min(n, lo + CHUNK);
      const p = scratch.subarray(0, hi - lo);
      localDays(events.time.subarray(lo, hi), zone, p);
      periodsOfDays(p, spec.period, spec.weekStart, p);
      for (let i = lo; i < hi; ++i) {
        const a = ap[customer[i]];
        if (a === NO_DAY) {
          k[i] = -1;
          ++orphan;
          continue;
        }
        const off = p[i - lo] - a;
        // METRICS.md: before the anchor means k < 0; an earlier event in the anchor's own
        // calendar period is at k = 0.
        if (off < 0) ++before;
        k[i] = off < 0 ? -1 : off;
      }
    }
  }
  report.excluded.beforeAnchor += before;
  report.excluded.customerLeftOut += orphan;
  return k;
}

/** How many offsets the matrix has and which of its cells are complete. */
export interface OffsetSpan {
  width: number;
  /** 1 where cell (c, k) at c * width + k is complete. */
  complete: Uint8Array;
  /** 1 where the cell's period has begun before as-of for some member (shown with --partial). */
  observed: Uint8Array;
  /**
   * Per cohort, the offset-granularity period of its anchors when they all share one
   * (calendar offsets), so cell k is that period + k; NO_DAY otherwise.
   */
  cellPeriod: Int32Array;
}

/**
 * offsetSpan: offsets run from 0 to the offset of the as-of period from the earliest
 * anchor (capped by maxOffset). Cell (c, k) is complete when the period at offset k of
 * the cohort's LATEST anchor ends at or before as-of, so no member's cell is unobserved.
 * `range` gives each cohort's anchor periods when the caller knows them (calendar offsets).
 */
export function offsetSpan(
  anchor: Float64Array,
  cohorts: Cohorts,
  spec: OffsetSpec,
  zone: Zone,
  asOf: number,
  range?: AnchorRange,
): OffsetSpan {
  const H = cohorts.count;
  const cellPeriod = new Int32Array(H).fill(NO_DAY);
  if (spec.offsets === 'elapsed') {
    const lo = new Float64Array(H).fill(Infinity);
    const hi = new Float64Array(H).fill(-Infinity);
    spread(anchor, cohorts.of, lo, hi);
    let first = Infinity;
    for (let h = 0; h < H; ++h) first = Math.min(first, lo[h]);
    const width = clampWidth(H ? elapsedOffset(first, asOf - 1, spec.period, zone) + 1 : 1, spec.maxOffset);
    const complete = new Uint8Array(H * width);
    const observed = new Uint8Array(H * width);
    for (let h = 0; h < H; ++h) {
      for (let k = 0; k < width; ++k) {
        if (addElapsed(lo[h], k, spec.period, zone) >= asOf) break;
        observed[h * width + k] = 1;
        if (addElapsed(hi[h], k + 1, spec.period, zone) <= asOf) complete[h * width + k] = 1;
      }
    }
    return { width, complete, observed, cellPeriod };
  }

  const { lo, hi } = range ?? calendarAnchorRange(anchor, cohorts, spec, zone);
  let first = Infinity;
  for (let h = 0; h < H; ++h) first = Math.min(first, lo[h]);
  const lastObserved = periodsOfDays(localDays(Float64Array.of(asOf - 1), zone), spec.period, spec.weekStart)[0];
  const width = clampWidth(H ? lastObserved - first + 1 : 1, spec.maxOffset);
  const complete = new Uint8Array(H * width);
  const observed = new Uint8Array(H * width);
  for (let h = 0; h < H; ++h) {
    if (lo[h] === hi[h]) cellPeriod[h] = lo[h];
    for (let k = 0; k < width; ++k) {
      if (periodStartInstant(lo[h] + k, spec.period, spec.weekStart, zone) >= asOf) break;
      observed[h * width + k] = 1;
      if (periodStartInstant(hi[h] + k + 1, spec.period, spec.weekStart, zone) <= asOf) complete[h * width + k] = 1;
    }
  }
  return { width, complete, observed, cellPeriod };
}

/** Per cohort, the smallest and largest anchor period (offset granularity). */
function calendarAnchorRange(anchor: Float64Array, cohorts: Cohorts, spec: OffsetSpec, zone: Zone): AnchorRange {
  const ap = periodsOfInstants(anchor, zone, spec.period, spec.weekStart);
  const apf = new Float64Array(ap.length);
  for (let c = 0; c < ap.length; ++c) apf[c] = ap[c] === NO_DAY ? NaN : ap[c];
  const lo = new Float64Array(cohorts.count).fill(Infinity);
  const hi = new Float64Array(cohorts.count).fill(-Infinity);
  spread(apf, cohorts.of, lo, hi);
  return { lo, hi };
}

/** Per cohort, the smallest and largest of a per-customer value (NaN skipped). */
function spread(values: Float64Array, of: Int32Array, lo: Float64Array, hi: Float64Array): void {
  for (let c = 0; c < of.length; ++c) {
    const h = of[c];
    const v = values[c];
    if (h < 0 || v !== v) continue;
    if (v < lo[h]) lo[h] = v;
    if (v > hi[h]) hi[h] = v;
  }
}

function clampWidth(width: number, maxOffset: number | undefined): number {
  const w = Math.max(1, width);
  return maxOffset === undefined ? w : Math.min(w, maxOffset + 1);
}
