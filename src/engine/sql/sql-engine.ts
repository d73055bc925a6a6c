import type { Engine } from '../engine.js';
import { requireCustomers } from '../require-customers.js';
import type { SqlConnection } from './connection.js';
import { executeCompareSql } from './execute-compare-sql.js';
import { executeCrrSql } from './execute-crr-sql.js';
import { executeSurvivalSql } from './execute-survival-sql.js';
import { executeMatrixSql } from './execute-matrix-sql.js';
import { executeFeedbackSql, executeReasonsSql, executeValueSql } from './execute-outcomes-sql.js';
import { countDuplicates, firstCustomerRows, type CustomersCounts } from './first-rows-sql.js';
import type { SqlSources } from './sql-builder.js';
import { withTableRows } from './report-rows.js';
import { labelSources } from './label-sources.js';
import type { Projection } from '../../plan/projection.js';

/**
 * sqlEngine: the Engine of a SQL connection (DuckDB, PostgreSQL, ClickHouse). It executes
 * the same plans as the memory engine where the data lives: the tables are the described
 * sources (files or server tables), not loaded tables, so the `tables` argument is unused.
 * A customers table that repeats ids is read as its ids' first rows, as memory reads it
 * (first-rows-sql.ts), and the repeats are counted in the report. A CSV's ids and label
 * columns are read as the memory engine reads them (label-sources.ts).
 */
export function sqlEngine(conn: SqlConnection, src: SqlSources): Engine {
  /** Runs one analysis on the customers' first rows and counts the repeats in its report. */
  const onFirstRows = async <R extends { report?: CustomersCounts }>(read: Projection, id: string | undefined, run: (s: SqlSources) => Promise<R>): Promise<R> => {
    const u = await firstCustomerRows(conn, await labelSources(conn, src, read), id);
    const r = await run(u.src);
    return countDuplicates(r, r.report, u.duplicates);
  };
  return {
    name: conn.dialect.name,
    matrix: (plan) => onFirstRows(plan.read, plan.spec.customers?.id, (s) => executeMatrixSql(conn, plan, s)),
    survival: async (plan) => {
      const id = plan.spec.customers?.id;
      return requireCustomers(await onFirstRows(plan.read, id, async (s) => withTableRows(conn, s, id, await executeSurvivalSql(conn, plan.spec, s))));
    },
    crr: async (plan) => {
      const id = plan.spec.customers?.id;
      return requireCustomers(await onFirstRows(plan.read, id, async (s) => withTableRows(conn, s, id, await executeCrrSql(conn, plan.spec, s))));
    },
    compare: async (plan) => executeCompareSql(conn, plan, await labelSources(conn, src, plan.read)),
    reasons: async (plan) => requireCustomers(await onFirstRows(plan.read, plan.spec.customers?.id, (s) => executeReasonsSql(conn, plan, s))),
    value: async (plan) => requireCustomers(await onFirstRows(plan.read, plan.spec.customers?.id, (s) => executeValueSql(conn, plan, s))),
    feedback: async (plan) => executeFeedbackSql(conn, plan, await labelSources(conn, src, plan.read)),
  };
}
