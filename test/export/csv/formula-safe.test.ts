/**
 * CSV injection: labels and rejected values come from input files; a CSV opened in a
 * spreadsheet must not run them as formulas (OWASP: prefix with ').
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { formulaSafe } from '../../../src/report/formula-safe.js';
import { csvField } from '../../../src/export/csv/csv-field.js';
import { toCSV } from '../../../src/export/csv/to-csv.js';
import { runCli } from '../../cli/run-cli.js';

describe('formulaSafe(text)', () => {
  it('formulaSafe prefixes texts starting with = + - @ tab or CR, never numbers or other texts', () => {
    for (const s of ['=cmd|\' /C calc\'!A0', '+SUM(1)', '-2+3', '@x', '\tx', '\rx', '=', '@', '--']) expect(formulaSafe(s)).toBe(`'${s}`);
    for (const s of ['-5', '+1.5e3', '-.5', 'ads', 'a=b', '', '2024-01', "'=x", '-', '+']) expect(formulaSafe(s)).toBe(s);
  });

  it('csvField is formula-safe, then quoted', () => {
    expect(csvField('=1+2,3')).toBe('"\'=1+2,3"');
    expect(csvField('@a"b')).toBe('"\'@a""b"');
    expect(toCSV(aq.table({ a: ['=x', 'y'], b: [-1, 2] }))).toBe("a,b\n'=x,-1\ny,2\n");
  });

  it('csvField(text, delimiter, false) and toCSV(table, { formulaGuard: false }) write texts as they are', () => {
    expect(csvField('=1+2,3', ',', false)).toBe('"=1+2,3"');
    expect(csvField('@a', ',', false)).toBe('@a');
    expect(toCSV(aq.table({ a: ['=x', 'y'], b: [-1.25, 2] }), { formulaGuard: false })).toBe('a,b\n=x,-1.25\ny,2\n');
  });
});

describe('kohort CSV outputs of formula-like labels', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-formula-'));
  const input = path.join(dir, 'orders.csv');
  writeFileSync(
    input,
    ['id,time,channel', 'a,2024-01-05,=HYPERLINK("http://x")', 'a,2024-02-05,=HYPERLINK("http://x")', 'b,2024-01-06,@SUM(A1)',
      'c,2024-01-07,-5', 'c,2024-02-07,-5', 'd,=cmd|calc,ads', 'd,2024-01-08,ads'].join('\n'),
  );

  it('kohort matrix --format csv, tidy-csv and tsv write labels with a leading quote; json keeps them', async () => {
    for (const format of ['csv', 'tidy-csv', 'tsv']) {
      const r = await runCli(['matrix', input, '--cohort', 'channel', '--format', format, '--max-rejects', '5', '-q']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('"\'=HYPERLINK(""http://x"")"');
      expect(r.stdout).toContain("'@SUM(A1)");
      expect(r.stdout).not.toMatch(/^[=@]/m);
      expect(r.stdout).toMatch(/^-5[,\t]/m);
    }
    const survival = await runCli(['survival', input, '--inactive-after', '10d', '--by', 'channel', '--format', 'csv', '--max-rejects', '5', '-q']);
    expect(survival.stdout).toContain("'@SUM(A1),");
    const json = await runCli(['matrix', input, '--cohort', 'channel', '--format', 'json', '--max-rejects', '5', '-q']);
    expect(JSON.parse(json.stdout).rows.map((row: { channel: string }) => row.channel)).toContain('@SUM(A1)');
  });

  it('kohort matrix/survival/compare --no-formula-guard write every label exactly as read, in csv, tidy-csv and tsv', async () => {
    for (const format of ['csv', 'tidy-csv', 'tsv']) {
      const r = await runCli(['matrix', input, '--cohort', 'channel', '--format', format, '--max-rejects', '5', '-q', '--no-formula-guard']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('"=HYPERLINK(""http://x"")"');
      expect(r.stdout).toMatch(/^@SUM\(A1\)[,\t]/m);
      expect(r.stdout).not.toContain("'");
    }
    const survival = await runCli(['survival', input, '--inactive-after', '10d', '--by', 'channel', '--format', 'csv', '--max-rejects', '5', '-q', '--no-formula-guard']);
    expect(survival.stdout).toMatch(/^@SUM\(A1\),/m);
    const compare = await runCli(['compare', input, '--by', 'channel', '--inactive-after', '10d', '--format', 'tidy-csv', '--max-rejects', '5', '-q', '--no-formula-guard']);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toContain('@SUM(A1)');
    expect(compare.stdout).not.toContain("'@SUM");
  });

  it('kohort matrix --no-formula-guard --print-spec carries formulaGuard: false, and kohort run of that spec writes the same bytes', async () => {
    const args = ['matrix', input, '--cohort', 'channel', '--format', 'csv', '--max-rejects', '5', '-q', '--no-formula-guard'];
    const spec = await runCli([...args, '--print-spec']);
    expect(spec.code).toBe(0);
    expect(JSON.parse(spec.stdout).analyses[0].outputs[0]).toMatchObject({ format: 'csv', formulaGuard: false });
    const specFile = path.join(dir, 'raw.json');
    writeFileSync(specFile, spec.stdout);
    const [direct, run] = [await runCli(args), await runCli(['run', specFile, '-q'])];
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(direct.stdout);
  });

  it('kohort compare --max-rejects 5 --rejects FILE skips and lists the unreadable time (compare passed neither on)', async () => {
    const rejects = path.join(dir, 'compare-rejects.csv');
    const r = await runCli(['compare', input, '--by', 'channel', '--inactive-after', '10d', '--format', 'csv', '--max-rejects', '5', '--rejects', rejects, '-q']);
    expect(r.code).toBe(0);
    expect(readFileSync(rejects, 'utf8')).toContain(",'=cmd|calc,");
    const strict = await runCli(['compare', input, '--by', 'channel', '--inactive-after', '10d', '--format', 'csv', '--max-rejects', '0', '-q']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('--max-rejects 0');
  });

  it('kohort --rejects writes a rejected value with a leading quote', async () => {
    const rejects = path.join(dir, 'rejects.csv');
    const r = await runCli(['matrix', input, '--rejects', rejects, '--max-rejects', '5', '--format', 'csv', '-q']);
    expect(r.code).toBe(0);
    expect(readFileSync(rejects, 'utf8')).toContain(",'=cmd|calc,");
  });
});
