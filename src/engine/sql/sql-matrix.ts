import { fail } from '../../errors.js';
import { plan } from '../../plan/plan.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { normalize } from '../../spec/normalize.js';
import type { MatrixSpec } from '../../spec/types.js';
import { describeSources, executeMatrixSql, sqlSchema, type SqlInput } from './execute-matrix-sql.js';
import { openConnection, type SqlEngineOptions } from './open-connection.js';

/** The tables a SQL engine reads for a spec: DuckDB the spec's files, a server its tables. */
export function sqlInput(spec: MatrixSpec | { input: MatrixSpec['input'] }, o: SqlEngineOptions): SqlInput {
  if (o.engine === 'duckdb') {
    return { activity: o.table ?? spec.input.activity, customers: o.customersTable ?? spec.input.customers };
  }
  if (!o.table && !o.customersTable) fail('sqlEngineNeedsUrl', { engine: o.engine });
  return { activity: o.table, customers: o.customersTable };
}

/**
 * matrixOnEngine: the retention matrix of a spec computed where the data lives (embedded
 * DuckDB over the files, or a PostgreSQL / ClickHouse server over its tables), returned as
 * the same MatrixResult the memory engine gives.
 *
 * @example
 * const m = await matrixOnEngine({ input: {}, cohort: ['month'] }, { engine: 'postgres', url: 'postgres://...', table: 'events' });
 */
export async function matrixOnEngine(spec: MatrixSpec, o: SqlEngineOptions): Promise<MatrixResult> {
  const input = sqlInput(spec, o);
  const conn = await openConnection(o);
  try {
    const src = await describeSources(conn, input);
    const p = plan(normalize(spec, sqlSchema(src)));
    return await executeMatrixSql(conn, p, src);
  } finally {
    await conn.close();
  }
}
