import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnarOf, queryColumns, type SqlConnection } from '../../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../../src/engine/sql/connections/duckdb-connection.js';

let conn: SqlConnection;
beforeAll(async () => {
  conn = await duckdbConnection();
});
afterAll(() => conn.close());

// 5000 rows: three of DuckDB's 2048-row chunks; NULLs in every fifth row, across chunk and 32-row word edges.
const SQL = `SELECT i, CAST(i AS DOUBLE) / 4 AS x, CASE WHEN i % 5 = 3 THEN NULL ELSE CAST(i AS INTEGER) END AS y,
  CAST(i AS BIGINT) * 1000 AS z, CASE WHEN i < 3 THEN 'label ' || i ELSE NULL END AS t
FROM range(5000) r(i) ORDER BY i`;

describe('duckdbConnection queryColumnar', () => {
  it('reads numbers column by column across chunks, NULL as NaN, as the row reader reads them', async () => {
    const res = await conn.queryColumnar!(SQL);
    const rows = await queryColumns(conn, SQL);
    const slow = columnarOf(rows);
    expect(res.rows).toBe(5000);
    expect(res.names).toEqual(['i', 'x', 'y', 'z', 't']);
    for (const c of ['i', 'x', 'y', 'z']) expect([...res.numbers(c)]).toEqual([...slow.numbers(c)]);
    const y = res.numbers('y');
    expect([y[2], y[3], y[2048 + 2], y[4998]]).toEqual([2, NaN, 2050, NaN]);
    expect(res.numbers('x')[4999]).toBe(4999 / 4);
    expect(res.numbers('z')[4096]).toBe(4_096_000);
  });

  it('decodes texts only for the rows asked for', async () => {
    const res = await conn.queryColumnar!(SQL);
    expect(res.texts('t', 4)).toEqual(['label 0', 'label 1', 'label 2', null]);
    expect(res.texts('t')).toHaveLength(5000);
    expect(() => res.numbers('nope')).toThrow(/no column nope/);
  });

  it('reads an empty result', async () => {
    const res = await conn.queryColumnar!('SELECT 1.5 AS a WHERE false');
    expect(res.rows).toBe(0);
    expect(res.numbers('a')).toHaveLength(0);
    expect(columnarOf({}).numbers('a')).toHaveLength(0);
  });
});
