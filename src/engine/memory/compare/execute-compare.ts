import { fail } from '../../../errors.js';
import { plan } from '../../../plan/matrix-plan.js';
import type { CompareDifference, CompareGroup, CompareResult, CompareRevenue, CurveMethod } from '../../../result/compare-result.js';
import { compareSummary } from '../../../result/compare-summary.js';
import type { MatrixResult } from '../../../result/matrix-result.js';
import type { SurvivalResult } from '../../../result/survival-result.js';
import { compareOptions, compareParts, resolveGroupBy, revenueColumn, type CompareSpec, type RevenueColumn } from '../../../spec/compare-spec.js';
import { normalize } from '../../../spec/normalize.js';
import { normalizeSurvival, type NormalizedSurvivalSpec } from '../../../spec/survival-spec.js';
import { adjustP, type PAdjustMethod } from '../../../stats/adjust-p.js';
import { chiSquareTail } from '../../../stats/chi-square.js';
import { survivalAt } from '../../../stats/median.js';
import { diffMeans, groupMoments, meanSummary } from '../../../stats/mean-interval.js';
import { diffProportions } from '../../../stats/newcombe.js';
import { twoSidedZ } from '../../../stats/normal-quantile.js';
import { timeZone } from '../../../time/zone.js';
import { customerRevenue, durationRevenue, type CustomerValues, type RevenueSource } from './customer-revenue.js';
import { executeMatrix } from '../matrix/execute-matrix.js';
import { executeSurvival } from '../churn/execute-survival.js';
import { withGroupColumn } from './group-column.js';
import { inputSchema, type InputTables } from '../../../load/input-tables.js';
import type { Reusable } from '../prepare/prepare-run.js';

const ADJUST_NAME: Record<PAdjustMethod, string> = { holm: 'Holm-adjusted ', bh: 'BH-adjusted ', none: '' };

/**
 * executeCompare: groups of customers compared, in memory.
 *
 *   resolveGroupBy -> withGroupColumn (the group of each row; other rows in none)
 *     -> executeMatrix (cohort = the group, rolling completeness)   [dated data]
 *        -> per offset: Newcombe interval, z-test, adjusted p
 *     -> executeSurvival (Kaplan-Meier per group, log-rank)        [with a churn source]
 *        (durations given directly: the curves are S at each offset's end, Greenwood z)
 *     -> customerRevenue -> mean per customer, Welch difference     [with an amount]
 *     -> compareSummary
 */
export function executeCompare(spec: CompareSpec, input: InputTables): CompareResult {
  const { adjust, confLevel } = compareOptions(spec);
  const zone = timeZone(spec.tz ?? 'UTC');
  const by = resolveGroupBy(spec.by, inputSchema(input), spec.nps);
  const grouped = withGroupColumn(input, by, spec.groups, zone);
  const { tables, name } = grouped;
  const schema = inputSchema(tables);
  const mode = spec.mode ?? 'classic';

  const first = compareParts(spec, name, schema);
  // The survival part numbers the same customers, parses the same signups and applies the
  // same customers-table filter: it takes them from the curves' run.
  let reuse: Reusable | undefined;
  const matrix = first.matrix ? executeMatrix(plan(normalize(first.matrix, schema)), tables, { onPrepared: (r) => (reuse = r) }) : undefined;
  // The same as-of as the curves, so both parts see the same customers.
  const parts = matrix ? compareParts(spec, name, schema, new Date(matrix.asOf).toISOString()) : first;
  const normalizedSurvival = parts.survival ? normalizeSurvival(parts.survival, schema) : undefined;
  const survival: SurvivalResult | null = normalizedSurvival ? executeSurvival(normalizedSurvival, survivalTables(normalizedSurvival, tables), { reuse }) : null;

  // The groups, their sizes and curves.
  let groups: CompareGroup[];
  let method: CurveMethod;
  let period: string;
  if (matrix) {
    groups = matrixGroups(matrix, name);
    method = 'rolling';
    period = matrix.spec.period;
  } else {
    groups = kaplanMeierGroups(survival!, name, spec.maxOffset);
    method = 'kaplan-meier';
    period = survival!.unit;
  }
  groups = groups.filter((g) => g.n > 0);
  // A condition's groups read "true" then "false".
  if (by.kind === 'condition') groups.sort((a, b) => (a.key === b.key ? 0 : a.key === 'true' ? -1 : 1));
  const keys = groups.map((g) => g.key);
  if (groups.length < 2) fail('tooFewGroups', { groups: keys });
  if (spec.reference !== undefined && !keys.includes(spec.reference)) {
    fail('unknownGroup', { option: 'reference', value: spec.reference, groups: keys });
  }
  const reference = spec.reference ?? groups.reduce((a, b) => (b.n > a.n ? b : a)).key;
  const ref = groups.find((g) => g.key === reference)!;

  const differences: CompareDifference[] = [];
  for (const g of groups) {
    if (g.key === reference) continue;
    const rows = method === 'rolling' ? proportionDifferences(g, ref, confLevel) : survivalDifferences(g, ref, confLevel);
    const adjusted = adjustP(rows.map((d) => d.p), adjust);
    rows.forEach((d, i) => differences.push({ ...d, p_adjusted: adjusted[i] }));
  }

  let revenue: CompareRevenue[] | null = null;
  const amount = spec.columns?.amount;
  if (amount !== undefined) {
    const values = revenueValues(revenueColumn(amount, schema, !matrix), tables, name, grouped.table, matrix, normalizedSurvival);
    revenue = revenueRows(values, keys, reference, confLevel);
  }

  const partial = {
    by: by.kind === 'condition' ? by.text : by.column,
    condition: by.kind === 'condition',
    reference,
    adjust,
    confLevel,
    mode,
    period,
    method,
    groups,
    differences,
    survival,
  };
  return { ...partial, revenue, summary: compareSummary(partial, ADJUST_NAME[adjust]), asOf: matrix?.asOf ?? survival?.asOf, report: matrix?.report,
    outside: { table: grouped.table, rows: grouped.outside } };
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

/** Each cohort of a rolling matrix (cohort = the group) as a group with its complete cells. */
function matrixGroups(m: MatrixResult, name: string): CompareGroup[] {
  const values = m.cohorts.attributes.find((a) => a.name === name)!.values;
  const eligible = m.cells.eligible!;
  const out: CompareGroup[] = [];
  for (let h = 0; h < m.cohorts.count; ++h) {
    const key = values[h];
    if (key === null) continue;
    const average = [];
    for (let k = 0; k < m.width; ++k) {
      const i = h * m.width + k;
      if (eligible[i] > 0) average.push({ offset: k, value: m.cells.value[i], active: m.cells.active[i], eligible: eligible[i] });
    }
    out.push({ key, n: m.cohorts.size[h], average });
  }
  return out;
}

/**
 * Without dates (durations given directly), a group's share still a customer at the end of
 * offset k is its Kaplan-Meier S(k + 1): a share over eligible members would count churned
 * customers at every offset but censored ones only while observed.
 */
function kaplanMeierGroups(s: SurvivalResult, name: string, maxOffset: number | undefined): CompareGroup[] {
  let last = 0;
  for (const g of s.groups) {
    const t = g.curve.time;
    if (t.length) last = Math.max(last, t[t.length - 1]);
  }
  if (maxOffset !== undefined) last = Math.min(last, maxOffset + 1);
  const ends = Array.from({ length: Math.max(0, Math.floor(last)) }, (_, k) => k + 1);
  return s.groups
    .filter((g) => g.key[name] !== null && g.key[name] !== undefined)
    .map((g) => ({
      key: g.key[name]!,
      n: g.curve.n,
      average: survivalAt(g.curve, ends)
        .filter((a) => a.nRisk > 0)
        .map((a) => ({ offset: a.time - 1, value: a.survival, active: null, eligible: a.nRisk, stdErr: a.stdErr })),
    }));
}

type RawDifference = Omit<CompareDifference, 'p_adjusted'>;

/** Per common offset: p1 - p2 with the Newcombe interval and the two-proportion z-test. */
function proportionDifferences(g: CompareGroup, ref: CompareGroup, level: number): RawDifference[] {
  const theirs = new Map(ref.average.map((p) => [p.offset, p]));
  const out: RawDifference[] = [];
  for (const p of g.average) {
    const q = theirs.get(p.offset);
    if (!q) continue;
    const d = diffProportions(p.active!, p.eligible, q.active!, q.eligible, level);
    out.push({ group: g.key, reference: ref.key, offset: p.offset, diff: d.diff, lower: d.lower, upper: d.upper, p: d.p });
  }
  return out;
}

/** Per common offset: S1 - S2 with a normal interval from the Greenwood errors, and its z-test. */
function survivalDifferences(g: CompareGroup, ref: CompareGroup, level: number): RawDifference[] {
  const z = twoSidedZ(level);
  const theirs = new Map(ref.average.map((p) => [p.offset, p]));
  const out: RawDifference[] = [];
  for (const p of g.average) {
    const q = theirs.get(p.offset);
    if (!q) continue;
    const diff = p.value - q.value;
    const se1 = (p as { stdErr?: number | null }).stdErr ?? null;
    const se2 = (q as { stdErr?: number | null }).stdErr ?? null;
    const se = se1 === null || se2 === null ? NaN : Math.sqrt(se1 * se1 + se2 * se2);
    const ok = se > 0;
    out.push({
      group: g.key,
      reference: ref.key,
      offset: p.offset,
      diff,
      lower: ok ? diff - z * se : null,
      upper: ok ? diff + z * se : null,
      p: ok ? chiSquareTail((diff / se) ** 2, 1).p : null,
    });
  }
  // The standard errors served the test only: keep the documented point shape.
  for (const grp of [g, ref]) for (const p of grp.average) delete (p as { stdErr?: unknown }).stdErr;
  return out;
}

/** Revenue per customer of the compared customers, from activity amounts or a customers column. */
function revenueValues(
  column: RevenueColumn,
  tables: InputTables,
  name: string,
  table: 'activity' | 'customers',
  matrix: MatrixResult | undefined,
  survivalSpec: NormalizedSurvivalSpec | undefined,
): CustomerValues {
  if (!matrix) return durationRevenue(survivalSpec!, tables, column.table === 'customers' ? column.column : column.columns[0]);
  const source: RevenueSource = column.table === 'activity' ? { kind: 'activity', amount: column.columns } : { kind: 'customers', column: column.column };
  const m = matrix.spec;
  return customerRevenue({ ...m, asOf: matrix.asOf }, tables, { column: name, table }, source, m.anchor === 'signup');
}

/** Per group: customers, mean revenue with its interval, total; and the difference from the reference. */
function revenueRows(v: CustomerValues, keys: string[], reference: string, level: number): CompareRevenue[] {
  const attr = v.groups.attributes[0];
  const moments = groupMoments(v.value, v.groups.of, v.groups.count);
  const missing = new Int32Array(v.groups.count);
  for (let c = 0; c < v.value.length; ++c) if (v.groups.of[c] >= 0 && v.value[c] !== v.value[c]) missing[v.groups.of[c]]++;
  const at = (key: string): number => attr.values.indexOf(key);
  const r = at(reference);
  return keys.map((key) => {
    const h = at(key);
    const m = h >= 0 ? moments[h] : { n: 0, mean: 0, m2: 0, total: 0 };
    const s = meanSummary(m, level);
    const d = key === reference || r < 0 ? null : diffMeans(m, moments[r], level);
    return {
      group: key,
      customers: m.n,
      mean: s.mean,
      sd: s.sd,
      lower: s.lower,
      upper: s.upper,
      total: s.total,
      missing: h >= 0 ? missing[h] : 0,
      diff: d?.diff ?? null,
      diff_lower: d?.lower ?? null,
      diff_upper: d?.upper ?? null,
      p: d?.p ?? null,
    };
  });
}
