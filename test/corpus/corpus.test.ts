import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

/*
 * The reliability corpus (issue 11): bad and tricky inputs with the outcome each must
 * have, from manifest.json. Inputs are in files/ (made by make-corpus.mjs).
 */

interface Case {
  id: string;
  about: string;
  args: string[];
  expect: { exit: 0 | 2; stdout?: string[]; stderr?: string };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const files = path.join(here, 'files');
const manifest = JSON.parse(readFileSync(path.join(here, 'manifest.json'), 'utf8')) as { cases: Case[] };

/** Arguments naming a corpus file become its path; "{files}" is the folder itself. */
const resolve = (args: string[]) =>
  args.map((a) => (a === '{files}' ? files : /^[\w.-]+$/.test(a) && a !== '.' && existsSync(path.join(files, a)) ? path.join(files, a) : a));

describe('the reliability corpus (test/corpus/manifest.json)', () => {
  it('has at least 60 cases with distinct ids', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(manifest.cases.map((c) => c.id)).size).toBe(manifest.cases.length);
  });

  it.each(manifest.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await runCli(resolve(c.args));
    // Never a stack trace or an internal error, whatever the input.
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(r.code, `${c.about}\nstderr: ${r.stderr}`).toBe(c.expect.exit);
    if (c.expect.exit === 2) {
      // A clean error: one line, quoting what was wrong (commander may add a "Did you
      // mean" line after an unknown option); nothing on stdout.
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.length === 1 || (lines.length === 2 && lines[1].startsWith('(Did you mean'))).toBe(true);
      expect(r.stdout).toBe('');
    }
    if (c.expect.stderr) expect(r.stderr).toMatch(new RegExp(c.expect.stderr, 'm'));
    // A row is named by its first fields: columns added at the end later do not break a case.
    const lines = r.stdout.split('\n');
    for (const line of c.expect.stdout ?? []) {
      expect(lines.some((l) => l === line || l.startsWith(`${line},`)), `${c.about}: no line ${line} in\n${r.stdout}`).toBe(true);
    }
  });
});
