import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACTIVITY = 'id,time\n007,2024-01-05\n007,2024-02-10\n7,2024-01-20\nx,soon\n';

/** A fresh working folder with the activity file; "-" would appear here if written as a file. */
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-dash-'));
  writeFileSync(path.join(dir, 'a.csv'), ACTIVITY);
  return dir;
}

/** `kohort ...args` in `dir` as a process (bytes on its real stdout). */
function kohort(dir: string, args: string[]) {
  return spawnSync('node', [path.join(ROOT, 'bin/kohort.js'), ...args], { cwd: dir, encoding: 'utf8' });
}

function spec(dir: string, outputs: object[], extra: object = {}): string {
  const file = path.join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify({ input: { activity: path.join(dir, 'a.csv') }, analyses: [{ kind: 'matrix', asOf: '2024-04-01', maxRejects: '50%', ...extra, outputs }] }));
  return file;
}

describe('writeResult: "-" is standard output, never a file named "-"', () => {
  it('kohort sql --out -', async () => {
    const dir = folder();
    const r = kohort(dir, ['sql', '--dialect', 'duckdb', '--table', 'events', '--out', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/select/i);
    expect(r.stdout).toBe(kohort(dir, ['sql', '--dialect', 'duckdb', '--table', 'events']).stdout);
    expect(existsSync(path.join(dir, '-'))).toBe(false);
  });
});

describe('writeOutputs: a spec output with "file": "-"', () => {
  it('goes to standard output, as an output without a file does', async () => {
    const dir = folder();
    const r = kohort(dir, ['run', spec(dir, [{ format: 'csv', file: '-' }]), '-q']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('cohort,cohort_size,0,1,2\n2024-01,2,1,0.5,0\n');
    expect(r.stdout).toBe(kohort(dir, ['run', spec(dir, [{ format: 'csv' }]), '-q']).stdout);
    expect(existsSync(path.join(dir, '-'))).toBe(false);
  });

  it('counts as the one output to standard output (resolveAnalyses: specTwoStdout)', async () => {
    const dir = folder();
    const r = await runCli(['run', spec(dir, [{ format: 'csv', file: '-' }, { format: 'json' }]), '-q']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('only one output may go to standard output');
  });
});

describe('writeRejects (--rejects -)', () => {
  it('writes the rejects CSV to standard output when the result goes to a file', async () => {
    const dir = folder();
    const r = kohort(dir, ['matrix', 'a.csv', '--as-of', '2024-04-01', '--max-rejects', '50%', '--rejects', '-', '--out', 'm.csv', '-q']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('file,row,column,value,reason\na.csv,4,time,soon,is not a date or time\n');
    expect(readFileSync(path.join(dir, 'm.csv'), 'utf8')).toMatch(/^cohort,cohort_size/);
    expect(existsSync(path.join(dir, '-'))).toBe(false);
  });

  it('200k rejects through a slow pipe arrive whole (kohort makes its stdout pipe non-blocking: a full pipe is waited out)', async () => {
    const dir = folder();
    const N = 200_000;
    const rows = ['id,time', 'a,2024-01-05'];
    for (let i = 0; i < N; ++i) rows.push(`c${i},soon${i}`);
    writeFileSync(path.join(dir, 'many.csv'), `${rows.join('\n')}\n`);
    const child = spawn('node', [path.join(ROOT, 'bin/kohort.js'), 'matrix', 'many.csv', '--as-of', '2024-04-01', '--max-rejects', '100%', '--rejects', '-', '--out', 'm.csv', '-q'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    // A reader that falls behind: nothing is read for the first 300 ms, so the pipe fills.
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 300);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    const lines = Buffer.concat(out).toString('utf8').split('\n');
    expect(lines.length).toBe(N + 2);
    expect(lines[0]).toBe('file,row,column,value,reason');
    expect(lines[1]).toBe('many.csv,2,time,soon0,is not a date or time');
    expect(lines[N]).toBe(`many.csv,${N + 1},time,soon${N - 1},is not a date or time`);
    expect(lines[N + 1]).toBe('');
  }, 60_000);

  it('checkOutputs: refuses --rejects - when the result goes to standard output too, and "rejects": "-" beside a stdout output', async () => {
    const dir = folder();
    const r = await runCli(['matrix', path.join(dir, 'a.csv'), '--as-of', '2024-04-01', '--max-rejects', '50%', '--rejects', '-', '-q']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the rejects ("-") and the result both go to standard output');
    expect(r.stderr).toContain('give --out or --rejects a file');
    const s = await runCli(['run', spec(dir, [{ format: 'csv' }], { rejects: '-' }), '-q']);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toContain('"rejects" of analyses[0] ("-") and an output both go to standard output: only one may; give the output a "file" or "rejects" a file');
    expect(s.stderr).not.toContain('--');
    expect(existsSync(path.join(dir, '-'))).toBe(false);
  });
});

describe('checkOutputs(runs)', () => {
  it('refuses --out /dev/stdout (or /dev/fd/1, /proc/self/fd/1) with --rejects -, and --rejects /dev/stdout with the result on stdout: both are standard output', async () => {
    const { checkOutputs } = await import('../../src/cli/write-outputs.js');
    const dir = folder();
    const input = { activity: path.join(dir, 'a.csv') };
    const run = (file: string | undefined, rejects: string) => () => checkOutputs([{ input, outputs: [{ format: 'csv', file }], rejects }], { from: 'flags', stdoutIsTTY: false });
    for (const out of ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/${process.pid}/fd/1`, '/dev/../dev/stdout']) {
      expect(run(out, '-')).toThrow('the rejects ("-") and the result both go to standard output');
    }
    expect(run(undefined, '/dev/stdout')).toThrow('the rejects ("/dev/stdout") and the result both go to standard output');
    expect(run('-', '/dev/fd/1')).toThrow('the rejects ("/dev/fd/1") and the result both go to standard output');
    expect(run('/dev/stdout', '/dev/stdout')).toThrow('the rejects ("/dev/stdout") and the result both go to standard output');
    // Standard error and a file are other outputs.
    expect(run('/dev/stderr', '-')).not.toThrow();
    expect(run(path.join(dir, 'm.csv'), '/dev/stdout')).not.toThrow();
  });

  it('refuses two spec outputs on standard output when one names it as /dev/stdout', async () => {
    const { checkOutputs } = await import('../../src/cli/write-outputs.js');
    const dir = folder();
    const input = { activity: path.join(dir, 'a.csv') };
    expect(() => checkOutputs([{ input, outputs: [{ format: 'csv' }, { format: 'json', file: '/dev/stdout' }] }], { from: 'spec', stdoutIsTTY: false })).toThrow('two outputs write "/dev/stdout"');
  });
});

describe('checkDistinctOutputs(outputs)', () => {
  it('refuses two outputs that are one file through a symlink (the second would replace the first)', async () => {
    const { checkDistinctOutputs } = await import('../../src/cli/write-outputs.js');
    const { symlinkSync } = await import('node:fs');
    const dir = folder();
    symlinkSync('m.csv', path.join(dir, 'r.csv'));
    const outs = [{ format: 'csv', file: path.join(dir, 'm.csv') }, { format: 'csv', file: path.join(dir, 'r.csv') }];
    expect(() => checkDistinctOutputs(outs as never)).toThrow(/r\.csv/);
    expect(() => checkDistinctOutputs([outs[0], { format: 'csv', file: path.join(dir, 'other.csv') }] as never)).not.toThrow();
  });
});

describe('checkOutputs(runs, from)', () => {
  it('refuses a binary output to a terminal before anything is written, in the spec\'s words for kohort run, in flags for a command', async () => {
    const dir = folder();
    const s = await runCli(['run', spec(dir, [{ format: 'csv', file: path.join(dir, 'm.csv') }, { format: 'arrow', file: '/dev/stdout' }]), '-q'], { tty: true });
    expect(s.code).toBe(2);
    expect(existsSync(path.join(dir, 'm.csv'))).toBe(false);
    expect(s.stderr).toContain('analyses[0].outputs[1]: "format" arrow is binary and standard output is a terminal: give the output a "file" or pipe stdout');
    expect(s.stderr).not.toContain('--');
    const c = await runCli(['matrix', path.join(dir, 'a.csv'), '--as-of', '2024-04-01', '--max-rejects', '50%', '--format', 'arrow', '--out', '/dev/stdout', '-q'], { tty: true });
    expect(c.code).toBe(2);
    expect(c.stderr).toBe('kohort: --format arrow is binary: pass --out <file> or pipe stdout\n');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('checkOutputs(runs, from): two rejects outputs on standard output', () => {
  it('names both rejects outputs and the spec field, not the result and --out', async () => {
    const dir = folder();
    const file = path.join(dir, 'two.json');
    const analysis = (rejects: string, out: string) => ({ kind: 'matrix', asOf: '2024-04-01', maxRejects: '50%', rejects, outputs: [{ format: 'csv', file: path.join(dir, out) }] });
    writeFileSync(file, JSON.stringify({ input: { activity: path.join(dir, 'a.csv') }, analyses: [analysis('/dev/fd/1', 'm1.csv'), analysis('-', 'm2.csv')] }));
    const r = await runCli(['run', file, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kohort: ${file}: "rejects" of analyses[0] ("/dev/fd/1") and of analyses[1] ("-") both go to standard output: only one may; give all but one of them a file\n`);
    rmSync(dir, { recursive: true, force: true });
  });
});

