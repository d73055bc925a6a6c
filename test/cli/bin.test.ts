import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);
if (!built) console.warn('skipping bin/kohort.js tests: no dist/ (npm install builds it)');

describe.skipIf(!built)('bin/kohort.js (the npx kohort entry)', () => {
  it('prints the matrix of the sample as CSV and exits 0', () => {
    const out = execFileSync('node', ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '--max-offset', '1', '-q'], { cwd: root, encoding: 'utf8' });
    expect(out.split('\n')[0]).toBe('cohort,cohort_size,0,1');
  });

  it('exits 2 with one line on stderr for a missing file', () => {
    const r = spawnSync('node', ['bin/kohort.js', 'matrix', 'nope.csv'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['kohort: nope.csv: cannot read the file (no such file)']);
  });

  it('kohort run - reads the spec a command prints on standard input, to the same bytes', () => {
    const args = ['matrix', 'datasets/sample/activity.csv', '--format', 'arrow-stream', '--max-offset', '3', '-q'];
    const direct = execFileSync('node', ['bin/kohort.js', ...args], { cwd: root });
    const spec = execFileSync('node', ['bin/kohort.js', ...args, '--print-spec'], { cwd: root });
    const replay = execFileSync('node', ['bin/kohort.js', 'run', '-', '-q'], { cwd: root, input: spec });
    expect(replay.equals(direct)).toBe(true);
  });

  it('writes Parquet through the bundle\'s import() of hyparquet-writer, to the bytes of the in-process CLI', async () => {
    const args = ['matrix', 'datasets/sample/activity.csv', '--format', 'parquet', '--max-offset', '3', '-q'];
    const r = spawnSync('node', ['bin/kohort.js', ...args], { cwd: root });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    const direct = await runCli(args);
    expect(Buffer.compare(r.stdout, Buffer.from(direct.stdoutBytes))).toBe(0);
  });

  it('--out and --rejects through a link to /proc/self/fd/1 (what /dev/stdout is) write into the file the shell opened', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-fd1-'));
    const link = path.join(dir, 'stdout');
    symlinkSync('/proc/self/fd/1', link);
    for (const flag of ['--out', '--rejects']) {
      const file = path.join(dir, `shell${flag}.txt`);
      const fd = openSync(file, 'w');
      const args = ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '--max-offset', '1', '-q', '--format', 'csv'];
      const r = spawnSync('node', [...args, flag, link, ...(flag === '--rejects' ? ['--out', path.join(dir, 'm.csv')] : [])], { cwd: root, stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      expect(r.status, String(r.stderr)).toBe(0);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(flag === '--out' ? 'cohort,cohort_size,0,1' : 'file,row,column,value,reason');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
    }
  });

  it('--out /dev/stdout, --rejects /dev/stdout and --rejects /dev/stderr append to a file the shell opened for append (>>), never truncate it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-append-'));
    const args = ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '--max-offset', '1', '-q', '--format', 'csv'];
    for (const [flags, stream] of [[['--out', '/dev/stdout'], 1], [['--rejects', '/dev/stdout', '--out', path.join(dir, 'a.csv')], 1], [['--rejects', '/dev/stderr', '--out', path.join(dir, 'b.csv')], 2]] as const) {
      const file = path.join(dir, `log${flags[0]}${stream}.txt`);
      writeFileSync(file, 'precious\n');
      const fd = openSync(file, 'a');
      const stdio = stream === 1 ? (['ignore', fd, 'pipe'] as const) : (['ignore', 'pipe', fd] as const);
      const r = spawnSync('node', [...args, ...flags], { cwd: root, stdio: [...stdio] });
      closeSync(fd);
      expect(r.status, String(r.stderr)).toBe(0);
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines.slice(0, 2)).toEqual(['precious', flags[0] === '--out' ? 'cohort,cohort_size,0,1' : 'file,row,column,value,reason']);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('--rejects - with --out a link of any name to /dev/stdout is refused before anything is written (the rejects would be lost)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-so-'));
    const link = path.join(dir, 'so');
    symlinkSync('/dev/stdout', link);
    const args = ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '--max-offset', '1', '-q', '--format', 'csv', '--rejects', '-', '--out', link];
    const r = spawnSync('node', args, { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--out ".*so" is standard output too, where --rejects - goes/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--out /dev/stdout into a pipe its reader closed (| head -1) fails (exit 2) in words', async () => {
    const child = spawn('node', ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '-q', '--format', 'csv', '--out', '/dev/stdout'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect([code, stderr.trim()]).toEqual([2, 'kohort: /dev/stdout: cannot write the output (the reader of the pipe closed it)']);
  });

  it('kohort report --rejects /dev/stdout writes the rejects CSV once, every mode\'s (a bad time and a bad amount), not once per mode', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-report-rejects-'));
    const input = path.join(dir, 'events.csv');
    writeFileSync(input, ['id,time,amount', 'a,2024-01-05,10', 'a,2024-02-05,12', 'b,2024-01-06,lots', 'c,2024-01-07,7', 'd,never,3', 'd,2024-01-08,4'].join('\n'));
    const args = ['bin/kohort.js', 'report', input, '--modes', 'classic,unbounded,revenue', '--amount', 'amount', '--max-rejects', '5', '--rejects', '/dev/stdout', '--out', path.join(dir, 'r.html'), '-q'];
    const r = spawnSync('node', args, { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'file,row,column,value,reason',
      `${input},5,time,never,is not a date or time`,
      expect.stringMatching(new RegExp(`^${input},3,amount,lots,.`)),
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
  it('kohort compare --amount --rejects /dev/stdout writes the rejects CSV once (one header), not once by the curves and again by the revenue part', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-compare-rejects-'));
    const events = path.join(dir, 'events.csv');
    const customers = path.join(dir, 'customers.csv');
    writeFileSync(events, ['id,time,amount', 'a,2024-01-05,10', 'a,2024-02-05,12', 'b,2024-01-06,lots', 'c,2024-01-07,7', 'd,2024-01-08,4'].join('\n'));
    writeFileSync(customers, ['id,signup,churn,plan', 'a,2024-01-01,,x', 'b,2024-01-01,,y', 'c,2024-01-02,2024-03-01,x', 'd,2024-01-03,,y'].join('\n'));
    const args = ['bin/kohort.js', 'compare', events, '--customers', customers, '--signup', 'signup', '--churn', 'churn', '--by', 'plan', '--amount', 'amount',
      '--max-rejects', '5', '--rejects', '/dev/stdout', '--format', 'csv', '--out', path.join(dir, 'c.csv'), '-q'];
    const r = spawnSync('node', args, { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`file,row,column,value,reason\n${events},3,amount,lots,is not a number\n`);
    rmSync(dir, { recursive: true, force: true });
  });
  // A spec whose first output goes to standard output (several MB: the reader is gone before it ends), the others to files.
  const pipeSpec = (dir: string, stdout: string): string => {
    const spec = path.join(dir, 'spec.json');
    const abs = (f: string): string => path.join(root, f);
    writeFileSync(spec, JSON.stringify({
      version: 1,
      input: { activity: abs('datasets/sample/activity.csv') },
      analyses: [
        { kind: 'matrix', cohort: ['day'], outputs: [{ format: 'csv', table: 'tidy', file: stdout }, { format: 'csv', file: path.join(dir, 'later.csv') }] },
        { kind: 'matrix', outputs: [{ format: 'json', file: path.join(dir, 'last.json') }] },
      ],
    }));
    return spec;
  };
  const intoHead = (spec: string, err: string) =>
    spawnSync('bash', ['-c', 'node bin/kohort.js run "$1" -q 2>"$2" | head -c 1; exit "${PIPESTATUS[0]}"', '_', spec, err], { cwd: root });

  for (const stdout of ['-', '/dev/stdout']) {
    it(`kohort run with an output to ${stdout} | head -c 1: the later outputs' files are written, then it fails (exit 2) saying standard output was cut short`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kohort-epipe-'));
      const err = path.join(dir, 'err.txt');
      const r = intoHead(pipeSpec(dir, stdout), err);
      expect(r.stdout.length).toBe(1);
      expect(readFileSync(err, 'utf8').trim()).toBe(`kohort: ${stdout === '-' ? 'standard output' : stdout}: cannot write the output (the reader of the pipe closed it)`);
      expect(r.status).toBe(2);
      expect(readFileSync(path.join(dir, 'later.csv'), 'utf8').split('\n')[0]).toMatch(/^cohort,cohort_size,0,/);
      expect(JSON.parse(readFileSync(path.join(dir, 'last.json'), 'utf8')).rows.length).toBeGreaterThan(0);
      rmSync(dir, { recursive: true, force: true });
    });
  }
  // script(1) runs the command on a pseudo-terminal: its stdout, stderr and /dev/tty are that terminal.
  const onTerminal = (cmd: string) => spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  it.skipIf(!existsSync('/usr/bin/script'))('refuses arrow and parquet to /dev/stderr and /dev/tty when they are a terminal, as to standard output, before anything is written', () => {
    // $(tty) is the terminal's own path (/dev/pts/N): named too, though it is standard output's device.
    for (const out of ['/dev/stderr', '/dev/tty', '$(tty)']) {
      for (const format of ['arrow', 'parquet']) {
        const r = onTerminal(`node bin/kohort.js matrix datasets/sample/activity.csv --max-offset 1 -q --format ${format} --out ${out}`);
        expect(r.status, `${format} to ${out}`).toBe(2);
        expect(r.stdout.replace(/\r/g, '').trim(), `${format} to ${out}`).toMatch(new RegExp(`^kohort: --format ${format} is binary and "${out === '$(tty)' ? '/dev/pts/\\d+' : out}" is a terminal: pass --out a file, or pipe it$`));
      }
    }
    // A spec's outputs are checked before any is written: the csv before the parquet is not.
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-tty-spec-'));
    const spec = path.join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ version: 1, input: { activity: path.join(root, 'datasets/sample/activity.csv') }, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv', file: path.join(dir, 'first.csv') }, { format: 'parquet', file: '/dev/tty' }] }] }));
    const r = onTerminal(`node bin/kohort.js run ${spec} -q`);
    expect(r.status).toBe(2);
    expect(r.stdout.replace(/\r/g, '').trim()).toBe(`kohort: ${spec}: analyses[0].outputs[1]: "format" parquet is binary and its "file" "/dev/tty" is a terminal: give it a file that is not one`);
    expect(existsSync(path.join(dir, 'first.csv'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes arrow to /dev/stderr when it is no terminal (2> file)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-stderr-'));
    const file = path.join(dir, 'err.arrow');
    const fd = openSync(file, 'w');
    const r = spawnSync('node', ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '--max-offset', '1', '-q', '--format', 'arrow', '--out', '/dev/stderr'], { cwd: root, stdio: ['ignore', 'pipe', fd] });
    closeSync(fd);
    expect(r.status).toBe(0);
    expect(readFileSync(file).subarray(0, 6).toString('latin1')).toBe('ARROW1');
    rmSync(dir, { recursive: true, force: true });
  });
  it('--out or --rejects naming the file standard output is redirected to (> file) is refused naming it as standard output, not "give --out or --rejects a file"', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-same-'));
    const file = path.join(dir, 'out.csv');
    const run = (flags: string[]) => {
      const fd = openSync(file, 'w');
      const r = spawnSync('node', ['bin/kohort.js', 'matrix', 'datasets/sample/activity.csv', '-q', '--format', 'csv', ...flags], { cwd: root, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      return [r.status, r.stderr.trim()];
    };
    expect(run(['--rejects', file])).toEqual([2, `kohort: --rejects "${file}" is standard output too, where the result goes: only one may; give --out a file, or --rejects another file`]);
    expect(run(['--rejects', '-', '--out', file])).toEqual([2, `kohort: --out "${file}" is standard output too, where --rejects - goes: only one may; give --rejects a file, or --out another file`]);
    expect(run(['--rejects', file, '--out', file])).toEqual([2, `kohort: --out "${file}" and --rejects "${file}" are both standard output: only one may; give one of them another file`]);
    expect(readFileSync(file, 'utf8')).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });
  it('kohort survival --format csv | true (the reader gone before the one write of the output): fails (exit 2) saying standard output was cut short', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-epipe-one-write-'));
    const err = path.join(dir, 'err.txt');
    const input = path.join(dir, 'c.csv');
    writeFileSync(input, 'id,signup,churn\na,2024-01-01,2024-03-01\nb,2024-01-05,\nc,2024-02-01,2024-02-20\n');
    // A small CSV goes in one write: it fails at once, nothing left buffered, before the 'error' event's tick.
    const r = spawnSync('bash', ['-c', 'node bin/kohort.js survival "$1" --signup signup --churn churn --format csv -q 2>"$2" | true; exit "${PIPESTATUS[0]}"', '_', input, err], { cwd: root });
    expect(readFileSync(err, 'utf8').trim()).toBe('kohort: standard output: cannot write the output (the reader of the pipe closed it)');
    expect(r.status).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
  it('--rejects - | head -c 1: the --out file is still written, then it fails (exit 2) saying standard output was cut short', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-epipe-rejects-'));
    const input = path.join(dir, 'bad.csv');
    // 10,000 unreadable times: a rejects CSV far past what a pipe holds.
    const rows = Array.from({ length: 20000 }, (_, i) => `c${i % 500},${i % 2 ? `2024-01-${String((i % 28) + 1).padStart(2, '0')}` : `notatime${i}`}`);
    writeFileSync(input, ['id,time', ...rows].join('\n'));
    const err = path.join(dir, 'err.txt');
    const out = path.join(dir, 'm.csv');
    const r = spawnSync('bash', ['-c', 'node bin/kohort.js matrix "$1" --max-rejects 100% --rejects - --out "$2" -q 2>"$3" | head -c 1; exit "${PIPESTATUS[0]}"', '_', input, out, err], { cwd: root });
    expect(r.stdout.toString()).toBe('f');
    // The last line (a warning of the data may come before it).
    expect(readFileSync(err, 'utf8').trim().split('\n').at(-1)).toBe('kohort: standard output: cannot write the output (the reader of the pipe closed it)');
    expect(r.status).toBe(2);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^cohort,cohort_size,0/);
    rmSync(dir, { recursive: true, force: true });
  });
});
