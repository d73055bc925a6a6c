// Every output format read back by an independent consumer and compared, value by value
// and type by type, with the in-memory typed table: apache-arrow's tableFromIPC for Arrow
// (file and stream), DuckDB's read_parquet and read_csv for Parquet and CSV. The run is
// in Europe/Berlin with signups on both sides of the DST changes, absent cells, null
// group values and rates with a zero denominator.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { tableFromIPC as flechetteFromIPC } from '@uwdata/flechette';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis, type AnalysisOutcome } from '../../src/api/run-spec.js';
import { typedOutputTable as typedOf } from '../../src/result/typed/typed-output.js';
import type { OutputType } from '../../src/result/typed/schema/output-types.js';
import { checkConforms, typedRows, type TypedTable } from '../../src/result/typed/typed-table.js';
import { resolveAnalyses } from '../../src/spec/resolve-run-spec.js';
import type { OutputSpecBase, RunSpec } from '../../src/spec/run-spec.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-readback-'));
const at = (f: string): string => path.join(dir, f);

// Signups around the 2024 DST changes in Berlin (CET -> CEST on 31 March 01:00 UTC,
// back on 27 October 01:00 UTC): 2024-03-31T22:30Z is 1 April 00:30 in Berlin (an April
// cohort there, March in UTC); 2024-10-31T23:30Z is 1 November 00:30 (November there).
const CUSTOMERS = `customer_id,signup_at,channel,churned_at,reason,price,nps
c1,2024-03-02T10:00:00Z,organic,,,10,9
c2,2024-03-31T00:30:00Z,referral,2024-06-10T12:00:00Z,price,20,3
c3,2024-03-31T22:30:00Z,organic,2024-05-02T08:00:00Z,,30,
c4,2024-04-15T12:00:00Z,,,,15.5,10
c5,2024-04-30T22:15:00Z,referral,2024-10-27T00:30:00Z,support,,7
c6,2024-10-26T23:30:00Z,organic,,,10,8
c7,2024-10-31T23:30:00Z,,2024-11-20T10:00:00Z,price,40,0
c8,2024-11-05T09:00:00Z,referral,,,12,10
`;
const ACTIVITY = `customer_id,event_time,amount
c1,2024-03-02T10:00:00Z,10
c1,2024-04-03T10:00:00Z,12.5
c1,2024-06-30T22:30:00Z,7
c2,2024-03-31T00:30:00Z,20
c2,2024-04-30T22:30:00Z,0
c3,2024-03-31T22:30:00Z,30
c3,2024-04-30T21:59:00Z,3.25
c4,2024-04-15T12:00:00Z,0
c4,2024-05-20T12:00:00Z,8
c5,2024-04-30T22:15:00Z,15
c5,2024-07-01T08:00:00Z,15
c6,2024-10-26T23:30:00Z,5
c6,2024-10-27T01:30:00Z,5
c6,2024-11-30T23:30:00Z,9
c7,2024-10-31T23:30:00Z,40
c8,2024-11-05T09:00:00Z,11
c8,2024-12-24T09:00:00Z,11
`;

const FORMATS = ['csv', 'parquet', 'arrow', 'arrow-stream'] as const;
const EXT = { csv: 'csv', parquet: 'parquet', arrow: 'arrow', 'arrow-stream': 'arrows' } as const;

/** Every table of every analysis kind, in every tabular format. */
function outputs<const T extends string>(name: string, tables: readonly T[]) {
  return tables.flatMap((table) => FORMATS.map((format) => ({ format, table, file: at(`${name}-${table}.${EXT[format]}`) })));
}

const SPEC: RunSpec = {
  input: { activity: at('activity.csv'), customers: at('customers.csv') },
  columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' },
  tz: 'Europe/Berlin',
  asOf: '2025-01-01',
  analyses: [
    { kind: 'matrix', name: 'month', cohort: ['month', 'channel'], outputs: outputs('month', ['tidy', 'wide', 'average']) },
    { kind: 'matrix', name: 'partial', cohort: ['month'], partial: true, asOf: '2024-06-15', outputs: outputs('partial', ['tidy', 'wide']) },
    {
      kind: 'matrix', name: 'revenue', cohort: ['channel'], mode: 'revenue', columns: { amount: 'amount' }, period: 'week',
      outputs: outputs('revenue', ['tidy', 'wide', 'average']),
    },
    { kind: 'crr', name: 'crr', by: ['channel'], outputs: outputs('crr', ['crr']) },
    { kind: 'survival', name: 'survival', by: ['channel'], at: [10, 100, 400], outputs: outputs('survival', ['curve', 'at', 'summary']) },
    { kind: 'compare', name: 'compare', by: 'channel', outputs: outputs('compare', ['compare']) },
    { kind: 'reasons', name: 'reasons', reason: 'reason', by: ['channel'], outputs: outputs('reasons', ['reasons', 'wide']) },
    { kind: 'value', name: 'value', value: 'price', by: ['channel'], outputs: outputs('value', ['value', 'wide']) },
    { kind: 'feedback', name: 'feedback', by: ['channel'], nps: 'nps', outputs: outputs('feedback', ['feedback']) },
  ],
};

/** The in-memory results, by analysis name. */
const results = new Map<string, AnalysisOutcome>();

/** The typed table of an analysis's result. */
function typedOutputTable(a: AnalysisOutcome, table: string): TypedTable {
  return typedOf(a.kind as never, a.result as never, table);
}
let db: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  writeFileSync(at('customers.csv'), CUSTOMERS);
  writeFileSync(at('activity.csv'), ACTIVITY);
  writeFileSync(at('spec.json'), JSON.stringify(SPEC, null, 2));
  const r = await runCli(['run', at('spec.json'), '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const a of resolveAnalyses(SPEC)) results.set(a.name!, await runAnalysis(a));
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
}, 60_000);

afterAll(() => {
  conn?.closeSync();
});

const ARROW_TYPE: Record<OutputType, string> = {
  string: 'Dictionary<Int32, Utf8>', date32: 'Date32<DAY>', int32: 'Int32', int64: 'Int64', float64: 'Float64', bool: 'Bool',
};
const DUCK_TYPE: Record<OutputType, string> = {
  string: 'VARCHAR', date32: 'DATE', int32: 'INTEGER', int64: 'BIGINT', float64: 'DOUBLE', bool: 'BOOLEAN',
};

/** Expected rows as JSON-ish values: dates YYYY-MM-DD, int64 as text (as DuckDB's JSON rows give them). */
function expectedRows(t: TypedTable, text = false): Record<string, unknown>[] {
  const int64 = t.columns.filter((c) => c.type === 'int64').map((c) => c.name);
  const float64 = t.columns.filter((c) => c.type === 'float64').map((c) => c.name);
  return typedRows(t).map((row) => {
    for (const k of int64) if (row[k] !== null) row[k] = String(row[k]);
    // Text formats carry at most 12 significant digits (issue 12: no summation noise).
    if (text) for (const k of float64) if (typeof row[k] === 'number' && !Number.isInteger(row[k])) row[k] = Number((row[k] as number).toPrecision(12));
    return row;
  });
}

async function duckRows(sql: string): Promise<{ rows: Record<string, unknown>[]; types: string[]; names: string[] }> {
  const reader = await conn.runAndReadAll(sql);
  return {
    rows: reader.getRowObjectsJson() as Record<string, unknown>[],
    types: reader.columnTypes().map((t) => t.toString()),
    names: reader.columnNames(),
  };
}

const cases = SPEC.analyses.flatMap((a) => a.outputs.map((o) => ({ name: a.name!, ...(o as OutputSpecBase & { table?: string }) })));

describe('outputs read back by independent consumers (Europe/Berlin, across DST)', () => {
  it('the typed tables conform to the output schema and have the nulls the test is about', () => {
    for (const c of cases.filter((x) => x.format === 'csv')) {
      const t = typedOutputTable(results.get(c.name)!, c.table!);
      expect(checkConforms(t), `${c.name} ${c.table}`).toEqual([]);
      expect(t.length).toBeGreaterThan(0);
    }
    const rows = (name: string, table: string) => typedRows(typedOutputTable(results.get(name)!, table));
    // Absent cells are null in the wide table; rates with CI = 0 are null; a missing channel is a null key.
    expect(rows('month', 'wide').filter((r) => r['2'] === null).map((r) => r.cohort)).toEqual(['2024-11', '2024-11']);
    expect(rows('crr', 'crr').some((r) => r.crr === null)).toBe(true);
    expect(rows('crr', 'crr').some((r) => r.channel === null)).toBe(true);
    expect(rows('revenue', 'tidy').every((r) => r.period === null && r.period_start === null)).toBe(true);
    expect(rows('partial', 'tidy').some((r) => r.complete === false)).toBe(true);
  });

  it('puts a signup at 2024-03-31T22:30Z in the April cohort, a Berlin calendar day', () => {
    const t = rows0('month', 'tidy');
    const april = t.filter((r) => r.cohort === '2024-04' && r.offset === 0);
    // c3 (2024-03-31T22:30Z) and c4; c2 (2024-03-31T00:30Z, 01:30 CET) stays in March.
    expect(april.map((r) => [r.channel, r.cohort_size, r.cohort_start])).toEqual([['organic', 1, '2024-04-01'], [null, 1, '2024-04-01']]);
    // c5 (2024-04-30T22:15Z) is 1 May 00:15 CEST: a May cohort, whose offset 1 is June.
    const may = t.filter((r) => r.cohort === '2024-05');
    expect(may.slice(0, 2).map((r) => [r.channel, r.offset, r.period, r.period_start])).toEqual([
      ['referral', 0, '2024-05', '2024-05-01'], ['referral', 1, '2024-06', '2024-06-01'],
    ]);
    // c6 (2024-10-26T23:30Z, 01:30 CEST on the day the clocks go back) is October; c7 (2024-10-31T23:30Z) November.
    expect(t.filter((r) => r.cohort === '2024-10' && r.offset === 0).map((r) => r.channel)).toEqual(['organic']);
    expect(t.filter((r) => r.cohort === '2024-11' && r.offset === 0).map((r) => [r.channel, r.cohort_start])).toEqual([
      ['referral', '2024-11-01'], [null, '2024-11-01'],
    ]);
  });

  function rows0(name: string, table: string) {
    return typedRows(typedOutputTable(results.get(name)!, table));
  }

  it.each(cases.filter((c) => c.format === 'arrow' || c.format === 'arrow-stream'))(
    'apache-arrow tableFromIPC reads $name $table ($format) with the schema types, values and nulls',
    (c) => {
      const expected = typedOutputTable(results.get(c.name)!, c.table!);
      const t = tableFromIPC(readFileSync(c.file!));
      expect(t.numRows).toBe(expected.length);
      expect(t.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual(
        expected.columns.map((col) => [col.name, ARROW_TYPE[col.type], col.nullable]),
      );
      expect(t.schema.metadata.get('kohort.table')).toBe(expected.kind);
      const want = typedRows(expected);
      expected.columns.forEach((col, j) => {
        const v = t.getChildAt(j)!;
        const got = Array.from({ length: t.numRows }, (_, i) => {
          const x = v.get(i);
          if (x === null) return null;
          if (col.type === 'date32') return new Date(x as number).toISOString().slice(0, 10);
          if (col.type === 'int64') return Number(x);
          return x;
        });
        expect(got, `${c.table}.${col.name}`).toEqual(want.map((r) => r[col.name]));
      });
    },
  );

  // A second, independent Arrow implementation (Arquero's reader): not the library that wrote the bytes.
  const FLECHETTE_TYPE: Record<OutputType, number> = { string: -1, int32: 2, int64: 2, float64: 3, bool: 6, date32: 8 };
  it.each(cases.filter((c) => c.format === 'arrow' || c.format === 'arrow-stream'))(
    'flechette tableFromIPC reads $name $table ($format) too, with the same values and nulls',
    (c) => {
      const expected = typedOutputTable(results.get(c.name)!, c.table!);
      const t = flechetteFromIPC(readFileSync(c.file!));
      expect(t.schema.fields.map((f) => [f.name, f.type.typeId, f.nullable])).toEqual(
        expected.columns.map((col) => [col.name, FLECHETTE_TYPE[col.type], col.nullable]),
      );
      const rows = t.toArray().map((row) => {
        const o = { ...(row as Record<string, unknown>) };
        for (const col of expected.columns) {
          if (col.type === 'date32' && o[col.name] !== null) o[col.name] = new Date(o[col.name] as number).toISOString().slice(0, 10);
        }
        return o;
      });
      expect(rows).toEqual(typedRows(expected));
    },
  );

  it.each(cases.filter((c) => c.format === 'parquet'))(
    'DuckDB read_parquet reads $name $table with the schema types, nullability, values and nulls',
    async (c) => {
      const expected = typedOutputTable(results.get(c.name)!, c.table!);
      const got = await duckRows(`SELECT * FROM read_parquet('${c.file}')`);
      expect(got.names).toEqual(expected.columns.map((col) => col.name));
      expect(got.types).toEqual(expected.columns.map((col) => DUCK_TYPE[col.type]));
      expect(got.rows).toEqual(expectedRows(expected));
      const schema = await duckRows(`SELECT name, repetition_type FROM parquet_schema('${c.file}') WHERE name <> 'duckdb_schema' AND num_children IS NULL`);
      expect(schema.rows.map((r) => [r.name, r.repetition_type])).toEqual(
        expected.columns.map((col) => [col.name, col.nullable ? 'OPTIONAL' : 'REQUIRED']),
      );
      const meta = await duckRows(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${c.file}')`);
      const kv = Object.fromEntries(meta.rows.map((r) => [r.key, r.value]));
      expect(kv['kohort.table']).toBe(expected.kind);
      const result = results.get(c.name)!.result as { asOf?: number; spec?: { tz?: string } };
      // A survey (feedback) has no as-of; a comparison's resolved spec names its curves' and survival part's specs.
      expect(kv['kohort.as_of']).toBe(result.asOf === undefined ? undefined : new Date(result.asOf).toISOString());
      expect(JSON.parse(kv['kohort.spec'] as string).kind).toBe(results.get(c.name)!.kind);
      // A comparison's curves spec lists the columns of the tables it ran on (a spec file's run loads them once for all its analyses).
      const resolvedOf = (r: unknown): unknown => (results.get(c.name)!.kind === 'compare' && r ? { ...(r as object), curves: undefined } : r);
      expect(resolvedOf(kv['kohort.resolved'] === undefined ? undefined : JSON.parse(kv['kohort.resolved'] as string))).toEqual(resolvedOf(JSON.parse(JSON.stringify(result.spec ?? null)) ?? undefined));
      if (result.spec?.tz !== undefined) expect(JSON.parse(kv['kohort.resolved'] as string).tz).toBe('Europe/Berlin');
      if (results.get(c.name)!.kind !== 'feedback') expect(kv['kohort.resolved'], 'kohort.resolved').toBeDefined();
      if (results.get(c.name)!.kind === 'compare') {
        const resolved = JSON.parse(kv['kohort.resolved'] as string);
        expect(resolved.curves?.tz ?? resolved.survival?.tz).toBe('Europe/Berlin');
        expect(typeof resolved.reference).toBe('string');
      }
      const inputs = JSON.parse(kv['kohort.inputs'] as string);
      expect(inputs.map((i: { role: string; bytes: number }) => [i.role, i.bytes])).toEqual([
        ['activity', ACTIVITY.length], ['customers', CUSTOMERS.length],
      ]);
      expect(inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      // Keys are dictionary-encoded in the file.
      const enc = await duckRows(`SELECT path_in_schema, encodings FROM parquet_metadata('${c.file}')`);
      for (const col of expected.columns.filter((x) => x.type === 'string')) {
        const e = enc.rows.find((r) => r.path_in_schema === col.name);
        expect(String(e?.encodings), col.name).toContain('DICTIONARY');
      }
    },
  );

  it.each(cases.filter((c) => c.format === 'csv'))(
    'DuckDB read_csv reads $name $table with the documented types, values and nulls',
    async (c) => {
      const expected = typedOutputTable(results.get(c.name)!, c.table!);
      const types = expected.columns.map((col) => `'${col.name}': '${DUCK_TYPE[col.type === 'string' ? 'string' : col.type]}'`).join(', ');
      const got = await duckRows(`SELECT * FROM read_csv('${c.file}', header = true, columns = {${types}})`);
      expect(got.names).toEqual(expected.columns.map((col) => col.name));
      expect(got.rows).toEqual(expectedRows(expected, true));
      // Sniffed without a schema, dates read as DATE and counts as integers.
      const sniffed = await duckRows(`SELECT * FROM read_csv('${c.file}', header = true)`);
      expected.columns.forEach((col, j) => {
        if (col.type === 'date32' && got.rows.some((r) => r[col.name] !== null)) expect(sniffed.types[j], col.name).toBe('DATE');
        if (col.type === 'int32' && got.rows.some((r) => r[col.name] !== null)) expect(sniffed.types[j], col.name).toMatch(/INT/);
      });
    },
  );
});
