import type { MatrixResult } from '../../../src/result/matrix-result.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { describeSources, executeMatrixSql, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { plan } from '../../../src/plan/matrix-plan.js';
import { normalize } from '../../../src/spec/normalize.js';
import type { MatrixSpec } from '../../../src/spec/types.js';

/**
 * Differences between two matrix results: cohorts, sizes and counts exactly, values to
 * 1e-9 (relative), completeness flags, the average. [] = the same.
 */
export function matrixDifferences(a: MatrixResult, b: MatrixResult, tol = 1e-9): string[] {
  const out: string[] = [];
  const near = (x: number, y: number): boolean =>
    (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));
  if (a.asOf !== b.asOf) out.push(`asOf ${a.asOf} vs ${b.asOf}`);
  if (a.width !== b.width) out.push(`width ${a.width} vs ${b.width}`);
  if (a.cohorts.count !== b.cohorts.count) out.push(`cohorts ${a.cohorts.count} vs ${b.cohorts.count}`);
  if (out.length) return out;
  const H = a.cohorts.count;
  const W = a.width;
  for (let h = 0; h < H && out.length < 20; ++h) {
    const name = `${a.cohorts.label?.[h] ?? ''}|${a.cohorts.attributes.map((x) => x.values[h]).join('|')}`;
    const nameB = `${b.cohorts.label?.[h] ?? ''}|${b.cohorts.attributes.map((x) => x.values[h]).join('|')}`;
    if (name !== nameB) out.push(`cohort ${h}: ${name} vs ${nameB}`);
    if (a.cohorts.size[h] !== b.cohorts.size[h]) out.push(`${name} size ${a.cohorts.size[h]} vs ${b.cohorts.size[h]}`);
    if (a.cohorts.cellPeriod[h] !== b.cohorts.cellPeriod[h]) out.push(`${name} cellPeriod ${a.cohorts.cellPeriod[h]} vs ${b.cohorts.cellPeriod[h]}`);
    for (let k = 0; k < W; ++k) {
      const i = h * W + k;
      if (a.cells.observed[i] !== b.cells.observed[i] || a.cells.complete[i] !== b.cells.complete[i]) {
        out.push(`${name} k=${k} complete/observed ${a.cells.complete[i]}/${a.cells.observed[i]} vs ${b.cells.complete[i]}/${b.cells.observed[i]}`);
      }
      if (!a.cells.observed[i]) continue;
      if (a.cells.eligible?.[i] !== b.cells.eligible?.[i]) out.push(`${name} k=${k} eligible ${a.cells.eligible?.[i]} vs ${b.cells.eligible?.[i]}`);
      if (a.cells.active[i] !== b.cells.active[i]) out.push(`${name} k=${k} count ${a.cells.active[i]} vs ${b.cells.active[i]}`);
      if (!near(a.cells.value[i], b.cells.value[i])) out.push(`${name} k=${k} value ${a.cells.value[i]} vs ${b.cells.value[i]}`);
      if (a.cells.revenue && b.cells.revenue && !near(a.cells.revenue[i], b.cells.revenue[i])) {
        out.push(`${name} k=${k} revenue ${a.cells.revenue[i]} vs ${b.cells.revenue[i]}`);
      }
    }
  }
  for (let k = 0; k < W; ++k) {
    if (a.average.cohorts[k] !== b.average.cohorts[k] || !near(a.average.value[k], b.average.value[k])) {
      out.push(`average k=${k}: ${a.average.value[k]} (${a.average.cohorts[k]}) vs ${b.average.value[k]} (${b.average.cohorts[k]})`);
    }
  }
  return out;
}

/** The matrix of a spec planned against the described sources and run on a SQL connection. */
export async function matrixViaSql(conn: SqlConnection, spec: MatrixSpec) {
  const src = await describeSources(conn, { activity: spec.input.activity, customers: spec.input.customers });
  return executeMatrixSql(conn, plan(normalize(spec, sqlSchema(src))), src);
}
