import { fail } from '../../errors.js';
import type { CompareDifference, CompareGroup, CompareResult, CompareRevenue, CurveMethod } from '../../result/compare-result.js';
import { compareSummary } from '../../result/compare-summary.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import type { SurvivalResult } from '../../result/survival-result.js';
import { compareOptions, type CompareSpec, type GroupBy } from '../../spec/compare-spec.js';
import type { PAdjustMethod } from '../../stats/adjust-p.js';
import { adjustP } from '../../stats/adjust-p.js';
import { chiSquareTail } from '../../stats/chi-square.js';
import { survivalAt } from '../../stats/median.js';
import { diffMeans, meanSummary, type Moments } from '../../stats/mean-interval.js';
import { diffProportions } from '../../stats/newcombe.js';
import { twoSidedZ } from '../../stats/normal-quantile.js';

const ADJUST_NAME: Record<PAdjustMethod, string> = { holm: 'Holm-adjusted ', bh: 'BH-adjusted ', none: '' };

/** Revenue per customer of one group, summed up: its moments and customers without a value. */
export interface GroupRevenue {
  moments: Moments;
  missing: number;
}

/** What an engine computed for a comparison; the statistics are finished by finishCompare. */
export interface CompareParts {
  spec: CompareSpec;
  by: GroupBy;
  /** The group column's name (the cohort attribute of the matrix, the survival groups). */
  name: string;
  /** The rolling matrix with the group as cohort (dated data). */
  matrix?: MatrixResult;
  survival: SurvivalResult | null;
  /** Per group key, with an amount. */
  revenue?: Map<string, GroupRevenue>;
  outside: CompareResult['outside'];
}

/**
 * finishCompare: the groups' curves, the differences from the reference (Newcombe
 * intervals, z-tests, adjusted p), revenue intervals and the summary, from the small
 * results an engine computed (matrix, survival, revenue moments). Both engines end here,
 * so their comparisons cannot drift apart.
 */
export function finishCompare(c: CompareParts): CompareResult {
  const { spec, by, name, matrix, survival } = c;
  const { adjust, confLevel } = compareOptions(spec);
  const mode = spec.mode ?? 'classic';
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
  const revenue = c.revenue ? revenueRows(c.revenue, keys, reference, confLevel) : null;

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
  // The options as given, without the empty ones: a command line's `where: []` and a spec file's absent where are one run.
  const { input: _input, ...given } = spec;
  // Keys sorted, as kohort.spec's: the same run writes the same bytes from either.
  const options = Object.fromEntries(
    Object.entries(given)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const resolved = { options, by: partial.by, condition: partial.condition, reference, adjust, confLevel, mode, period, method, curves: matrix?.spec, survival: survival?.spec };
  return {
    ...partial,
    revenue,
    summary: compareSummary(partial, ADJUST_NAME[adjust]),
    asOf: matrix?.asOf ?? survival?.asOf,
    report: matrix?.report,
    outside: c.outside,
    spec: resolved,
  };
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

const NO_REVENUE: GroupRevenue = { moments: { n: 0, mean: 0, m2: 0, total: 0 }, missing: 0 };

/** Per group: customers, mean revenue with its interval, total; and the difference from the reference. */
function revenueRows(byKey: Map<string, GroupRevenue>, keys: string[], reference: string, level: number): CompareRevenue[] {
  const ref = byKey.get(reference);
  return keys.map((key) => {
    const g = byKey.get(key) ?? NO_REVENUE;
    const m = g.moments;
    const s = meanSummary(m, level);
    const d = key === reference || !ref ? null : diffMeans(m, ref.moments, level);
    return {
      group: key,
      customers: m.n,
      mean: s.mean,
      sd: s.sd,
      lower: s.lower,
      upper: s.upper,
      total: s.total,
      missing: g.missing,
      diff: d?.diff ?? null,
      diff_lower: d?.lower ?? null,
      diff_upper: d?.upper ?? null,
      p: d?.p ?? null,
    };
  });
}
