import type { CrrResult } from '../../result/crr-table.js';
import type { SurvivalResult } from '../../result/survival-result.js';
import { normalizeCrr, normalizeSurvival, type CrrSpec, type SurvivalSpec } from '../../spec/survival-spec.js';
import type { SqlConnection } from './connection.js';
import { executeCrrSql, executeSurvivalSql } from './execute-lifetimes-sql.js';
import { describeSources, sqlSchema } from './execute-matrix-sql.js';
import { openConnection, type SqlEngineOptions } from './open-connection.js';
import { sqlInput } from './sql-matrix.js';

async function withConnection<T>(o: SqlEngineOptions, run: (conn: SqlConnection) => Promise<T>): Promise<T> {
  const conn = await openConnection(o);
  try {
    return await run(conn);
  } finally {
    await conn.close();
  }
}

/**
 * survivalOnEngine: Kaplan-Meier curves and the group test of a spec where the data lives
 * (DuckDB over the files, or a server's tables), as the same SurvivalResult.
 */
export function survivalOnEngine(spec: SurvivalSpec, o: SqlEngineOptions): Promise<SurvivalResult> {
  return withConnection(o, async (conn) => {
    const src = await describeSources(conn, sqlInput(spec, o));
    return executeSurvivalSql(conn, normalizeSurvival(spec, sqlSchema(src)), src);
  });
}

/** crrOnEngine: the customer retention rate per period where the data lives, as the same CrrResult. */
export function crrOnEngine(spec: CrrSpec, o: SqlEngineOptions): Promise<CrrResult> {
  return withConnection(o, async (conn) => {
    const src = await describeSources(conn, sqlInput(spec, o));
    return executeCrrSql(conn, normalizeCrr(spec, sqlSchema(src)), src);
  });
}
