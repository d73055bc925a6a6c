import { describe, expect, it } from 'vitest';
import { checkEngineSpec, redactUrl, type EngineSpec } from '../../src/spec/engine-spec.js';
import { RUN_SPEC_SCHEMA } from '../../src/spec/run-spec-schema.js';
import { resolveAnalyses } from '../../src/spec/resolve-run-spec.js';
import { validateRunSpec } from '../../src/spec/validate-run-spec.js';
import { engineOptions, engineSection } from '../../src/api/engine-section.js';
import { clickhouseEndpoint } from '../../src/engine/sql/connections/clickhouse-connection.js';

const analyses = [{ kind: 'matrix', outputs: [{ format: 'csv', file: 'm.csv' }] }];

describe('validateRunSpec with an engine section', () => {
  it('accepts each engine with its keys, against the generated JSON Schema', async () => {
    expect(Object.keys(RUN_SPEC_SCHEMA.$defs.EngineSpec.properties)).toEqual(['name', 'url', 'table', 'customersTable', 'memoryLimit', 'tempDirectory']);
    const specs: Record<string, unknown>[] = [
      { input: { activity: 'a.csv' }, engine: { name: 'memory' }, analyses },
      { input: { activity: 'a.parquet' }, engine: { name: 'duckdb', memoryLimit: '4GB', tempDirectory: '/scratch' }, analyses },
      { engine: { name: 'postgres', url: 'postgres://analyst@db:5432/app', table: 'public.events', customersTable: 'public.customers' }, analyses },
      { engine: { name: 'clickhouse', url: 'http://ch1:8123/', table: 'events' }, analyses },
    ];
    for (const spec of specs) await expect(validateRunSpec(spec)).resolves.toEqual(spec);
  });

  it('names the spec field of a bad engine name, a missing url or table, an unknown or misplaced key', async () => {
    const bad = (engine: unknown) => validateRunSpec({ input: { activity: 'a.csv' }, engine, analyses });
    await expect(bad({ name: 'oracle' })).rejects.toThrow(/^engine\.name: must be one of "memory", "duckdb", "postgres", "clickhouse", got "oracle"$/);
    await expect(bad({ name: 'postgres', table: 'events' })).rejects.toThrow(/^engine\.url: missing: "postgres" needs the server, e\.g\. "postgres:\/\/user@host:5432\/db"$/);
    await expect(bad({ name: 'clickhouse', url: 'http://ch:8123/' })).rejects.toThrow(/^engine\.table: missing: "clickhouse" reads tables on the server/);
    await expect(bad({ name: 'duckdb', url: 'http://x/' })).rejects.toThrow(/^engine\.url: is for "postgres" and "clickhouse", not "duckdb"$/);
    await expect(bad({ name: 'postgres', url: 'postgres://h/db', table: 't', memoryLimit: '1GB' })).rejects.toThrow(/^engine\.memoryLimit: is for "duckdb"/);
    await expect(bad({ name: 'duckdb', customers_table: 'c.csv' })).rejects.toThrow(/engine: unknown key "customers_table".*customersTable/);
    await expect(bad({ url: 'postgres://h/db' })).rejects.toThrow(/engine: missing key "name"/);
  });
});

describe('resolveAnalyses with a server engine', () => {
  it('needs no input files (the server has the tables); other engines still do', () => {
    const run = { engine: { name: 'postgres' as const, url: 'postgres://h/db', table: 'events' }, analyses: analyses as never };
    expect(resolveAnalyses(run)[0].spec.input).toEqual({});
    expect(() => resolveAnalyses({ ...run, engine: { name: 'duckdb' } })).toThrow(/analyses\[0\]: no "input"/);
  });
});

describe('checkEngineSpec', () => {
  it('is what validateRunSpec applies after the schema', () => {
    expect(() => checkEngineSpec({ name: 'memory', table: 'x' })).toThrow(/^engine\.table: is for the SQL engines/);
    expect(() => checkEngineSpec({ name: 'duckdb' })).not.toThrow();
  });
});

describe('engineOptions and engineSection', () => {
  it('turn a spec section into engine options and back, the password left out', () => {
    const section: EngineSpec = { name: 'duckdb', table: 'e.parquet', memoryLimit: '2GB', tempDirectory: '/t' };
    const o = engineOptions(section)!;
    expect(o).toEqual({ engine: 'duckdb', url: undefined, table: 'e.parquet', customersTable: undefined, duckdb: { memoryLimit: '2GB', tempDirectory: '/t' } });
    expect(engineSection(o)).toEqual(section);
    expect(engineOptions({ name: 'memory' })).toBeUndefined();
    expect(engineSection({ engine: 'postgres', url: 'postgres://ana:s3cret@db:5432/app', table: 'events' })).toEqual({ name: 'postgres', url: 'postgres://ana@db:5432/app', table: 'events' });
  });
});

describe('redactUrl', () => {
  it('removes a password from the userinfo or the query, and leaves other text as it is', () => {
    expect(redactUrl('postgres://ana:s3cret@db:5432/app')).toBe('postgres://ana@db:5432/app');
    expect(redactUrl('http://ch:8123/?database=x&user=u&password=p%40ss')).toBe('http://ch:8123/?database=x&user=u');
    expect(redactUrl('postgres://ana@db/app')).toBe('postgres://ana@db/app');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});

describe('clickhouseEndpoint', () => {
  it('moves user:password@ to parameters, and takes CLICKHOUSE_USER / CLICKHOUSE_PASSWORD when the URL has none', () => {
    const e = clickhouseEndpoint('http://ana:p%40ss@ch:8123/?database=x', {});
    expect(e.username).toBe('');
    expect(e.password).toBe('');
    expect(e.searchParams.get('user')).toBe('ana');
    expect(e.searchParams.get('password')).toBe('p@ss');
    expect(e.searchParams.get('database')).toBe('x');
    const env = clickhouseEndpoint('http://ch:8123/', { CLICKHOUSE_USER: 'bob', CLICKHOUSE_PASSWORD: 's3cret' });
    expect([env.searchParams.get('user'), env.searchParams.get('password')]).toEqual(['bob', 's3cret']);
    expect(clickhouseEndpoint('http://ch:8123/?password=given', { CLICKHOUSE_PASSWORD: 'env' }).searchParams.get('password')).toBe('given');
  });
});

describe('clickhouseEndpoint of a bad URL', () => {
  it('says so without echoing it (it may hold a password)', () => {
    for (const url of ['ch:8123/?password=s3cret', 'not a url s3cret']) {
      expect(() => clickhouseEndpoint(url, {})).toThrow(/^clickhouse: the server URL is not an HTTP URL such as http:\/\/host:8123\/$/);
    }
  });
});
