import type { CrrResult } from '../../result/crr-table.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import type { NormalizedCrrSpec } from '../../spec/crr-spec.js';
import { timeZone } from '../../time/zone.js';
import { crrOverPeriods } from '../memory/churn/execute-crr.js';
import { assignCohorts, type Cohorts } from '../memory/prepare/assign-cohorts.js';
import { queryColumns, type SqlConnection } from './connection.js';
import { compileLifetimes, NO_CHURN_SQL, type LifetimesShape } from './lifetimes-sql.js';
import { checkKnownIds } from './execute-matrix-sql.js';
import { SqlBuilder, type SqlSources } from './sql-builder.js';
import { lifetimeReport } from './lifetime-report-sql.js';
import { churnAsOf } from './churn-as-of.js';

/** Aggregated rows -> one entry per customer (the counts expanded), with the memory engine's groups. */
function expand(
  cols: Record<string, ArrayLike<unknown>>,
  spec: NormalizedChurnInput,
  a: string,
  b: string,
): { x: Float64Array; y: Float64Array; groups: Cohorts } {
  const count = cols.n?.length ?? 0;
  const ns = Float64Array.from({ length: count }, (_, i) => Number(cols.n[i]));
  const total = ns.reduce((s, n) => s + n, 0);
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  const xa = cols[a];
  const yb = cols[b];
  for (let row = 0, i = 0; row < count; i += ns[row++]) {
    x.fill(Number(xa[row]), i, i + ns[row]);
    y.fill(Number(yb[row]), i, i + ns[row]);
  }
  // One pass per --by column (a row per group, duration and event: up to one per customer).
  const values = spec.by.map(() => new Map<string | null, number>());
  const keys = spec.by.map((_, j) => {
    const ka = cols[`ka${j}`];
    const m = values[j];
    const out = new Int32Array(total);
    for (let row = 0, i = 0; row < count; i += ns[row++]) {
      const raw = ka[row];
      const v = raw === null || raw === undefined || raw === '' ? null : String(raw);
      let k = m.get(v);
      if (k === undefined) m.set(v, (k = m.size));
      out.fill(v === null ? -1 : k, i, i + ns[row]);
    }
    return out;
  });
  const anchor = new Float64Array(total); // every entry is in the run (0 = any non-NaN anchor)
  const attributes = spec.by.map((byA, j) => {
    const list = [...values[j].keys()];
    return { name: byA.column, keys: keys[j], value: (k: number) => list[k] };
  });
  return { x, y, groups: assignCohorts(anchor, undefined, 'monday', timeZone('UTC'), attributes) };
}

async function lifetimeRows(conn: SqlConnection, spec: NormalizedChurnInput, src: SqlSources, shape: LifetimesShape) {
  if (spec.strict) await checkKnownIds(conn, spec.activity?.id, spec.customers?.id, src);
  const asOf = await churnAsOf(conn, spec, src);
  const sql = compileLifetimes(new SqlBuilder(conn.dialect), spec, src, { asOf, zone: timeZone(spec.tz), shape });
  return { asOf, rows: await queryColumns(conn, sql) };
}

/**
 * executeCrrSql: the customer retention rate per period (METRICS.md section 5) where the
 * data lives: the database counts customers per group, signup period and churn period;
 * the counts of every period come from the memory engine's crrOverPeriods.
 */
export async function executeCrrSql(conn: SqlConnection, spec: NormalizedCrrSpec, src: SqlSources): Promise<CrrResult> {
  const { asOf, rows } = await lifetimeRows(conn, spec, src, { kind: 'periods', period: spec.period, weekStart: spec.weekStart });
  const { x: sp, y: cp, groups } = expand(rows, spec, 'sp', 'cp');
  const signupPeriod = Int32Array.from(sp);
  const churnPeriod = Int32Array.from(cp);
  let earliest = Infinity;
  for (let c = 0; c < signupPeriod.length; ++c) if (signupPeriod[c] < earliest) earliest = signupPeriod[c];
  const churned = churnPeriod.reduce((s, p) => s + (p === NO_CHURN_SQL ? 0 : 1), 0);
  return crrOverPeriods(spec, asOf, signupPeriod, churnPeriod, groups, earliest, await lifetimeReport(conn, src, signupPeriod.length, churned, { spec, asOf }));
}
