import { expect } from 'vitest';
import type { Analysis, PlanLike } from '../../../src/api/analysis.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { describeSources, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { sqlEngine } from '../../../src/engine/sql/sql-engine.js';
import type { InputSpec } from '../../../src/spec/types.js';
import type { TestTable } from './load-tables.js';
import { HAS_CH, HAS_PG } from './test-engines.js';

/** The tables of a run by their test names. */
export type Data = { activity?: string; customers?: string };

/** One analysis on a SQL connection, the tables described there. */
export async function onEngine<S extends { input: InputSpec }, P extends PlanLike, R>(conn: SqlConnection, analysis: Analysis<S, P, R>, spec: S): Promise<R> {
  const src = await describeSources(conn, spec.input as Data);
  return analysis.run(sqlEngine(conn, src), analysis.plan(spec, sqlSchema(src)), {});
}

/**
 * sameOnEngines: a checker that runs one analysis in memory (over the files) and on every
 * engine (DuckDB over the files, the servers over their tables) and expects no
 * differences (or, for an engine named in `refuses`, its error); returns memory's result and
 * the engines' that answered.
 */
export function sameOnEngines(
  engines: { name: string; conn: SqlConnection }[],
  tables: Record<string, TestTable>,
  refuses: Record<string, RegExp> = {},
) {
  const inputOf = (engine: string, data: Data): Data =>
    engine === 'duckdb' ? { activity: data.activity && tables[data.activity].file, customers: data.customers && tables[data.customers].file } : data;
  return async function sameOnEveryEngine<S extends { input: InputSpec }, P extends PlanLike, R>(
    data: Data,
    spec: Omit<S, 'input'>,
    mem: (s: S) => Promise<R>,
    analysis: Analysis<S, P, R>,
    differences: (a: R, b: R) => string[],
  ): Promise<{ memory: R; sql: R[] }> {
    const memory = await mem({ ...spec, input: inputOf('duckdb', data) } as S);
    expect(engines.length).toBe(1 + Number(HAS_PG) + Number(HAS_CH));
    const sql: R[] = [];
    for (const e of engines) {
      const run = onEngine(e.conn, analysis, { ...spec, input: inputOf(e.name, data) } as S);
      if (refuses[e.name]) {
        await expect(run).rejects.toThrow(refuses[e.name]);
        continue;
      }
      const r = await run;
      expect(differences(memory, r), e.name).toEqual([]);
      sql.push(r);
    }
    return { memory, sql };
  };
}
