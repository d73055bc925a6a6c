import { periodStartDay } from '../../time/periods.js';
import { crrRates, type CrrResult } from '../crr-table.js';
import type { TableKind } from './schema/output-types.js';
import { outputTable } from './output-schema.js';
import type { SurvivalResult } from '../survival-result.js';
import { fixedColumn, groupColumn, type TypedColumn, type TypedTable } from './typed-table.js';

/** A group column named like a fixed column of the table gets "_group" appended. */
function groupName(kind: TableKind, name: string): string {
  const clash = outputTable(kind).columns.some((c) => !('group' in c) && c.name === name);
  return clash ? `${name}_group` : name;
}

/** crrTyped: the customer retention rate per group and period (output schema "crr"). */
export function crrTyped(r: CrrResult): TypedTable {
  const kind = 'crr';
  const P = r.periods.length;
  const n = r.groups.count * P;
  const c = r.counts;
  const crr = new Float64Array(n);
  const churn = new Float64Array(n);
  const exact = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    const rates = crrRates(c.start[i], c.newCustomers[i], c.end[i], c.retained[i]);
    crr[i] = rates.crr ?? NaN;
    churn[i] = rates.churnRate ?? NaN;
    exact[i] = rates.exact ?? NaN;
  }
  const columns: TypedColumn[] = r.groups.attributes.map((a) =>
    groupColumn(kind, 'key', groupName(kind, a.name), { text: Array.from({ length: n }, (_, i) => a.values[Math.floor(i / P)]) }),
  );
  const starts = Int32Array.from(r.periods, (p) => periodStartDay(p, r.period, r.weekStart));
  columns.push(
    fixedColumn(kind, 'period', { text: Array.from({ length: n }, (_, i) => r.labels[i % P]) }),
    fixedColumn(kind, 'customers_start', { numbers: c.start.subarray(0, n) }),
    fixedColumn(kind, 'new_customers', { numbers: c.newCustomers.subarray(0, n) }),
    fixedColumn(kind, 'customers_end', { numbers: c.end.subarray(0, n) }),
    fixedColumn(kind, 'retained', { numbers: c.retained.subarray(0, n) }),
    fixedColumn(kind, 'lost', { numbers: c.lost.subarray(0, n) }),
    fixedColumn(kind, 'crr', { numbers: crr }),
    fixedColumn(kind, 'churn_rate', { numbers: churn }),
    fixedColumn(kind, 'crr_exact', { numbers: exact }),
    fixedColumn(kind, 'period_start', { numbers: Int32Array.from({ length: n }, (_, i) => starts[i % P]) }),
  );
  return { kind, length: n, columns };
}

/** The group key columns of a survival table, each group's value repeated over its rows. */
function survivalKeys(kind: TableKind, r: SurvivalResult, rowsOf: (g: number) => number): TypedColumn[] {
  return r.by.map((b) => {
    const text: (string | null)[] = [];
    r.groups.forEach((g, j) => {
      const v = g.key[b] ?? null;
      for (let i = rowsOf(j); i > 0; --i) text.push(v);
    });
    return groupColumn(kind, 'key', groupName(kind, b), { text });
  });
}

/** survivalCurveTyped: every curve row of every group (output schema "survival-curve"). */
export function survivalCurveTyped(r: SurvivalResult): TypedTable {
  const kind = 'survival-curve';
  let n = 0;
  for (const g of r.groups) n += g.curve.time.length;
  const cols = {
    time: new Float64Array(n), n_risk: new Int32Array(n), events: new Int32Array(n), censored: new Int32Array(n),
    survival: new Float64Array(n), std_err: new Float64Array(n), lower: new Float64Array(n), upper: new Float64Array(n),
  };
  let at = 0;
  for (const g of r.groups) {
    const c = g.curve;
    cols.time.set(c.time, at);
    cols.n_risk.set(c.nRisk, at);
    cols.events.set(c.nEvent, at);
    cols.censored.set(c.nCensor, at);
    cols.survival.set(c.survival, at);
    cols.std_err.set(c.stdErr, at);
    cols.lower.set(c.lower, at);
    cols.upper.set(c.upper, at);
    at += c.time.length;
  }
  const columns = survivalKeys(kind, r, (j) => r.groups[j].curve.time.length);
  for (const [name, values] of Object.entries(cols)) columns.push(fixedColumn(kind, name, { numbers: values }));
  return { kind, length: n, columns };
}

/** survivalAtTyped: S at the chosen times per group (output schema "survival-at"). */
export function survivalAtTyped(r: SurvivalResult): TypedTable {
  const kind = 'survival-at';
  const pts = r.groups.flatMap((g) => g.at.map((a) => ({ n: g.curve.n, a })));
  const col = (name: string, f: (p: (typeof pts)[number]) => number | null): TypedColumn =>
    fixedColumn(kind, name, { numbers: Float64Array.from(pts, (p) => f(p) ?? NaN) });
  const columns = survivalKeys(kind, r, (j) => r.groups[j].at.length);
  columns.push(
    col('n', (p) => p.n),
    col('time', (p) => p.a.time),
    col('n_risk', (p) => p.a.nRisk),
    col('cumulative_events', (p) => p.a.cumulativeEvents),
    col('survival', (p) => p.a.survival),
    col('std_err', (p) => p.a.stdErr),
    col('lower', (p) => p.a.lower),
    col('upper', (p) => p.a.upper),
    col('beyond_data', (p) => (p.a.beyondData ? 1 : 0)),
  );
  return { kind, length: pts.length, columns };
}

/** survivalSummaryTyped: per group n, events and the median with its interval ("survival-summary"). */
export function survivalSummaryTyped(r: SurvivalResult): TypedTable {
  const kind = 'survival-summary';
  const col = (name: string, f: (g: SurvivalResult['groups'][number]) => number | null): TypedColumn =>
    fixedColumn(kind, name, { numbers: Float64Array.from(r.groups, (g) => f(g) ?? NaN) });
  const columns = survivalKeys(kind, r, () => 1);
  columns.push(
    col('n', (g) => g.curve.n),
    col('events', (g) => g.curve.nEvents),
    col('median', (g) => g.median.estimate),
    col('median_lower', (g) => g.median.lower),
    col('median_upper', (g) => g.median.upper),
  );
  return { kind, length: r.groups.length, columns };
}
