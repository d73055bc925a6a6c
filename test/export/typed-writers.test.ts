// toParquet, toArrowIPC and typedToCSV on random typed tables, read back by DuckDB and
// apache-arrow: every type, nulls anywhere a column allows them, awkward text.
import { formulaSafe } from '../../src/report/formula-safe.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toArrowIPC, typedToArrowTable } from '../../src/export/to-arrow-ipc.js';
import { toParquet } from '../../src/export/to-parquet.js';
import { typedToCSV } from '../../src/export/csv/typed-to-csv.js';
import { encodeText, typedRows, type TypedColumn, type TypedTable } from '../../src/result/typed/typed-table.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-writers-'));
// A new name for every file DuckDB reads: its external file cache can serve the old bytes of a
// file rewritten at the same path ("Out of buffer" with fast-check seed 1162626154).
let files = 0;
const fresh = (ext: string): string => path.join(dir, `t${files++}.${ext}`);
let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
});
afterAll(() => conn?.closeSync());

const META = { spec: { kind: 'matrix' }, asOf: Date.UTC(2024, 0, 1) };
const text = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'Zürich', '日本', ' lead', '=1+2', '-5', '@x'));

/** A random table: n rows, one column of each type, nullable or not. */
const tables = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    s: fc.array(fc.option(text, { nil: null }), { minLength: n, maxLength: n }),
    i32: fc.array(fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { nil: null }), { minLength: n, maxLength: n }),
    i64: fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: n, maxLength: n }),
    f64: fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0), { nil: null }), { minLength: n, maxLength: n }),
    day: fc.array(fc.option(fc.integer({ min: -30000, max: 80000 }), { nil: null }), { minLength: n, maxLength: n }),
    bool: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);

function build(r: {
  n: number; s: (string | null)[]; i32: (number | null)[]; i64: number[]; f64: (number | null)[]; day: (number | null)[]; bool: boolean[];
}): TypedTable {
  const valid = (xs: (number | null)[]) => Uint8Array.from(xs, (x) => (x === null ? 0 : 1));
  const columns: TypedColumn[] = [
    { name: 'key', type: 'string', nullable: true, ...encodeText(r.s) },
    { name: 'count', type: 'int32', nullable: true, values: Int32Array.from(r.i32, (x) => x ?? 0), valid: valid(r.i32) },
    { name: 'sum', type: 'int64', nullable: false, values: Float64Array.from(r.i64) },
    { name: 'rate', type: 'float64', nullable: true, values: Float64Array.from(r.f64, (x) => x ?? NaN) },
    { name: 'start', type: 'date32', nullable: true, values: Int32Array.from(r.day, (x) => x ?? 0), valid: valid(r.day) },
    { name: 'flag', type: 'bool', nullable: false, values: Uint8Array.from(r.bool, (b) => (b ? 1 : 0)) },
  ];
  return { kind: 'matrix-tidy', length: r.n, columns };
}

/** A double as CSV carries it: at most 12 significant digits. */
function twelveDigits(x: unknown): unknown {
  return typeof x === 'number' && Number.isFinite(x) && !Number.isInteger(x) ? Number(x.toPrecision(12)) : x;
}

function expected(t: TypedTable): Record<string, unknown>[] {
  return typedRows(t).map((row) => ({ ...row, sum: String(row.sum) }));
}

describe('toParquet', () => {
  it('round-trips random tables through DuckDB read_parquet: types, values, nulls', async () => {
    await fc.assert(
      fc.asyncProperty(tables, async (r) => {
        const t = build(r);
        const file = fresh('parquet');
        writeFileSync(file, await toParquet(t, META));
        const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
        expect(reader.columnTypes().map(String)).toEqual(['VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'DATE', 'BOOLEAN']);
        expect(reader.getRowObjectsJson()).toEqual(expected(t));
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('round-trips the table that broke snappy pages in DuckDB (fast-check seed -1454532036)', async () => {
    await fc.assert(
      fc.asyncProperty(tables, async (r) => {
        const file = fresh('parquet');
        writeFileSync(file, await toParquet(build(r), META));
        const reader = await conn.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${file}')`);
        expect(Number(reader.getRowObjectsJson()[0].n)).toBe(r.n);
      }),
      { numRuns: 20, seed: -1454532036 },
    );
  }, 60_000);

  it('gives the same bytes for the same table and metadata', async () => {
    const t = build({ n: 2, s: ['a', null], i32: [1, null], i64: [3, 4], f64: [0.5, null], day: [19723, null], bool: [true, false] });
    expect(Buffer.from(await toParquet(t, META)).equals(Buffer.from(await toParquet(t, META)))).toBe(true);
  });
});

describe('toArrowIPC', () => {
  it('round-trips random tables through tableFromIPC, file and stream', async () => {
    await fc.assert(
      fc.asyncProperty(tables, fc.constantFrom('file' as const, 'stream' as const), async (r, format) => {
        const t = build(r);
        const a = tableFromIPC(await toArrowIPC(t, META, format));
        expect(a.schema.fields.map((f) => String(f.type))).toEqual(['Dictionary<Int32, Utf8>', 'Int32', 'Int64', 'Float64', 'Date32<DAY>', 'Bool']);
        // The same schema (nullability, metadata) as the library's apache-arrow table.
        const lib = await typedToArrowTable(t, META);
        expect(a.schema.fields.map((f) => [f.name, f.nullable])).toEqual(lib.schema.fields.map((f) => [f.name, f.nullable]));
        expect([...a.schema.metadata]).toEqual([...lib.schema.metadata]);
        expect(a.toArray().map((row) => row.toJSON())).toEqual(lib.toArray().map((row) => row.toJSON()));
        const rows = a.toArray().map((row) => {
          const o = row.toJSON() as Record<string, unknown>;
          return { ...o, sum: String(o.sum), start: o.start === null ? null : new Date(o.start as number).toISOString().slice(0, 10) };
        });
        expect(rows).toEqual(expected(t).map((row) => ({ ...row, start: row.start === null ? null : new Date(`${row.start}T00:00:00Z`).toISOString().slice(0, 10) })));
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe('typedToCSV', () => {
  it('round-trips random tables through DuckDB read_csv with the column types', async () => {
    await fc.assert(
      fc.asyncProperty(tables, async (r) => {
        const t = build(r);
        const file = fresh('csv');
        writeFileSync(file, typedToCSV(t));
        const cols = "{'key': 'VARCHAR', 'count': 'INTEGER', 'sum': 'BIGINT', 'rate': 'DOUBLE', 'start': 'DATE', 'flag': 'BOOLEAN'}";
        const reader = await conn.runAndReadAll(`SELECT * FROM read_csv('${file}', header = true, columns = ${cols}, quote = '"', escape = '"')`);
        // CSV has one null: the empty field (an empty string reads back as null); text
        // formats carry at most 12 significant digits (issue 12: no summation noise); a
        // text a spreadsheet would run as a formula ("=x", "-a") gets a leading quote.
        const key = (k: unknown): unknown => (k === '' ? null : typeof k === 'string' ? formulaSafe(k) : k);
        expect(reader.getRowObjectsJson()).toEqual(
          expected(t).map((row) => ({ ...row, key: key(row.key), rate: twelveDigits(row.rate) })),
        );
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
