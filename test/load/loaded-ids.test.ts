import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIndex } from '../../src/engine/memory/prepare/customer-index.js';
import type { Dataset } from '../../src/load/dataset.js';
import { ByteDict } from '../../src/load/dict/byte-dict.js';
import { dictColumn, encodeStrings, type DictColumn } from '../../src/load/dict/dict-column.js';
import { loadFile } from '../../src/load/load-file.js';
import { readParquet } from '../../src/load/parquet/read-parquet.js';
import { emptyReport } from '../../src/report/load-report.js';
import { col, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();

// 100,000 customers and 300,000 events over 100,500 ids (500 unknown), some padded
// with spaces, some missing: big enough for the dictionaries to decode lazily.
const customers = `
  SELECT CASE WHEN i % 997 = 0 THEN ' C' || lpad(i::VARCHAR, 7, '0') ELSE 'C' || lpad(i::VARCHAR, 7, '0') END AS customer_id
  FROM range(100000) t(i)`;
const events = `
  SELECT CASE WHEN i % 1000 = 0 THEN NULL
              WHEN i % 777 = 0 THEN 'C' || lpad(((i * 7919) % 100500)::VARCHAR, 7, '0') || '  '
              ELSE 'C' || lpad(((i * 7919) % 100500)::VARCHAR, 7, '0') END AS customer_id
  FROM range(300000) t(i)`;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const [name, select] of [['customers', customers], ['events', events]]) {
    await conn.run(`COPY (${select}) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet, ROW_GROUP_SIZE 50000)`);
    await conn.run(`COPY (${select}) TO '${join(dir, `${name}.csv`)}' (FORMAT csv, HEADER true)`);
  }
  conn.closeSync();
  db.closeSync();
});
afterAll(cleanup);

/** A string column interned from bytes, as the loaders make it. */
function loaded(values: string[]): DictColumn {
  const dict = new ByteDict();
  const keys = Int32Array.from(values, (v) => dict.intern(Buffer.from(v), 0, Buffer.byteLength(v)));
  return dictColumn(keys, dict.values);
}

/** The customer index of two loaded files, and of the same ids as plain strings. */
function joined(act: Dataset, cus: Dataset) {
  const a = act.table.column('customer_id') as unknown as DictColumn;
  const c = cus.table.column('customer_id') as unknown as DictColumn;
  expect(a.bytes).toBeDefined();
  expect(c.bytes).toBeDefined();
  const r = emptyReport();
  const got = customerIndex(a, c, r, { strict: false });
  const plainReport = emptyReport();
  const plain = customerIndex(encodeStrings(col(act, 'customer_id')), encodeStrings(col(cus, 'customer_id')), plainReport, { strict: false });
  expect(Array.from(got.activityCustomer!)).toEqual(Array.from(plain.activityCustomer!));
  expect(Array.from(got.customersRow!)).toEqual(Array.from(plain.customersRow!));
  expect(r.customers.excluded).toEqual(plainReport.customers.excluded);
  return got;
}

describe('ids loaded from files', () => {
  it('join on the bytes of Parquet dictionaries', async () => {
    const act = await loadFile(join(dir, 'events.parquet'));
    const cus = await loadFile(join(dir, 'customers.parquet'));
    const a = act.table.column('customer_id') as unknown as DictColumn;
    const idx = customerIndex(a, cus.table.column('customer_id') as unknown as DictColumn, emptyReport(), { strict: false });
    expect(idx.count).toBe(100_000);
    expect(idx.id(997)).toBe('C0000997');
    expect(joined(act, cus).count).toBe(100_000);
  });

  it('join on the bytes of Parquet row groups decoded in two parts and merged', async () => {
    const path = join(dir, 'events.parquet');
    const act = await readParquet(readFileSync(path), { file: 'events.parquet', path, workers: 'inline', splitBytes: 1 });
    const cus = await loadFile(join(dir, 'customers.parquet'));
    const idx = joined(act, cus);
    expect(idx.activityCustomer!.filter((c) => c === -2).length).toBeGreaterThan(0);
  });

  it('join a CSV id column that turned to text part way, reordered and without bytes', async () => {
    // Numbers first, text from row 70,000: the first rows are read again as text.
    const ids = Array.from({ length: 80_000 }, (_, i) => (i < 70_000 ? String(i) : `X${i}`));
    const path = join(dir, 'turned.csv');
    writeFileSync(path, `customer_id\n${ids.join('\n')}\n`);
    const act = await loadFile(path);
    const c = act.table.column('customer_id') as unknown as DictColumn;
    expect(c.bytes).toBeUndefined();
    expect(col(act, 'customer_id')).toEqual(ids);
    const idx = customerIndex(c, loaded(['69999', ' X70000']), emptyReport(), { strict: false });
    expect([idx.activityCustomer![69_999], idx.activityCustomer![70_000], idx.activityCustomer![0]]).toEqual([0, 1, -2]);
  });

  it('join on the bytes of CSV dictionaries', async () => {
    const act = await loadFile(join(dir, 'events.csv'));
    const cus = await loadFile(join(dir, 'customers.csv'));
    joined(act, cus);
  });
});
