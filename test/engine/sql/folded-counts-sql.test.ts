import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { onEngine } from './same-on-engines.js';
import { matrixDifferences } from './same-matrix.js';

// A bit-set matrix on DuckDB counts the activity rows memory leaves out (no id, an id the
// customers table lacks, no time, --where on either table, after as-of, padded ids) inside
// its own query (folded-counts-sql.ts): the activity is read once, beside the statistics
// that give its row count and time range, and the report is memory's.

let dir: string;
let conn: SqlConnection;
let statements: string[] = [];
let activity: string;
let customers: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-folded-'));
  activity = path.join(dir, 'events.csv');
  customers = path.join(dir, 'customers.csv');
  const ev = [
    ['c1', '2024-01-03', 'a'], ['c1', '2024-02-10', 'b'], [' c2', '2024-01-20', 'a'], ['c2\t', '2024-03-01', 'a'],
    ['007', '2024-01-05', 'a'], ['7', '2024-02-05', 'a'], ['zz', '2024-01-09', 'a'], ['', '2024-01-09', 'a'],
    ['c3', '', 'a'], ['c3', '2024-04-02', 'b'], ['c4', '2024-03-30', 'a'], ['c4', '2024-05-01', 'a'],
  ];
  writeFileSync(activity, `id,time,kind\n${ev.map((r) => `"${r[0]}",${r[1]},${r[2]}`).join('\n')}\n`);
  const cs = [['c1', '2024-01-01', 'ads'], ['c2', '2024-01-15', 'seo'], ['007', '2024-01-02', 'ads'], ['7', '2024-02-01', 'seo'], ['c3', '2024-03-01', 'ads'], ['c4', '2024-03-10', 'ads']];
  writeFileSync(customers, `id,signup_at,channel\n${cs.map((r) => r.join(',')).join('\n')}\n`);
  const inner = await duckdbConnection();
  // Every statement the engine runs, in order.
  conn = { ...inner, query: (sql) => (statements.push(sql), inner.query(sql)), queryColumns: undefined, queryColumnar: undefined, close: () => inner.close() };
});
afterAll(async () => conn?.close());

const spec = (more: Partial<MatrixSpec>): MatrixSpec => ({ input: { activity, customers }, columns: { id: 'id', time: 'time' }, cohort: ['month'], ...more });
const readsActivity = (): string[] => statements.filter((s) => s.includes(activity));

describe('executeMatrixSql with folded counts (DuckDB bit sets)', () => {
  const cases: [string, Partial<MatrixSpec>][] = [
    ['first-activity anchor', {}],
    ['signup anchor, --where on both tables, as-of', { columns: { id: 'id', time: 'time', signup: 'signup_at' }, anchor: 'signup', where: ['kind = a', 'channel = ads'], asOf: '2024-04-15' }],
    ['first-activity anchor, --where on the customers', { where: ['channel = seo'] }],
  ];
  for (const [title, more] of cases) {
    it(`${title}: one pass over the activity beside its statistics, memory's report`, async () => {
      statements = [];
      const s = spec(more);
      const mem = await matrix(s);
      const sql = await onEngine(conn, matrixAnalysis, s);
      expect(sql.report.excluded).toEqual(mem.report.excluded);
      expect(sql.report.rowsRead).toBe(mem.report.rowsRead);
      expect(sql.report.rowsUsed).toBe(mem.report.rowsUsed);
      expect(sql.report.warnings).toEqual(mem.report.warnings);
      // The statistics (count, time range), the matrix with its counts, the padded ids' follow-up.
      const reads = readsActivity();
      expect(reads.filter((q) => q.includes('GROUP BY cid'))).toHaveLength(1);
      expect(reads.filter((q) => !q.includes('GROUP BY cid') && !q.includes('count(DISTINCT'))).toHaveLength(1);
      expect(reads).toHaveLength(3);
    });
  }

  // Rows at or after the as-of stay in the folded query (counted there), so DuckDB must
  // evaluate the bit shift `1::UBIGINT << (p - p0)` only where the row is inside the window:
  // here p - p0 reaches 360 on rows past the as-of, and a shift of 64 or more raises
  // "out of range" (a customers table, so the counts are folded). A guard against a DuckDB
  // upgrade or a rewrite of the SQL.
  it('--period day --cohort day --as-of 2024-01-20 over rows up to day 360: memory\'s matrix and report', async () => {
    const days = path.join(dir, 'days.csv');
    const day = (d: number): string => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    const rows: string[] = [];
    for (let c = 0; c < 6; ++c) for (let d = c; d <= 360; d += 1 + c) rows.push(`u${c},${day(d)}`);
    writeFileSync(days, `id,time\n${rows.join('\n')}\n`);
    const people = path.join(dir, 'days-customers.csv');
    writeFileSync(people, `id,channel\n${[0, 1, 2, 3, 4, 5].map((c) => `u${c},${c % 2 ? 'ads' : 'seo'}`).join('\n')}\n`);
    statements = [];
    const s: MatrixSpec = { input: { activity: days, customers: people }, columns: { id: 'id', time: 'time' }, period: 'day', cohort: ['day'], asOf: '2024-01-20' };
    const mem = await matrix(s);
    const sql = await onEngine(conn, matrixAnalysis, s);
    expect(matrixDifferences(sql, mem)).toEqual([]);
    expect(sql.report.excluded).toEqual(mem.report.excluded);
    expect(mem.report.rowsUsed).toBeLessThan(mem.report.rowsRead);
    expect(sql.report.rowsRead).toBe(mem.report.rowsRead);
    expect(sql.report.rowsUsed).toBe(mem.report.rowsUsed);
    expect(sql.report.warnings).toEqual(mem.report.warnings);
    expect(statements.filter((q) => q.includes(days) && q.includes('sum(q)') && q.includes('UBIGINT'))).not.toHaveLength(0);
  });
});
