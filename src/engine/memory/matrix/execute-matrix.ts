import { fail } from '../../../errors.js';
import type { MatrixPlan, MeasureNeeds } from '../../../plan/matrix-plan.js';
import type { Granularity } from '../../../spec/types.js';
import { periodStartInstant } from '../../../time/periods.js';
import { asOfWarning, noCompleteCellWarning } from '../../../result/as-of-warning.js';
import type { MatrixResult } from '../../../result/matrix-result.js';
import { assignCohorts, type AttributeKeys } from '../prepare/assign-cohorts.js';
import { sharedCohorts } from '../prepare/shared-cohorts.js';
import { bitCohorts } from './bit-cohorts.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import { columnKeys, numericColumn } from '../prepare/column-keys.js';
import { eventOffsets, offsetSpan } from './event-offsets.js';
import type { InputTables } from '../../../load/input-tables.js';
import { aliveThrough, matrixChurn } from './matrix-churn.js';
import { capBy, countThrough, matrixKernel, type CellCounts } from './matrix-kernel.js';
import { lastCompleteOffsets, rollingCounts, type RollingCounts } from './rolling-limits.js';
import { maskKernel } from './mask-kernel.js';
import { earliestTime, lowestBits, periodMasks, type PeriodMasks } from './period-masks.js';
import { prepareEvents } from '../prepare/prepare-events.js';
import { matrixValues } from './matrix-values.js';
import { prepareRun } from '../prepare/prepare-run.js';
import type { Reusable } from '../prepare/prepared-run.js';
import type { SharedRejects } from '../../../report/rejects.js';
import { bitRange, signupBits } from './signup-bits.js';
import { firstActivityAnchors } from '../prepare/run-columns.js';
import { smallestTiedKeys } from '../prepare/smallest-tied-keys.js';

/** Options of executeMatrix. */
export interface ExecuteOptions {
  /**
   * Use the fused period-mask path where it applies (default true). False forces the
   * general path (compacted events); both give the same numbers, which tests check.
   */
  fused?: boolean;
  /** Called with what a later run on the same customers table may reuse (RunOptions.reuse), and the run's as-of. */
  onPrepared?: (reusable: Reusable, asOf: number) => void;
  /** Number the customers in the activity ids' order where that saves a pass (RunOptions.activityOrder). */
  activityOrder?: boolean;
  /** The rejects file shared with the other parts of the analysis (RunOptions.sharedRejects). */
  sharedRejects?: SharedRejects;
}

/**
 * executeMatrix: run a matrix plan on loaded tables, in memory.
 *
 *   prepareRun (ids -> customers -> times -> as-of -> filters -> events -> anchors)
 *       -> [churn] -> cohorts -> offsets -> kernel (cell counts) -> values + completeness
 *
 * Fused path (first-activity anchor, calendar offsets, classic/unbounded/revenue/ltv):
 *
 *   prepareRun (rows left as read) -> periodMasks (one pass: which rows count, bit per
 *       period per customer) -> anchors (lowest bit) -> cohorts (bitCohorts when they are
 *       time-only) -> maskKernel -> values
 */
export function executeMatrix(p: MatrixPlan, inputs: InputTables, opts: ExecuteOptions = {}): MatrixResult {
  const spec = p.spec;
  const activityAttributes = spec.cohort.attributes.some((a) => a.table === 'activity');
  const fused = opts.fused !== false && fusedEligible(spec, p.needs, activityAttributes);
  const run = prepareRun(spec, inputs, {
    signupAnchor: spec.anchor === 'signup',
    amounts: p.needs.revenue,
    firstEvents: activityAttributes,
    extraTime: spec.mode === 'survival' ? spec.customers?.churn : undefined,
    rawEvents: fused,
    activityOrder: opts.activityOrder,
    sharedRejects: opts.sharedRejects,
  });
  // Told while the worker runs the first pass of the period masks, where they are made.
  let told = false;
  const prepared = (): void => {
    if (told) return;
    told = true;
    opts.onPrepared?.({ shared: run.shared }, run.asOf);
  };
  const { zone, report, index, asOf } = run;
  let anchor = run.anchor;

  // Fused path: one pass of the raw rows into per-customer period masks; a customer's
  // anchor is its first active period (same cohort and offsets as its first instant,
  // since the cohort period is made of whole offset periods).
  // With signup anchors the masks start at the earliest of the activity and the anchors,
  // so every anchor has a bit (its signup period - base) and activity before it is left out.
  const signup = spec.anchor === 'signup';
  let masks: PeriodMasks | undefined;
  let anchorBit: Int32Array | undefined;
  if (fused && run.eventInputs) {
    masks = periodMasks(
      run.eventInputs,
      {
        period: spec.period,
        weekStart: spec.weekStart,
        zone,
        earliest: signup ? earliestOf(run.earliestActivity ?? earliestTime(run.eventInputs.time), run.earliestAnchor ?? earliestTime(anchor)) : run.earliestActivity,
        amountFactors: run.eventInputs.amountFactors?.map(numericColumn),
        meanwhile: opts.onPrepared && prepared,
      },
      report,
    );
    if (masks) {
      anchorBit = signup ? signupBits(masks, anchor, spec, zone, run.eventInputs.customer, report) : lowestBits(masks);
    } else {
      run.events = prepareEvents(run.eventInputs, report);
      if (!signup) firstActivityAnchors(run.events, anchor);
    }
  }
  prepared();
  const events = run.events;

  const churn = spec.mode === 'survival' ? matrixChurn(spec, run) : undefined;
  // matrixChurn leaves out customers in a copy of the anchors.
  anchor = run.anchor;

  const attributeKeys = (): AttributeKeys[] => spec.cohort.attributes.map((attribute) => {
    const { column, table } = attribute;
    const d = table === 'customers' ? run.cus! : run.act!;
    const k = columnKeys(attributeColumn(d.table, attribute));
    const keys = new Int32Array(index.count).fill(-1);
    for (let c = 0; c < index.count; ++c) {
      // firstEvent is there for activity attributes only (RunOptions.firstEvents).
      const row = table === 'customers' ? index.customersRow![c] : run.firstEvent[c] >= 0 ? events!.row![run.firstEvent[c]] : -1;
      if (row >= 0 && k.keys[row] !== k.nullKey) keys[c] = k.keys[row];
    }
    if (table === 'activity') smallestTiedKeys(keys, k, { events, firstEvent: run.firstEvent });
    return { name: column, keys, value: k.value };
  });
  // Time-only cohorts of a fused run come straight from the anchor bits.
  const fromBits =
    masks && anchorBit && !signup && spec.cohort.attributes.length === 0 && spec.cohort.time
      ? bitCohorts(anchorBit, masks.base, masks.words * 32, spec.period, spec.cohort.time, spec.weekStart)
      : undefined;
  // Otherwise assignCohorts and offsetSpan read anchor instants: a fused run's are the
  // starts of the customers' first active periods.
  if (masks && anchorBit && !signup && !fromBits) {
    const startOfBit = new Float64Array(masks.words * 32);
    for (let b = 0; b < startOfBit.length; ++b) startOfBit[b] = periodStartInstant(masks.base + b, spec.period, spec.weekStart, zone);
    for (let c = 0; c < anchorBit.length; ++c) if (anchorBit[c] >= 0) anchor[c] = startOfBit[anchorBit[c]];
  }
  const cohorts =
    fromBits?.cohorts ??
    (spec.cohort.time === undefined
      ? sharedCohorts(run.shared, { attributes: spec.cohort.attributes, customers: run.cus, customersRow: index.customersRow }, anchor, () =>
          assignCohorts(anchor, undefined, spec.weekStart, zone, attributeKeys()),
        )
      : assignCohorts(anchor, spec.cohort.time, spec.weekStart, zone, attributeKeys()));
  report.customers.inCohorts = cohorts.size.reduce((s, n) => s + n, 0);
  if (spec.anchor === 'first-activity' && index.customersRow) {
    report.customers.withoutActivity = customersWithoutActivity(index.customersRow, run.customerRemoved, cohorts.of, anchorBit, anchor);
  }
  const noEvents = masks ? masks.kept === 0 : events !== undefined && events.n === 0;
  if (noEvents && spec.anchor !== 'signup') {
    const { badTimeRows: _rows, ...left } = report.excluded;
    // The warnings so far (ids that match no customer) say what to check.
    fail('noActivity', { rows: report.rowsRead, left, warnings: report.warnings });
  }

  // A fused signup run knows each anchor's period already (base + its bit).
  const range = fromBits?.range ?? (signup && masks && anchorBit ? bitRange(anchorBit, masks.base, cohorts.of, cohorts.count) : undefined);
  const span = offsetSpan(anchor, cohorts, spec, zone, asOf, range);
  // Rolling completeness: each customer's last complete offset bounds what it counts.
  const limit =
    spec.completeness === 'rolling'
      ? lastCompleteOffsets(
          masks && anchorBit ? { kind: 'periods', base: masks.base, anchorBit } : { kind: 'instants', anchor },
          cohorts.of,
          spec,
          zone,
          asOf,
        )
      : undefined;
  let counts: CellCounts;
  if (masks && anchorBit) {
    counts = maskKernel(
      {
        masks, anchorBit, cohortOf: cohorts.of, cohortCount: cohorts.count, width: span.width, limit,
      },
      p.needs,
      report,
    );
  } else {
    const offset = events ? eventOffsets(events, anchor, spec, zone, report) : new Int32Array(0);
    counts = matrixKernel(
      {
        customer: events?.customer ?? new Int32Array(0),
        offset,
        amount: events?.amount,
        cohortOf: cohorts.of,
        cohortCount: cohorts.count,
        width: span.width,
        limit,
      },
      p.needs,
    );
  }
  if (churn) {
    const alive = aliveThrough(churn, anchor, spec, zone);
    counts.survivors = countThrough(limit ? capBy(alive, limit) : alive, cohorts.of, cohorts.count, span.width);
  }
  let rolling: RollingCounts | undefined;
  if (limit) {
    const revenue = counts.customerRevenue ? { rev0: counts.customerRevenue0!, total: counts.customerRevenue } : undefined;
    rolling = rollingCounts(limit, cohorts.of, cohorts.count, span.width, revenue);
  }
  report.rowsUsed -= report.excluded.beforeAnchor + report.excluded.customerLeftOut;
  const late = asOfWarning({
    asOf,
    latestActivity: report.latestActivity === undefined ? NaN : Date.parse(report.latestActivity),
    period: spec.period,
    weekStart: spec.weekStart,
    zone,
  });
  if (late) report.warnings.push(late.message);
  const result = matrixValues({ spec, asOf, cohorts, counts, rolling, complete: span.complete, observed: span.observed, cellPeriod: span.cellPeriod, report });
  const blank = noCompleteCellWarning(result, { period: spec.period, partial: spec.partial, zone });
  if (blank) report.warnings.push(blank);
  return result;
}

/**
 * Customers-table customers (not filtered out) that got no anchor from activity: with a
 * first-activity anchor they silently fall out of every cohort unless counted.
 */
function customersWithoutActivity(
  customersRow: Int32Array,
  removed: Uint8Array | undefined,
  cohortOf: Int32Array,
  anchorBit: Int32Array | undefined,
  anchor: Float64Array,
): number {
  let n = 0;
  for (let c = 0; c < customersRow.length; ++c) {
    if (customersRow[c] < 0 || removed?.[c]) continue;
    const anchored = anchorBit ? anchorBit[c] >= 0 : anchor[c] === anchor[c];
    if (!anchored && cohortOf[c] < 0) ++n;
  }
  return n;
}

/** Whether period masks can stand in for compacted events: see the fused path above. */
export function fusedEligible(spec: MatrixPlan['spec'], needs: MeasureNeeds, activityAttributes: boolean): boolean {
  return (
    spec.activity !== undefined &&
    spec.offsets === 'calendar' &&
    !activityAttributes &&
    !needs.grossRevenue &&
    !needs.churn &&
    (spec.anchor === 'signup' || spec.cohort.time === undefined || nests(spec.period, spec.cohort.time))
  );
}

/** The smaller of two instants, either possibly NaN or infinite (NaN when neither is finite). */
function earliestOf(a: number, b: number): number {
  const m = Math.min(a === a ? a : Infinity, b === b ? b : Infinity);
  return m === Infinity ? NaN : m;
}

/** Whether every period of granularity `outer` is made of whole periods of `inner`. */
function nests(inner: Granularity, outer: Granularity): boolean {
  if (inner === outer || inner === 'day') return true;
  if (inner === 'month') return outer === 'quarter' || outer === 'year';
  return inner === 'quarter' && outer === 'year';
}
