import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { tempDir } from '../load/helpers.js';
import { sharedDataset } from '../shared-datasets.js';
import { runCli, type CliRun } from './run-cli.js';

// Every `$ kohort ...` line of every --help runs, as printed, on real files: the bundled
// sample stands for events/customers, the public data sets for the files they name, the
// feedback fixture for survey.csv. Only examples that need a server (--url) are left out.
const { dir, cleanup } = tempDir();
const sample = (f: string) => resolve('datasets/sample', f);
const FILES: Record<string, string> = {
  'events.csv': sample('activity.csv'),
  'customers.csv': sample('customers.csv'),
  'events.parquet': join(dir, 'events.parquet'),
  'customers.parquet': join(dir, 'customers.parquet'),
  'survey.csv': resolve('test/fixtures/feedback/survey.csv'),
  'orders.csv': sharedDataset('online_retail/online_retail.csv.gz'),
  'Online_Retail.parquet': sharedDataset('online_retail/Online_Retail.parquet'),
  'CDNOW_master.txt': sharedDataset('cdnow/CDNOW_master.txt'),
  'Telco-Customer-Churn.csv': sharedDataset('telco/Telco-Customer-Churn.csv'),
  'telecom_customer_churn.csv': sharedDataset('maven_telecom/telecom_customer_churn.csv'),
  'olist_closed_deals_dataset.csv': sharedDataset('olist_marketing/olist_closed_deals_dataset.csv'),
  'olist_marketing_qualified_leads_dataset.csv': sharedDataset('olist_marketing/olist_marketing_qualified_leads_dataset.csv'),
};

/** The example lines of one help text, continuation lines joined, descriptions cut. */
function exampleLines(help: string): string[] {
  const out: string[] = [];
  const lines = help.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    if (!lines[i].startsWith('  $ kohort ')) continue;
    let line = lines[i].slice(4);
    while (line.endsWith('\\')) line = `${line.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
    out.push(line.replace(/ {3,}\S.*$/, '').replace(/ +#.*$/, ''));
  }
  return out;
}

/** Shell words: double quotes group, no other shell syntax but | and >. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

const COMMANDS = createProgram().commands.map((c) => c.name());
const HELPS = await Promise.all(['', ...COMMANDS].map(async (name) => ({ name, help: (await runCli(name === '' ? ['--help'] : [name, '--help'])).stdout })));
const EXAMPLES = HELPS.flatMap(({ name, help }) => exampleLines(help).map((line) => ({ help: name || '(top)', line })));

/** A copy of a bundled spec whose outputs go to the temporary folder, not reports/. */
function specWritingToTemp(path: string): string {
  const spec = JSON.parse(readFileSync(path, 'utf8')) as { analyses: { outputs?: { file?: string }[] }[] };
  for (const a of spec.analyses) for (const o of a.outputs ?? []) if (o.file !== undefined) o.file = join(dir, 'out', o.file);
  const copy = join(dir, path.replaceAll('/', '-'));
  writeFileSync(copy, JSON.stringify(spec));
  return copy;
}

let reports = 0;

/** Run one example line (`a | b` and `a > file` included); returns the last run. */
async function runExample(line: string): Promise<CliRun> {
  let stdin: Buffer | undefined;
  let last: CliRun | undefined;
  for (const part of line.split(' | ')) {
    const [target, file] = part.split(/ > (?=[\w.]+$)/);
    const args = words(target)
      .slice(1)
      .map((w, i, all) => {
        if (FILES[w] !== undefined) return FILES[w];
        if (w.startsWith('examples/')) return specWritingToTemp(w);
        // outputs and the spec file the examples write go to the temporary folder
        return all[i - 1] === '--out' || /\.(json|csv)$/.test(w) ? join(dir, w) : w;
      });
    // kohort report writes retention-report.html in the working folder without --out
    if (args[0] === 'report' && !args.includes('--out')) args.push('--out', join(dir, `report-${++reports}.html`));
    const input = stdin;
    last = await runCli(args, input === undefined ? {} : { stdin: () => Readable.from([input]) });
    if (last.code !== 0) return last;
    if (file !== undefined) writeFileSync(join(dir, file.trim()), last.stdoutBytes);
    stdin = Buffer.from(last.stdoutBytes);
  }
  return last!;
}

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const name of ['events', 'customers']) {
    await conn.run(`COPY (SELECT * FROM read_csv('${FILES[`${name}.csv`]}')) TO '${FILES[`${name}.parquet`]}' (FORMAT parquet)`);
  }
  conn.closeSync();
  db.closeSync();
});
afterAll(cleanup);

describe('every example in kohort --help and kohort <command> --help', () => {
  it('finds the examples of every command', () => {
    for (const name of COMMANDS.filter((c) => c !== 'schema')) expect(EXAMPLES.some((e) => e.help === name), name).toBe(true);
    expect(EXAMPLES.length).toBeGreaterThan(40);
  });

  const runnable = EXAMPLES.filter((e) => !e.line.includes('--url'));
  it.each(runnable)('$help: $line', { timeout: 120_000 }, async ({ line }) => {
    // The files made in beforeAll exist by then; a public data set may be absent (skip).
    const missing = words(line).filter((w) => FILES[w] !== undefined && !FILES[w].startsWith(dir) && !existsSync(FILES[w]));
    if (missing.length > 0) return void console.warn(`skipping (${missing.join(', ')} absent): ${line}`);
    const r = await runExample(line);
    expect(r.stderr.match(/^kohort: (?!warning).*$/m)?.[0] ?? '', line).toBe('');
    expect(r.code, `${line}\n${r.stderr}`).toBe(0);
  });

  it('the spec example writes where its run reads (m.parquet from the spec)', () => {
    expect(existsSync(join(dir, 'spec.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8'))).toBeTypeOf('object');
  });
});
