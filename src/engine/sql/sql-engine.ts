import type { Engine } from '../engine.js';
import { requireCustomers } from '../require-customers.js';
import type { SqlConnection } from './connection.js';
import { executeCompareSql } from './execute-compare-sql.js';
import { executeCrrSql } from './execute-crr-sql.js';
import { executeSurvivalSql } from './execute-survival-sql.js';
import { executeMatrixSql } from './execute-matrix-sql.js';
import { executeFeedbackSql, executeReasonsSql, executeValueSql } from './execute-outcomes-sql.js';
import { countDuplicates, firstCustomerRows } from './first-rows-sql.js';
import type { SqlSources } from './sql-builder.js';
import { withTableRows } from './report-rows.js';

/**
 * sqlEngine: the Engine of a SQL connection (DuckDB, PostgreSQL, ClickHouse). It executes
 * the same plans as the memory engine where the data lives: the tables are the described
 * sources (files or server tables), not loaded tables, so the `tables` argument is unused.
 * A customers table that repeats ids is read as its ids' first rows, as memory reads it
 * (first-rows-sql.ts), and the repeats are counted in the report.
 */
export function sqlEngine(conn: SqlConnection, src: SqlSources): Engine {
  const first = (id: string | undefined) => firstCustomerRows(conn, src, id);
  return {
    name: conn.dialect.name,
    matrix: async (plan) => {
      const u = await first(plan.spec.customers?.id);
      const r = await executeMatrixSql(conn, plan, u.src);
      return countDuplicates(r, r.report, u.duplicates);
    },
    survival: async (plan) => {
      const id = plan.spec.customers?.id;
      const u = await first(id);
      const r = await withTableRows(conn, u.src, id, await executeSurvivalSql(conn, plan.spec, u.src));
      return requireCustomers(countDuplicates(r, r.report, u.duplicates));
    },
    crr: async (plan) => {
      const id = plan.spec.customers?.id;
      const u = await first(id);
      const r = await withTableRows(conn, u.src, id, await executeCrrSql(conn, plan.spec, u.src));
      return requireCustomers(countDuplicates(r, r.report, u.duplicates));
    },
    compare: (plan) => executeCompareSql(conn, plan, src),
    reasons: async (plan) => {
      const u = await first(plan.spec.customers?.id);
      const r = await executeReasonsSql(conn, plan, u.src);
      return requireCustomers(countDuplicates(r, r.report, u.duplicates));
    },
    value: async (plan) => {
      const u = await first(plan.spec.customers?.id);
      const r = await executeValueSql(conn, plan, u.src);
      return requireCustomers(countDuplicates(r, r.report, u.duplicates));
    },
    feedback: (plan) => executeFeedbackSql(conn, plan, src),
  };
}
