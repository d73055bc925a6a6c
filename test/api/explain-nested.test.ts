import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOnEngine, matrixOnEngine } from '../../src/api/engines.js';
import { matrix, matrixAnalysis } from '../../src/api/matrix.js';
import { runCli } from '../cli/run-cli.js';

let file: string;
beforeAll(async () => {
  file = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-nested-')), 'nested.parquet');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(
    `COPY (SELECT * FROM (VALUES ('1', DATE '2024-01-03', {'city': 'Berlin', 'geo': {'lat': 52.5}}), ('2', DATE '2024-02-03', {'city': 'Paris', 'geo': {'lat': 48.9}}))` +
      ` t(customer_id, event_time, address)) TO '${file}' (FORMAT parquet)`,
  );
});

describe('planExplained (through matrix)', () => {
  it('says a dotted name is a field of a nested Parquet column, lists its fields and how to flatten it', async () => {
    const fields = '"address.city", "address.geo.lat"';
    await expect(matrix({ input: { activity: file }, cohort: ['address.city'] })).rejects.toMatchObject({
      code: 'nestedField',
      message:
        `${file}, column "address.city": "address.city" is a field of "address", a nested column, whose fields are ${fields}; kohort reads a nested column only whole, ` +
        `as JSON text: make the field a column of its own first, e.g. DuckDB: COPY (SELECT *, address.city AS address_city FROM '${file}') TO 'flat.parquet'`,
    });
    // Loosely matched as columns are, a struct inside the struct, and a filter.
    await expect(matrix({ input: { activity: file }, cohort: ['Address.City'] })).rejects.toMatchObject({ code: 'nestedField' });
    await expect(matrix({ input: { activity: file }, cohort: ['address.geo'] })).rejects.toMatchObject({ code: 'nestedField' });
    await expect(matrix({ input: { activity: file }, where: ['address.geo.lat > 50'] })).rejects.toMatchObject({ code: 'nestedField' });
  });

  it('leaves other missing columns to missingColumn, and reads the struct itself as its JSON text', async () => {
    await expect(matrix({ input: { activity: file }, cohort: ['adress'] })).rejects.toMatchObject({ code: 'missingColumn', message: expect.stringMatching(/Did you mean "address"\?$/) });
    const r = await runCli(['matrix', file, '--cohort', 'address', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^"\{""city"":""Berlin"",""geo"":\{""lat"":52\.5\}\}",1,1/);
  });

  it('words it the same on --engine duckdb, running and planning only (matrixOnEngine, planOnEngine)', async () => {
    const spec = { input: { activity: file }, cohort: ['address.city'] };
    await expect(matrixOnEngine(spec, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'nestedField', message: expect.stringContaining('"address.city" is a field of "address"') });
    await expect(planOnEngine(matrixAnalysis, spec, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'nestedField' });
    await expect(matrixOnEngine({ ...spec, cohort: ['adress'] }, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'missingColumn' });
    const r = await runCli(['matrix', file, '--cohort', 'address.city', '--engine', 'duckdb']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"address\.city" is a field of "address", a nested column/);
  });

  it('words a spec file\'s analyses the same, when run together or checked (kohort run, run --check)', async () => {
    const spec = path.join(path.dirname(file), 'spec.json');
    const outputs = (n: number) => [{ format: 'csv', file: path.join(path.dirname(file), `o${n}.csv`) }];
    const analyses = [{ kind: 'matrix', cohort: ['address.city'], outputs: outputs(1) }, { kind: 'matrix', outputs: outputs(2) }];
    writeFileSync(spec, JSON.stringify({ version: 1, input: { activity: file }, columns: { id: 'customer_id', time: 'event_time' }, analyses }));
    for (const args of [['run', spec], ['run', '--check', spec]]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/analyses\[0\]: .*"address\.city" is a field of "address", a nested column/);
    }
  });
});
