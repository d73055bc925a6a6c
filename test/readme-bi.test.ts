// The README's "Use it from your BI tool" DuckDB queries run as written on the outputs of
// examples/sample-retention.json.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { RunSpec } from '../src/spec/run-spec.js';
import { validateRunSpec } from '../src/spec/validate-run-spec.js';
import { runCli } from './cli/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('README: Use it from your BI tool', () => {
  it('its spec example is a valid spec file', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use it from your BI tool'));
    const start = section.indexOf('```json') + 7;
    const spec = JSON.parse(section.slice(start, section.indexOf('```', start)));
    await expect(validateRunSpec(spec)).resolves.toBeTruthy();
  });

  it('its DuckDB queries run on the Parquet of examples/sample-retention.json, "offset" quoted', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use it from your BI tool'));
    const sql = section.slice(section.indexOf('```sql') + 6, section.indexOf('```', section.indexOf('```sql') + 6));
    expect(sql).toContain('"offset"');
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-readme-'));
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'examples/sample-retention.json'), 'utf8')) as RunSpec;
    for (const a of spec.analyses) for (const o of a.outputs) o.file = o.file!.replace('reports/bi/', `${dir}/`);
    writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(spec));
    expect((await runCli(['run', path.join(dir, 'spec.json'), '-q'])).code).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const statements = sql.replaceAll('reports/bi/', `${dir}/`).split(';').map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, '').trim());
    expect(statements).toHaveLength(2);
    const m3 = (await conn.runAndReadAll(statements[0])).getRowObjectsJson();
    expect(m3.length).toBeGreaterThan(10);
    expect(m3[0]).toMatchObject({ cohort_start: '2022-01-01', channel: 'email' });
    const kv = (await conn.runAndReadAll(statements[1])).getRowObjectsJson();
    expect(kv.map((r) => r.key)).toEqual(['kohort.version', 'kohort.schema_version', 'kohort.table', 'kohort.as_of', 'kohort.inputs', 'kohort.spec', 'kohort.resolved']);
    conn.closeSync();
  }, 60_000);
});
