import { fail } from '../../errors.js';
import type { MatrixPlan } from '../../plan/plan.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { assignCohorts, type AttributeKeys } from './assign-cohorts.js';
import { columnKeys } from './column-keys.js';
import { eventOffsets, offsetSpan } from './event-offsets.js';
import { tableColumn, type InputTables } from './input-tables.js';
import { aliveThrough, matrixChurn } from './matrix-churn.js';
import { countThrough, matrixKernel } from './matrix-kernel.js';
import { matrixValues } from './matrix-values.js';
import { prepareRun } from './prepare-run.js';

/**
 * executeMatrix: run a matrix plan on loaded tables, in memory.
 *
 *   prepareRun (ids -> customers -> times -> as-of -> filters -> events -> anchors)
 *       -> [churn] -> cohorts -> offsets -> kernel (cell counts) -> values + completeness
 */
export function executeMatrix(p: MatrixPlan, inputs: InputTables): MatrixResult {
  const spec = p.spec;
  const activityAttributes = spec.cohort.attributes.some((a) => a.table === 'activity');
  const run = prepareRun(spec, inputs, {
    signupAnchor: spec.anchor === 'signup',
    amounts: p.needs.revenue,
    firstEvents: activityAttributes,
    extraTime: spec.mode === 'survival' ? spec.customers?.churn : undefined,
  });
  const { zone, report, index, events, anchor, asOf } = run;

  const churn = spec.mode === 'survival' ? matrixChurn(spec, run) : undefined;

  const attributes: AttributeKeys[] = spec.cohort.attributes.map(({ column, table }) => {
    const d = table === 'customers' ? run.cus! : run.act!;
    const k = columnKeys(tableColumn(d.table, column));
    const keys = new Int32Array(index.count).fill(-1);
    for (let c = 0; c < index.count; ++c) {
      const first = run.firstEvent[c];
      const row = table === 'customers' ? index.customersRow![c] : first >= 0 ? events!.row![first] : -1;
      if (row >= 0 && k.keys[row] !== k.nullKey) keys[c] = k.keys[row];
    }
    return { name: column, keys, value: k.value };
  });
  const cohorts = assignCohorts(anchor, spec.cohort.time, spec.weekStart, zone, attributes);
  report.customers.inCohorts = cohorts.of.reduce((s, h) => s + (h >= 0 ? 1 : 0), 0);
  if (events && events.n === 0 && spec.anchor !== 'signup') fail('noActivity', {});

  const span = offsetSpan(anchor, cohorts, spec, zone, asOf);
  const offset = events ? eventOffsets(events, anchor, spec, zone, report) : new Int32Array(0);
  const counts = matrixKernel(
    {
      customer: events?.customer ?? new Int32Array(0),
      offset,
      amount: events?.amount,
      cohortOf: cohorts.of,
      cohortCount: cohorts.count,
      width: span.width,
    },
    p.needs,
  );
  if (churn) counts.survivors = countThrough(aliveThrough(churn, anchor, spec, zone), cohorts.of, cohorts.count, span.width);
  report.rowsUsed -= report.excluded.beforeAnchor + report.excluded.customerLeftOut;
  return matrixValues({ spec, asOf, cohorts, counts, complete: span.complete, observed: span.observed, cellPeriod: span.cellPeriod, report });
}
