import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { terminalWidth } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('terminalWidth(ttyColumns, COLUMNS)', () => {
  it('takes COLUMNS when it is a whole number above 0, else the terminal\'s width, else 80 (a terminal that reports 0 columns)', () => {
    expect(terminalWidth(120, undefined)).toBe(120);
    expect(terminalWidth(120, '60')).toBe(60);
    expect(terminalWidth(0, undefined)).toBe(80);
    expect(terminalWidth(undefined, undefined)).toBe(80);
    expect(terminalWidth(0, '100')).toBe(100);
    for (const bad of ['', '0', 'wide', '-5', '7.5']) expect(terminalWidth(0, bad)).toBe(80);
  });
});

// script(1) runs the command on a pseudo-terminal that reports 0 columns, as some CI runners and containers do.
const canScript = existsSync('/usr/bin/script') && existsSync(`${root}dist/cli/main.js`);
if (!canScript) console.warn('skipping the pseudo-terminal test: needs /usr/bin/script and dist/ (npm run build)');

describe.skipIf(!canScript)('processIO() on a terminal that reports 0 columns', () => {
  const run = (env: Record<string, string>): string[] => {
    const cmd = 'node bin/kohort.js matrix datasets/sample/activity.csv -q';
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
    expect(r.status).toBe(0);
    return r.stdout.replace(/\r/g, '').trimEnd().split('\n');
  };

  it('fits the matrix to 80 columns, not to 0 (before: one offset column and the notes one word a line)', () => {
    const lines = run({ COLUMNS: '' });
    expect(lines[0]).toMatch(/^cohort\s+size\s+0\s+1\s+2\s+3/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThan(30);
  });

  it('honours COLUMNS', () => {
    const lines = run({ COLUMNS: '40' });
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(40);
    expect(lines.some((l) => /cut to fit 40 columns/.test(l))).toBe(true);
  });
});

describe('writeResult(io, opts, render) with --out /dev/stdout', () => {
  const tty = { stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: true, columns: 100, colour: true };

  it('refuses a binary format to a terminal as it does without --out (binaryToTerminal), before rendering', async () => {
    const { writeResult } = await import('../../src/cli/io.js');
    let rendered = false;
    const render = () => ((rendered = true), new Uint8Array(0));
    for (const out of ['/dev/stdout', '/dev/fd/1', '-']) {
      await expect(writeResult(tty, { format: 'arrow', out }, render), out).rejects.toThrow('arrow is binary');
    }
    expect(rendered).toBe(false);
  });

  it('gives a table the terminal\'s width and colour, as stdout (terminalOptions)', async () => {
    const { terminalOptions } = await import('../../src/cli/io.js');
    expect(terminalOptions(tty, '/dev/stdout')).toEqual(terminalOptions(tty, undefined));
    expect(terminalOptions(tty, '/dev/stdout')).toEqual({ colour: true, width: 100 });
    expect(terminalOptions(tty, 'm.txt')).toEqual({ colour: false });
  });
});
