import { plan } from '../../../plan/matrix-plan.js';
import type { CompareResult } from '../../../result/compare-result.js';
import type { MatrixResult } from '../../../result/matrix-result.js';
import type { SurvivalResult } from '../../../result/survival-result.js';
import { compareOptions, compareParts, resolveGroupBy, revenueColumn, type CompareSpec, type RevenueColumn } from '../../../spec/compare-spec.js';
import { normalize } from '../../../spec/normalize.js';
import { normalizeSurvival, type NormalizedSurvivalSpec } from '../../../spec/survival-spec.js';
import { groupMoments } from '../../../stats/mean-interval.js';
import { timeZone } from '../../../time/zone.js';
import { finishCompare, type GroupRevenue } from '../../compare/finish-compare.js';
import { customerRevenue, durationRevenue, type CustomerValues, type RevenueSource } from './customer-revenue.js';
import { executeMatrix } from '../matrix/execute-matrix.js';
import { executeSurvival, startSurvival, type StartedSurvival } from '../churn/execute-survival.js';
import { withGroupColumn } from './group-column.js';
import { inputSchema, type InputTables } from '../../../load/input-tables.js';
import type { Reusable } from '../prepare/prepared-run.js';
import { SharedRejects } from '../../../report/rejects.js';

/**
 * executeCompare: groups of customers compared, in memory.
 *
 *   resolveGroupBy -> withGroupColumn (the group of each row; other rows in none)
 *     -> executeMatrix (cohort = the group, rolling completeness)   [dated data]
 *     -> finishCompare (engine/compare: per offset Newcombe interval, z-test, adjusted p;
 *        Welch revenue differences; the summary), shared with the SQL engine
 *     -> executeSurvival (Kaplan-Meier per group, log-rank)        [with a churn source]
 *        (durations given directly: the curves are S at each offset's end, Greenwood z)
 *     -> customerRevenue -> moments per group                       [with an amount]
 */
export function executeCompare(spec: CompareSpec, input: InputTables): CompareResult {
  // Every part lists its rejects into the one file, written once: the curves' times, the
  // survival's churn times and the revenue's amounts (a file per part kept the last list).
  const sharedRejects = spec.rejects !== undefined ? new SharedRejects(spec.rejects) : undefined;
  try {
    return comparedGroups(spec, input, sharedRejects);
  } finally {
    sharedRejects?.write();
  }
}

function comparedGroups(spec: CompareSpec, input: InputTables, sharedRejects: SharedRejects | undefined): CompareResult {
  compareOptions(spec);
  const zone = timeZone(spec.tz ?? 'UTC');
  const by = resolveGroupBy(spec.by, inputSchema(input), spec.nps);
  const grouped = withGroupColumn(input, by, spec.groups, zone);
  const { tables, name } = grouped;
  const schema = inputSchema(tables);

  const first = compareParts(spec, name, schema);
  // The survival and revenue parts number the same customers, parse the same times and
  // apply the same customers-table filter: they take them from the curves' run.
  let reuse: Reusable | undefined;
  // The survival part starts once the curves' run has prepared its customers: its
  // durations then, and the sort of its tallies on the engine's worker while this thread
  // computes the curves. An error it meets is raised where the part used to run.
  let early: { asOf: number; spec?: NormalizedSurvivalSpec; started?: StartedSurvival; error?: unknown } | undefined;
  const onPrepared = (r: Reusable, asOf: number): void => {
    reuse = r;
    const at = compareParts(spec, name, schema, new Date(asOf).toISOString());
    early = { asOf };
    if (!at.survival) return;
    // An error of the survival spec or its start is raised where the part used to run.
    try {
      early.spec = normalizeSurvival(at.survival, schema);
      early.started = startSurvival(early.spec, survivalTables(early.spec, tables), { reuse: r, background: true, deferBand: true, sharedRejects });
    } catch (err) {
      early.error = err;
    }
  };
  const amount = spec.columns?.amount;
  // Without amounts nothing sums over customers, so their numbering may follow the
  // activity ids' (no remap pass over the rows); revenue sums keep the customers' order.
  const activityOrder = amount === undefined;
  const matrix = first.matrix ? executeMatrix(plan(normalize(first.matrix, schema)), tables, { onPrepared, activityOrder, sharedRejects }) : undefined;
  let normalizedSurvival: NormalizedSurvivalSpec | undefined;
  let survival: SurvivalResult | null = null;
  if (early && early.asOf === matrix?.asOf) {
    // Started at the curves' as-of, with the spec made for it.
    if (early.error !== undefined) throw early.error;
    normalizedSurvival = early.spec;
    if (early.started) survival = early.started.finish();
  } else {
    // The same as-of as the curves, so both parts see the same customers.
    const parts = matrix ? compareParts(spec, name, schema, new Date(matrix.asOf).toISOString()) : first;
    normalizedSurvival = parts.survival ? normalizeSurvival(parts.survival, schema) : undefined;
    if (normalizedSurvival) survival = executeSurvival(normalizedSurvival, survivalTables(normalizedSurvival, tables), { reuse, sharedRejects });
  }

  const revenue =
    amount === undefined ? undefined : revenueByGroup(revenueValues(revenueColumn(amount, schema, !matrix), tables, name, grouped.table, matrix, normalizedSurvival, reuse, sharedRejects));
  return finishCompare({ spec, by, name, matrix, survival, revenue, outside: { table: grouped.table, rows: grouped.outside } });
}

/**
 * The tables the survival part needs: without the activity when lifetimes run from signup
 * to a churn column and nothing (group, filter) is read from activity, so its rows are
 * not prepared a second time. The as-of is the curves' own, so the customers are the same.
 */
function survivalTables(spec: NormalizedSurvivalSpec, tables: InputTables): InputTables {
  const fromActivity = spec.by.some((a) => a.table === 'activity') || spec.filters.some((f) => f.table === 'activity');
  if (spec.churn.kind !== 'column' || spec.anchor !== 'signup' || spec.asOf === undefined || fromActivity) return tables;
  return { customers: tables.customers };
}

/** Revenue per customer of the compared customers, from activity amounts or a customers column. */
function revenueValues(
  column: RevenueColumn,
  tables: InputTables,
  name: string,
  table: 'activity' | 'customers',
  matrix: MatrixResult | undefined,
  survivalSpec: NormalizedSurvivalSpec | undefined,
  reuse: Reusable | undefined,
  sharedRejects: SharedRejects | undefined,
): CustomerValues {
  if (!matrix) return durationRevenue(survivalSpec!, tables, column.table === 'customers' ? column.column : column.columns[0]);
  const source: RevenueSource = column.table === 'activity' ? { kind: 'activity', amount: column.columns } : { kind: 'customers', column: column.column };
  // The matrix's reading without its rejects file: the revenue part lists into sharedRejects.
  const { rejectsFile: _written, ...m } = matrix.spec;
  return customerRevenue({ ...m, asOf: matrix.asOf }, tables, { column: name, table }, source, m.anchor === 'signup', reuse, sharedRejects);
}

/** Per group key: the moments of its customers' revenue and the customers without a value. */
function revenueByGroup(v: CustomerValues): Map<string, GroupRevenue> {
  const attr = v.groups.attributes[0];
  const moments = groupMoments(v.value, v.groups.of, v.groups.count);
  const missing = new Int32Array(v.groups.count);
  for (let c = 0; c < v.value.length; ++c) if (v.groups.of[c] >= 0 && v.value[c] !== v.value[c]) missing[v.groups.of[c]]++;
  const out = new Map<string, GroupRevenue>();
  attr.values.forEach((key, h) => {
    if (key !== null && !out.has(key)) out.set(key, { moments: moments[h], missing: missing[h] });
  });
  return out;
}
