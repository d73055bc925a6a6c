import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import { numberText } from '../../../src/engine/sql/number-text-sql.js';
import { HAS_CH, HAS_PG, startTestServers, type TestServers } from './test-engines.js';

// numberText on every dialect (DuckDB; PostgreSQL and ClickHouse where installed) writes a
// double as the memory engine does, String(v): before, "1e+16", "1e-07", "1e-05" and "100.0".
// Where a dialect's own digits are not JS's, numberText cannot know better: PostgreSQL 15
// writes 1e23 (a tie between two doubles) as 9.999999999999999e+22; ClickHouse reads
// '5e-324' as 0 and, outside JS's plain range, does not always write the shortest digits
// (-1.8798639108070238e-23 for -1.879863910807024e-23). Those are left out, by name.

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];

beforeAll(async () => {
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers({}, {}, engines);
}, 300_000);
afterAll(() => servers?.stop(), 120_000);

/** numberText of each value, on one engine. */
async function texts(conn: SqlConnection, values: number[]): Promise<string[]> {
  const d = conn.dialect;
  const rows = values.map((v, i) => `SELECT ${i} AS i, ${d.double(d.string(String(v)))} AS x`).join(' UNION ALL ');
  const r = await conn.query(`SELECT i, ${numberText(d, 'x')} AS t FROM (${rows}) AS q ORDER BY i`);
  return r.map((row) => String(row.t));
}

const EDGES = [
  1e16, -1e16, 1e15, 1234567890123456.7, 2 ** 53 + 2, 12345678901234567000, 99999999999999990000, 1e21, 1.5e21, 1e23, 1e300, 5e-324,
  1e-6, 1e-7, 1.5e-7, -2.5e-7, 0.000001234, 0.00001, 2.5e-5, 0.0001, 0.1, 1.5, -1.5, 100, 123456.5, 1e-300, 1.7976931348623157e308,
];

describe('numberText: a double as String(v) on every dialect', () => {
  it('edge values: exponents on either side of JS and the dialects, whole numbers past 2^53', async () => {
    expect(engines.length).toBe(1 + Number(HAS_PG) + Number(HAS_CH));
    const digitsDiffer: Record<string, number[]> = { postgres: [1e23], clickhouse: [5e-324] };
    for (const e of engines) {
      const values = EDGES.filter((v) => !digitsDiffer[e.name]?.includes(v));
      expect(await texts(e.conn, values), e.name).toEqual(values.map(String));
    }
  });

  it('NULL stays NULL (ClickHouse would fail to cast a NULL length to INTEGER)', async () => {
    for (const e of engines) {
      const d = e.conn.dialect;
      const r = await e.conn.query(`SELECT ${numberText(d, 'x')} AS t FROM (SELECT ${d.double('NULL')} AS x) AS q`);
      expect(r[0]?.t ?? null, e.name).toBeNull();
    }
  });

  it('any finite double (fast-check; ClickHouse: those JS writes without an exponent)', async () => {
    const values = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)), { numRuns: 400, seed: 42 });
    const plain = values.filter((v) => !/e/.test(String(v)));
    expect(plain.length).toBeGreaterThan(10);
    for (const e of engines) {
      const some = e.name === 'clickhouse' ? plain : values;
      expect(await texts(e.conn, some), e.name).toEqual(some.map(String));
    }
  });
});
