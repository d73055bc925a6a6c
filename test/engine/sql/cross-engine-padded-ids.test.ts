import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { TestTable } from './load-tables.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { sameOnEngines } from './same-on-engines.js';
import { startTestServers, type TestServers } from './test-engines.js';

// Activity ids with surrounding spaces (" 7" next to "7"): memory reads them without the
// spaces and warns, with the count of distinct padded ids, the smallest one and (the
// activity being the customers) how many then named another id's customer. DuckDB,
// PostgreSQL and ClickHouse give the same warnings, in the same order, and the report's
// keys in memory's order (its JSON).

let servers: TestServers | undefined;
const engines: { name: string; conn: SqlConnection }[] = [];
const tables: Record<string, TestTable> = {};

const ACTIVITY = [
  'id,time,kind',
  ' 7,2024-01-05T10:00:00Z,a',
  '7,2024-02-05T10:00:00Z,a',
  '8 ,2024-01-07T10:00:00Z,b',
  '8 ,2024-02-07T10:00:00Z,a',
  '9,2024-01-20T10:00:00Z,a',
  '9,2024-03-01T10:00:00Z,b',
  '  ,2024-03-02T10:00:00Z,a',
  '10,2024-02-11T10:00:00Z,a',
];
const CUSTOMERS = ['id,churned_at,channel', '7,2024-03-01T00:00:00Z,ads', '8,,organic', '9,,ads', ' 10,,ads'];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-xpad-'));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'pact.csv'), `${ACTIVITY.join('\n')}\n`);
  writeFileSync(path.join(dir, 'pcus.csv'), `${CUSTOMERS.join('\n')}\n`);
  tables.pact = { name: 'pact', file: path.join(dir, 'pact.csv'), columns: { id: 'text', time: 'time', kind: 'text' } };
  tables.pcus = { name: 'pcus', file: path.join(dir, 'pcus.csv'), columns: { id: 'text', churned_at: 'time', channel: 'text' } };
  engines.push({ name: 'duckdb', conn: await duckdbConnection() });
  servers = await startTestServers(tables, { pact: 'id', pcus: 'id' }, engines);
}, 300_000);

afterAll(() => servers?.stop(), 120_000);

const sameOnEveryEngine = sameOnEngines(engines, tables);
const asOf = '2024-03-10T00:00:00Z';
/** Warnings name the file (memory) or the table (servers). */
const named = (warnings: string[], file: string) => warnings.map((w) => w.replace(` of ${file} `, ' of <table> '));

describe('padded activity ids: the warning on every engine (memory = DuckDB = PostgreSQL = ClickHouse)', () => {
  it('matrix of the activity alone (with and without --where) and with a customers table; the report keys in memory\'s order', async () => {
    for (const [data, where] of [[{ activity: 'pact' }, []], [{ activity: 'pact' }, ['kind = a']], [{ activity: 'pact', customers: 'pcus' }, []]] as const) {
      const { memory, sql } = await sameOnEveryEngine(data, { columns: { id: 'id', time: 'time' }, where: [...where], asOf }, matrix, matrixAnalysis, matrixDifferences);
      expect(memory.report.warnings.some((w) => w.includes('2 distinct ids of') && w.includes('e.g. " 7"'))).toBe(true);
      const want = named(memory.report.warnings, tables.pact.file).map((w) => named([w], tables.pcus.file)[0]);
      for (const [i, r] of sql.entries()) {
        const file = i === 0 ? tables.pact.file : 'pact';
        expect(named(named(r.report.warnings, file), i === 0 ? tables.pcus.file : 'pcus'), JSON.stringify(data)).toEqual(want);
        expect(Object.keys(r.report)).toEqual(Object.keys(memory.report));
      }
    }
  }, 300_000);

  it('survival and CRR, with a customers table and inferred from the activity alone', async () => {
    for (const [data, columns] of [
      [{ activity: 'pact', customers: 'pcus' }, { id: 'id', time: 'time', churn: 'churned_at' }],
      [{ activity: 'pact' }, { id: 'id', time: 'time' }],
    ] as const) {
      const spec = { columns, ...(data.customers ? {} : { inactiveAfter: '20d' }), asOf };
      for (const [run, analysis, differences] of [[survival, survivalAnalysis, survivalDifferences], [crr, crrAnalysis, crrDifferences]] as const) {
        const { memory, sql } = await sameOnEveryEngine(data, spec, run as typeof survival, analysis as typeof survivalAnalysis, differences as typeof survivalDifferences);
        expect(memory.report.warnings.some((w) => w.includes('e.g. " 7"'))).toBe(true);
        const want = named(memory.report.warnings, tables.pact.file).map((w) => named([w], tables.pcus.file)[0]);
        for (const [i, r] of sql.entries()) {
          expect(named(named(r.report.warnings, i === 0 ? tables.pact.file : 'pact'), i === 0 ? tables.pcus.file : 'pcus'), JSON.stringify(data)).toEqual(want);
        }
      }
    }
  }, 300_000);
});
