import type { NormalizedMatrixSpec } from '../../../spec/normalize.js';
import { elapsedOffset } from '../../../time/elapsed.js';
import { NO_DAY } from '../../../time/local-days.js';
import { periodsOfInstants } from '../../../time/periods.js';
import type { Zone } from '../../../time/zone.js';
import type { ChurnReport } from '../../../report/load-report.js';
import { churnTimes, emptyChurnReport } from '../churn/churn-times.js';
import type { PreparedRun } from '../prepare/prepared-run.js';

/**
 * matrixChurn: churn instants per customer for --mode survival, from the churn column
 * of the customers table or inferred from inactivity. Customers whose churn is before
 * their anchor or unreadable leave every cohort (run.anchor becomes a copy where they
 * are NaN) and are counted.
 */
export function matrixChurn(spec: NormalizedMatrixSpec, run: PreparedRun): Float64Array {
  const churnReport = emptyChurnReport();
  run.report.churn = churnReport;
  const { churn, anchor } = churnOf(spec, run, churnReport);
  // Those left out are NaN in a copy: the run's anchors may be another part's too.
  run.anchor = anchor;
  return churn;
}

function churnOf(spec: NormalizedMatrixSpec, run: PreparedRun, churnReport: ChurnReport): { churn: Float64Array; anchor: Float64Array } {
  const { anchor, asOf, index, extra, events } = run;
  if (extra && index.customersRow) {
    return churnTimes(
      anchor,
      asOf,
      { churnByRow: extra.times.ms, customersRow: index.customersRow, badByRow: extra.unreadable },
      churnReport,
    );
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
  const ap = periodsOfInstants(anchor, zone, spec.period, spec.weekStart);
  const cp = periodsOfInstants(churn, zone, spec.period, spec.weekStart);
  for (let c = 0; c < n; ++c) {
    if (ap[c] === NO_DAY) continue;
    last[c] = cp[c] === NO_DAY ? 1 << 30 : cp[c] - ap[c] - 1;
  }
  return last;
}
