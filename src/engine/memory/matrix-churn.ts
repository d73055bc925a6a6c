import type { LoadReport } from '../../report/load-report.js';
import type { NormalizedMatrixSpec } from '../../spec/normalize.js';
import { elapsedOffset } from '../../time/elapsed.js';
import { localDays, NO_DAY } from '../../time/local-days.js';
import type { ParsedTimes } from '../../time/parse-time.js';
import { periodsOfDays } from '../../time/periods.js';
import type { Zone } from '../../time/zone.js';
import { churnTimes, emptyChurnReport } from './churn-times.js';
import { rowReader, type AnyColumn } from './column-keys.js';
import type { CustomerIndex } from './customer-index.js';
import type { Events } from './prepare-events.js';

/**
 * matrixChurn: churn instants per customer for --mode survival, from the churn column
 * of the customers table or inferred from inactivity. Customers whose churn is before
 * their anchor or unreadable leave every cohort (anchor set to NaN) and are counted.
 */
export function matrixChurn(
  spec: NormalizedMatrixSpec,
  anchor: Float64Array,
  asOf: number,
  index: CustomerIndex,
  parsed: { times: ParsedTimes; raw: AnyColumn } | undefined,
  events: Events | undefined,
  report: LoadReport,
): Float64Array {
  const churnReport = emptyChurnReport();
  report.churn = churnReport;
  if (parsed && index.customersRow) {
    const { ms } = parsed.times;
    const bad = new Uint8Array(ms.length);
    if (parsed.times.bad > 0) {
      // Present but unreadable churn values: their customers leave the run, counted.
      const read = rowReader(parsed.raw);
      for (let row = 0; row < ms.length; ++row) {
        if (ms[row] === ms[row]) continue;
        const v = read(row);
        if (!(v === null || v === undefined || v === '' || (typeof v === 'number' && v !== v))) bad[row] = 1;
      }
    }
    return churnTimes(anchor, asOf, { churnByRow: ms, customersRow: index.customersRow, badByRow: bad }, churnReport);
  }
  return churnTimes(
    anchor,
    asOf,
    {
      inactiveAfterDays: spec.inactiveAfterDays!,
      eventCustomer: events?.customer ?? new Int32Array(0),
      eventTime: events?.time ?? new Float64Array(0),
    },
    churnReport,
  );
}

/**
 * aliveThrough: per customer, the last offset at whose end it is still a customer:
 * a churn in offset period K means alive through K - 1; never churned = through every
 * offset (2^30). -1 = churned within its anchor's own period. NaN anchors give -1.
 */
export function aliveThrough(
  churn: Float64Array,
  anchor: Float64Array,
  spec: Pick<NormalizedMatrixSpec, 'period' | 'offsets' | 'weekStart'>,
  zone: Zone,
): Int32Array {
  const n = churn.length;
  const last = new Int32Array(n).fill(-1);
  if (spec.offsets === 'elapsed') {
    for (let c = 0; c < n; ++c) {
      if (anchor[c] !== anchor[c]) continue;
      last[c] = churn[c] !== churn[c] ? 1 << 30 : elapsedOffset(anchor[c], churn[c], spec.period, zone) - 1;
    }
    return last;
  }
  const ap = periodsOfDays(localDays(anchor, zone), spec.period, spec.weekStart);
  const cp = periodsOfDays(localDays(churn, zone), spec.period, spec.weekStart);
  for (let c = 0; c < n; ++c) {
    if (ap[c] === NO_DAY) continue;
    last[c] = cp[c] === NO_DAY ? 1 << 30 : cp[c] - ap[c] - 1;
  }
  return last;
}
