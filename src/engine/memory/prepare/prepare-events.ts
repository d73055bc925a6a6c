import type { LoadReport } from '../../../report/load-report.js';
import { numericColumn, rowReader, type AnyColumn } from './column-keys.js';
import { isMissingTimeText } from '../../../load/times/text-times.js';

/** Activity rows that count, compacted into parallel typed arrays. */
export interface Events {
  n: number;
  /** Customer number of each event. */
  customer: Int32Array;
  /** Instant of each event, epoch ms. */
  time: Float64Array;
  /** Amount of each event (NaN = missing), when the plan needs amounts. */
  amount?: Float64Array;
  /** 0-based row of each event in the activity table, when asked for (attributes of the first event). */
  row?: Int32Array;
}

export interface EventInputs {
  customer: Int32Array;
  time: Float64Array;
  rawTime: AnyColumn;
  /** Activity rows kept by --where (1 = kept). */
  mask?: Uint8Array;
  /** Customers removed by a --where on the customers table (1 = removed). */
  customerRemoved?: Uint8Array;
  amountFactors?: AnyColumn[];
  asOf: number;
  /** Number of customers (customer numbers are below it); found from the data when omitted. */
  customerCount?: number;
  /** Keep each event's row number (costs a pass of writes; only attributes need it). */
  withRows?: boolean;
}

/**
 * Whether the raw value of a row whose time did not parse was missing (null, empty,
 * NaN) rather than unreadable: the one rule of prepareEvents and periodMasks.
 */
export function isMissingTime(raw: unknown): boolean {
  // "NULL", "\N", "NaT"...: read as missing by the time parser (text-times.ts), so reported as missing, not unreadable.
  return raw === null || raw === undefined || raw === '' || (typeof raw === 'number' && raw !== raw) || (typeof raw === 'string' && isMissingTimeText(raw));
}

/** Customers per partition: 2^15, so ~32K customers' state (~0.5 MB) stays in cache. */
function partitionShift(customers: number): number {
  return customers > 1 << 16 ? 15 : 31;
}

/**
 * prepareEvents: keep the activity rows that count and say why the others were left out.
 * Each left-out row is counted once, under the first reason that applies, in this order:
 * missing id, unknown id, missing time, unreadable time, filtered, at or after as-of.
 * Kept events come out grouped by customer range (in row order within a range).
 */
export function prepareEvents(inp: EventInputs, report: LoadReport): Events {
  const { customer, time, mask, customerRemoved, asOf } = inp;
  const n = customer.length;
  const ex = report.excluded;
  const readRaw = rowReader(inp.rawTime);
  const keep = new Uint8Array(n);
  let kept = 0;
  let customers = inp.customerCount;
  if (customers === undefined) {
    customers = 0;
    for (let i = 0; i < n; ++i) if (customer[i] >= customers) customers = customer[i] + 1;
  }
  // Scatter kept rows into partitions by customer range, stable within each, so later
  // passes touch per-customer arrays one cache-sized slice at a time.
  const shift = partitionShift(customers);
  const parts = (Math.max(customers - 1, 0) >> shift) + 1;
  const fill = new Int32Array(parts + 1);
  for (let i = 0; i < n; ++i) {
    const c = customer[i];
    if (c < 0) {
      if (c === -1) ++ex.missingId;
      else ++ex.unknownCustomer;
      continue;
    }
    const t = time[i];
    if (t !== t) {
      if (isMissingTime(readRaw(i))) {
        ++ex.missingTime;
      } else {
        ++ex.badTime;
        if (ex.badTimeRows.length < 5) ex.badTimeRows.push(i + 1);
      }
      continue;
    }
    if ((mask && !mask[i]) || (customerRemoved && customerRemoved[c])) {
      ++ex.filtered;
      continue;
    }
    if (t >= asOf) {
      ++ex.afterAsOf;
      continue;
    }
    keep[i] = 1;
    ++kept;
    fill[(c >> shift) + 1]++;
  }

  for (let p = 0; p < parts; ++p) fill[p + 1] += fill[p];

  const out: Events = {
    n: kept,
    customer: new Int32Array(kept),
    time: new Float64Array(kept),
    row: inp.withRows ? new Int32Array(kept) : undefined,
  };
  let factors: Float64Array[] | undefined;
  if (inp.amountFactors) {
    out.amount = new Float64Array(kept);
    factors = inp.amountFactors.map(numericColumn);
  }
  const oc = out.customer;
  const ot = out.time;
  const or = out.row;
  for (let i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    const c = customer[i];
    const j = fill[c >> shift]++;
    oc[j] = c;
    ot[j] = time[i];
    if (or) or[j] = i;
    if (factors) {
      let a = factors[0][i];
      if (factors.length > 1) a *= factors[1][i];
      if (a !== a) ++report.missingAmounts;
      out.amount![j] = a;
    }
  }
  report.rowsUsed = kept;
  return out;
}
