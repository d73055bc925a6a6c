import { fail } from '../../errors.js';
import type { MatrixPlan } from '../../plan/plan.js';
import { emptyReport, type LoadReport } from '../../report/load-report.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { localDays } from '../../time/local-days.js';
import { periodOfDay, periodStartInstant } from '../../time/periods.js';
import { parseTimeColumn } from '../../time/parse-time.js';
import { timeZone, type Zone } from '../../time/zone.js';
import { assignCohorts, type AttributeKeys } from './assign-cohorts.js';
import { columnKeys } from './column-keys.js';
import { customerIndex } from './customer-index.js';
import { eventOffsets, offsetSpan } from './event-offsets.js';
import { filterMask } from './filter-mask.js';
import { columnKind, filterSource, tableColumn, type InputTables } from './input-tables.js';
import { aliveThrough, matrixChurn } from './matrix-churn.js';
import { countThrough, matrixKernel } from './matrix-kernel.js';
import { matrixValues } from './matrix-values.js';
import { prepareEvents } from './prepare-events.js';

/**
 * executeMatrix: run a matrix plan on loaded tables, in memory.
 *
 *   ids -> customer index -> times -> as-of -> filters -> events -> anchors
 *       -> cohorts -> offsets -> kernel (cell counts) -> values + completeness
 */
export function executeMatrix(p: MatrixPlan, inputs: InputTables): MatrixResult {
  const spec = p.spec;
  const zone = timeZone(spec.tz);
  const report = emptyReport();
  const act = spec.activity && inputs.activity;
  const cus = spec.customers && inputs.customers;
  if (act) report.files.push({ role: 'activity', file: act.file, rows: act.rowsRead });
  if (cus) report.files.push({ role: 'customers', file: cus.file, rows: cus.rowsRead });
  report.rowsRead = act ? act.table.numRows() : 0;

  const index = customerIndex(
    act ? tableColumn(act.table, spec.activity!.id) : undefined,
    cus ? tableColumn(cus.table, spec.customers!.id) : undefined,
    report,
    { strict: spec.strict, activityFile: act?.file },
  );

  const parse = (d: NonNullable<typeof act>, column: string): Float64Array =>
    parseTimeColumn(tableColumn(d.table, column), columnKind(d, column), {
      zone, format: spec.dateFormat, file: d.file, column,
    }).ms;
  const actTime = act ? parse(act, spec.activity!.time) : undefined;
  const signupByRow = cus && spec.anchor === 'signup' ? parse(cus, spec.customers!.signup!) : undefined;
  report.anchor = signupByRow ? `signup (${spec.customers!.signup})` : 'first activity';

  const churnColumn = spec.mode === 'survival' ? spec.customers?.churn : undefined;
  const churnParsed =
    cus && churnColumn
      ? {
          raw: tableColumn(cus.table, churnColumn),
          times: parseTimeColumn(tableColumn(cus.table, churnColumn), columnKind(cus, churnColumn), {
            zone, format: spec.dateFormat, file: cus.file, column: churnColumn,
          }),
        }
      : undefined;
  const asOf = spec.asOf ?? defaultAsOf([actTime, signupByRow, churnParsed?.times.ms], zone);

  // Customers removed by --where on the customers table, by customer number.
  let customerRemoved: Uint8Array | undefined;
  const cusFilters = spec.filters.filter((f) => f.table === 'customers');
  if (cus && cusFilters.length) {
    const keep = filterMask(cusFilters, filterSource(cus));
    customerRemoved = new Uint8Array(index.count);
    for (let c = 0; c < index.count; ++c) {
      if (!keep[index.customersRow![c]]) {
        customerRemoved[c] = 1;
        ++report.customers.excluded.filtered;
      }
    }
  }

  const events = act
    ? prepareEvents(
        {
          customer: index.activityCustomer!,
          time: actTime!,
          rawTime: tableColumn(act.table, spec.activity!.time),
          mask: filterMask(spec.filters.filter((f) => f.table === 'activity'), filterSource(act)),
          customerRemoved,
          amountFactors: p.needs.revenue ? spec.activity!.amount!.map((c) => tableColumn(act.table, c)) : undefined,
          asOf,
          customerCount: index.count,
          withRows: spec.cohort.attributes.some((a) => a.table === 'activity'),
        },
        report,
      )
    : undefined;

  // Anchors: signup when the customers table has one, else the first counted activity.
  const anchor = new Float64Array(index.count).fill(NaN);
  const firstRow = new Int32Array(index.count).fill(-1);
  if (signupByRow) {
    const ex = report.customers.excluded;
    for (let c = 0; c < index.count; ++c) {
      if (customerRemoved?.[c]) continue;
      const t = signupByRow[index.customersRow![c]];
      if (t !== t) ++ex.missingSignup;
      else if (t >= asOf) ++ex.afterAsOf;
      else anchor[c] = t;
    }
  }
  if (events) {
    const { customer, time } = events;
    if (!signupByRow) {
      for (let i = 0; i < events.n; ++i) {
        const c = customer[i];
        if (!(time[i] >= anchor[c])) anchor[c] = time[i];
      }
    }
    // The first event's row, for attributes read from the activity table.
    if (spec.cohort.attributes.some((a) => a.table === 'activity')) {
      const firstTime = new Float64Array(index.count).fill(Infinity);
      for (let i = 0; i < events.n; ++i) {
        const c = customer[i];
        if (time[i] < firstTime[c]) {
          firstTime[c] = time[i];
          firstRow[c] = i;
        }
      }
    }
  }

  const churn = spec.mode === 'survival' ? matrixChurn(spec, anchor, asOf, index, churnParsed, events, report) : undefined;

  const attributes: AttributeKeys[] = spec.cohort.attributes.map(({ column, table }) => {
    const d = table === 'customers' ? cus! : act!;
    const k = columnKeys(tableColumn(d.table, column));
    const keys = new Int32Array(index.count).fill(-1);
    for (let c = 0; c < index.count; ++c) {
      const row = table === 'customers' ? index.customersRow![c] : firstRow[c] >= 0 ? events!.row![firstRow[c]] : -1;
      if (row >= 0 && k.keys[row] !== k.nullKey) keys[c] = k.keys[row];
    }
    return { name: column, keys, value: k.value };
  });
  const cohorts = assignCohorts(anchor, spec.cohort.time, spec.weekStart, zone, attributes);
  report.customers.inCohorts = cohorts.of.reduce((s, h) => s + (h >= 0 ? 1 : 0), 0);
  if (events && events.n === 0 && !signupByRow) fail('noActivity', {});

  const span = offsetSpan(anchor, cohorts, spec, zone, asOf);
  const offset = events
    ? eventOffsets(events, anchor, spec, zone, report)
    : new Int32Array(0);
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

/** End of the local day of the latest timestamp: the default as-of instant. */
function defaultAsOf(columns: (Float64Array | undefined)[], zone: Zone): number {
  let max = -Infinity;
  for (const col of columns) {
    if (!col) continue;
    for (let i = 0; i < col.length; ++i) if (col[i] > max) max = col[i];
  }
  if (max === -Infinity) fail('noActivity', {});
  const day = localDays(Float64Array.of(max), zone)[0];
  return periodStartInstant(periodOfDay(day, 'day', 'monday') + 1, 'day', 'monday', zone);
}

export type { LoadReport };
