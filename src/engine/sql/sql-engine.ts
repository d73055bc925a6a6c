import type { Engine } from '../engine.js';
import { requireCustomers } from '../require-customers.js';
import type { SqlConnection } from './connection.js';
import { executeCompareSql } from './execute-compare-sql.js';
import { executeCrrSql } from './execute-crr-sql.js';
import { executeSurvivalSql } from './execute-survival-sql.js';
import { executeMatrixSql } from './execute-matrix-sql.js';
import { executeFeedbackSql, executeReasonsSql, executeValueSql } from './execute-outcomes-sql.js';
import type { SqlSources } from './sql-builder.js';
import { withTableRows } from './report-rows.js';

/**
 * sqlEngine: the Engine of a SQL connection (DuckDB, PostgreSQL, ClickHouse). It executes
 * the same plans as the memory engine where the data lives: the tables are the described
 * sources (files or server tables), not loaded tables, so the `tables` argument is unused.
 */
export function sqlEngine(conn: SqlConnection, src: SqlSources): Engine {
  return {
    name: conn.dialect.name,
    matrix: (plan) => executeMatrixSql(conn, plan, src),
    survival: async (plan) => requireCustomers(await withTableRows(conn, src, plan.spec.customers?.id, await executeSurvivalSql(conn, plan.spec, src))),
    crr: async (plan) => requireCustomers(await withTableRows(conn, src, plan.spec.customers?.id, await executeCrrSql(conn, plan.spec, src))),
    compare: (plan) => executeCompareSql(conn, plan, src),
    reasons: async (plan) => requireCustomers(await executeReasonsSql(conn, plan, src)),
    value: async (plan) => requireCustomers(await executeValueSql(conn, plan, src)),
    feedback: (plan) => executeFeedbackSql(conn, plan, src),
  };
}
