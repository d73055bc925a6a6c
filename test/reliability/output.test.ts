import { spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { csvChunks } from '../../src/export/csv/csv-chunks.js';
import { jsonChunks, toJSON } from '../../src/export/to-json.js';
import { emptyReport } from '../../src/report/load-report.js';
import { runCli } from '../cli/run-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);
let dir: string;
const file = (name: string): string => path.join(dir, name);
const INPUT = 'id,time\na,2024-01-05\nb,2024-02-06\na,2024-02-07\n';

/** Activity whose tidy output is big: long cohort keys, many day cells (~57 MB at 1,500 names). */
function longKeys(names: number): string {
  let s = 'id,time,name\n';
  for (let i = 0; i < names; i++) {
    const name = `team-${'x'.repeat(120)}-${i}`;
    for (let k = 0; k < 3; k++) {
      const d = new Date(Date.UTC(2023, 0, 1) + ((i % 300) + k * 40) * 86400e3).toISOString().slice(0, 10);
      s += `c${i},${d},${name}\n`;
    }
  }
  return s;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-out-'));
  writeFileSync(file('in.csv'), INPUT);
  writeFileSync(file('cust.csv'), 'id,signup\na,2024-01-01\nb,2024-01-02\n');
  symlinkSync(file('in.csv'), file('link.csv'));
  linkSync(file('in.csv'), file('hard.csv'));
  writeFileSync(file('long.csv'), longKeys(1500));
});

describe('--out never writes over an input', () => {
  it.each([
    ['the activity file', ['in.csv'], 'in.csv'],
    ['the activity file by a relative path', ['in.csv'], './in.csv'],
    ['a symbolic link to the activity file', ['in.csv'], 'link.csv'],
    ['a hard link to the activity file', ['in.csv'], 'hard.csv'],
    ['the customers file', ['in.csv', '--customers', 'cust.csv', '--signup', 'signup'], 'cust.csv'],
  ])('refuses %s with exit 2, the input intact', async (_what, args, out) => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await runCli(['matrix', ...args, '--id', 'id', '--time', 'time', '--format', 'csv', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kohort: the output ".*" is an input of the run.*: refusing to write over it/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(file('in.csv'), 'utf8')).toBe(INPUT);
    expect(readFileSync(file('cust.csv'), 'utf8')).toBe('id,signup\na,2024-01-01\nb,2024-01-02\n');
  });

  it('refuses the input of kohort survival too', async () => {
    const r = await runCli(['survival', '--activity', file('in.csv'), '--id', 'id', '--time', 'time', '--inactive-after', '30d', '--out', file('link.csv')]);
    expect(r.code).toBe(2);
    expect(readFileSync(file('in.csv'), 'utf8')).toBe(INPUT);
  });
});

describe('text outputs stream', () => {
  it('csvChunks and jsonChunks give the text of toCSV and JSON.stringify, a block at a time', () => {
    const t = aq.table({ a: Array.from({ length: 10_001 }, (_, i) => `k"${i},`), b: Array.from({ length: 10_001 }, (_, i) => (i % 7 ? i / 3 : null)) });
    const chunks = [...csvChunks(t, 1000)];
    expect(chunks.length).toBe(11);
    expect(chunks.join('')).toBe(aq.toCSV(t));
    expect([...csvChunks(aq.table({ a: [] as string[] }))].join('')).toBe(aq.toCSV(aq.table({ a: [] as string[] })));
    const doc = { spec: { a: 1, b: [1, 2], c: undefined }, asOf: 0, rows: t, average: t.slice(0, 3), report: emptyReport() };
    const text = [...jsonChunks(doc)].join('');
    expect(text).toBe(toJSON(doc));
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['spec', 'as_of', 'rows', 'average', 'report']);
    expect(parsed.rows).toEqual(JSON.parse(JSON.stringify(t.objects())));
    const empty = JSON.parse([...jsonChunks({ ...doc, rows: t.slice(0, 0), average: undefined })].join(''));
    expect(empty.rows).toEqual([]);
    expect('average' in empty).toBe(false);
  });

  it.each(['tidy-csv', 'json', 'csv'])('writes a %s output of ~50 MB in chunks of at most 4 MB (no string holds it all)', async (format) => {
    const sizes: number[] = [];
    const code = await main(['node', 'kohort', 'matrix', file('long.csv'), '--id', 'id', '--time', 'time', '--cohort', 'day,name', '--period', 'day', '--format', format, '-q'], {
      stdout: (d) => void sizes.push(typeof d === 'string' ? d.length : d.byteLength),
      stderr: () => undefined,
      stdoutIsTTY: false,
    });
    expect(code).toBe(0);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(format === 'csv' ? 1e6 : 25e6);
    expect(Math.max(...sizes)).toBeLessThan(4 << 20);
  });
});

/** Output and temp files in a folder. */
const outputs = (d: string) => readdirSync(d).filter((n) => n.startsWith('.out.csv') || n === 'out.csv');

describe.skipIf(!built)('a killed write leaves no partial output (bin/kohort.js)', () => {
  const args = (out: string) => ['bin/kohort.js', 'matrix', file('long.csv'), '--id', 'id', '--time', 'time', '--cohort', 'day,name', '--period', 'day', '--format', 'tidy-csv', '-q', '--out', out];

  /** Start a run and send `signal` once its temp file has some bytes in it. */
  async function interrupt(out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawTemp: boolean }> {
    const child = spawn('node', args(out), { cwd: root, stdio: 'ignore' });
    const d = path.dirname(out);
    let sawTemp = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
    const timer = setInterval(() => {
      const tmp = readdirSync(d).find((n) => n.startsWith(`.${path.basename(out)}.kohort-tmp-`));
      if (tmp && statSync(path.join(d, tmp)).size > 1 << 20) {
        sawTemp = true;
        child.kill(signal);
        clearInterval(timer);
      }
    }, 5);
    const r = await exited;
    clearInterval(timer);
    return { ...r, sawTemp };
  }

  it('SIGKILL mid-write: no output; the next run sweeps the orphan temp and writes the output', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'kohort-kill-'));
    const out = path.join(d, 'out.csv');
    const r = await interrupt(out, 'SIGKILL');
    expect(r.sawTemp).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(outputs(d)).toHaveLength(1); // the orphan temp
    const again = spawnSync('node', args(out), { cwd: root, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(outputs(d)).toEqual(['out.csv']);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^cohort,name,offset,cohort_size,active,value,complete,period/);
  });

  it('SIGINT mid-write: exit 130, no output and no temp left', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'kohort-int-'));
    const out = path.join(d, 'out.csv');
    const r = await interrupt(out, 'SIGINT');
    expect(r.sawTemp).toBe(true);
    expect(r.code).toBe(130);
    expect(outputs(d)).toEqual([]);
  });
});
