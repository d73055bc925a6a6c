import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIO } from '../../../src/cli/io.js';
import { runCli } from '../run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-report-'));
const sample = (f: string): string => path.join('datasets/sample', f); // from the repo root, where vitest runs
const BASE = [sample('activity.csv'), '--customers', sample('customers.csv'), '-q'];

describe('kohort report', () => {
  it('writes one self-contained HTML file: heatmap, average curve, CRR; says where', async () => {
    const out = path.join(dir, 'report.html');
    const r = await runCli(['report', ...BASE.filter((a) => a !== '-q'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`wrote ${out}`);
    expect((await runCli(['report', ...BASE, '--out', out])).stderr).toBe(''); // -q: nothing on stderr
    const html = readFileSync(out, 'utf8');
    for (const id of ['heatmap', 'average', 'crr']) expect(html).toContain(`<section id="${id}"`);
    expect(html).not.toContain('<section id="survival"');
    expect(html).toContain('Unbounded retention');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('--out - writes the page to standard output, no file "-" and no "wrote"; --out a file says "wrote" it', async () => {
    const cwd = process.cwd();
    const work = mkdtempSync(path.join(tmpdir(), 'kohort-report-dash-'));
    const abs = (f: string): string => path.join(cwd, f);
    process.chdir(work);
    try {
      const r = await runCli(['report', abs(sample('activity.csv')), '--customers', abs(sample('customers.csv')), '--out', '-']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('<section id="heatmap"');
      expect(r.stderr).not.toMatch(/wrote/);
      expect(existsSync(path.join(work, '-'))).toBe(false);
      const f = await runCli(['report', abs(sample('activity.csv')), '--customers', abs(sample('customers.csv')), '--out', 'r.html']);
      expect(f.code).toBe(0);
      expect(f.stdout).toBe('');
      expect(f.stderr.trimEnd().split('\n').at(-1)).toBe('wrote r.html');
      expect(readFileSync(path.join(work, 'r.html'), 'utf8')).toContain('<section id="heatmap"');
    } finally {
      process.chdir(cwd);
    }
  });

  it('--max-rejects and --rejects hold for every part (CRR and survival skipped an unreadable time only under the default 1%)', async () => {
    const input = path.join(dir, 'one-bad-time.csv');
    writeFileSync(input, ['id,time,channel', 'a,2024-01-05,ads', 'a,2024-02-05,ads', 'b,2024-01-06,seo', 'c,2024-01-07,seo', 'd,never,ads', 'd,2024-01-08,ads'].join('\n'));
    const rejects = path.join(dir, 'report-rejects.csv');
    const out = path.join(dir, 'rejects.html');
    const r = await runCli(['report', input, '--by', 'channel', '--inactive-after', '10d', '--max-rejects', '5', '--rejects', rejects, '--out', out, '-q']);
    expect(r.code).toBe(0);
    expect(readFileSync(rejects, 'utf8')).toContain('one-bad-time.csv,5,time,never,');
    expect(readFileSync(out, 'utf8')).toContain('<section id="survival"');
  });

  it('--rejects lists every mode\'s rejects once: a bad time and a bad amount (each mode wrote it; the last mode\'s list stood)', async () => {
    const input = path.join(dir, 'bad-time-and-amount.csv');
    writeFileSync(input, ['id,time,amount', 'a,2024-01-05,10', 'a,2024-02-05,12', 'b,2024-01-06,lots', 'c,2024-01-07,7', 'd,never,3', 'd,2024-01-08,4'].join('\n'));
    const rejects = path.join(dir, 'two-kinds.csv');
    const out = path.join(dir, 'two-kinds.html');
    for (const modes of ['revenue,classic', 'classic,revenue,unbounded']) {
      const r = await runCli(['report', input, '--modes', modes, '--amount', 'amount', '--max-rejects', '5', '--rejects', rejects, '--out', out, '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(rejects, 'utf8').trimEnd().split('\n')).toEqual([
        'file,row,column,value,reason',
        expect.stringMatching(/bad-time-and-amount\.csv,5,time,never,/),
        expect.stringMatching(/bad-time-and-amount\.csv,3,amount,lots,/),
      ]);
    }
  });

  it('--max-rejects passed by the amount rejects of a revenue mode fails saying they are listed in the --rejects file, and lists both kinds (283c3ef said "pass --rejects FILE")', async () => {
    const input = path.join(dir, 'bad-time-and-amount.csv');
    const rejects = path.join(dir, 'over-limit.csv');
    const r = await runCli(['report', input, '--modes', 'classic,revenue', '--amount', 'amount', '--max-rejects', '1', '--rejects', rejects, '--out', path.join(dir, 'over.html'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/listed in the --rejects file/);
    expect(r.stderr).not.toMatch(/pass --rejects FILE/);
    const lines = readFileSync(rejects, 'utf8');
    expect(lines).toMatch(/,5,time,never,/);
    expect(lines).toMatch(/,3,amount,lots,/);
  });

  it('--rejects lists the churn parts\' rejects too (CRR, survival by group): an unreadable churn time, within --max-rejects and past it', async () => {
    const activity = path.join(dir, 'churn-act.csv');
    const customers = path.join(dir, 'churn-cus.csv');
    writeFileSync(activity, ['id,time', 'a,2024-01-05', 'b,2024-01-06', 'c,2024-02-07', 'd,2024-02-08'].join('\n'));
    writeFileSync(customers, ['id,signup,churn,plan', 'a,2024-01-01,,x', 'b,2024-01-01,someday,y', 'c,2024-01-02,2024-03-01,x', 'd,2024-01-03,,y'].join('\n'));
    const rejects = path.join(dir, 'churn-rejects.csv');
    const args = ['report', activity, '--customers', customers, '--signup', 'signup', '--churn', 'churn', '--by', 'plan', '--rejects', rejects, '--out', path.join(dir, 'churn.html'), '-q'];
    const ok = await runCli([...args, '--max-rejects', '5']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(rejects, 'utf8').trimEnd().split('\n')).toEqual(['file,row,column,value,reason', `${customers},2,churn,someday,is not a date or time`]);
    const over = await runCli([...args, '--max-rejects', '0']);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/"someday" is not a date or time; .* \(listed in the --rejects file\)/);
    expect(readFileSync(rejects, 'utf8')).toContain(',2,churn,someday,');
  });

  it('with --by: the curves per group and Kaplan-Meier with the log-rank result', async () => {
    const out = path.join(dir, 'by.html');
    const r = await runCli(['report', ...BASE, '--by', 'channel', '--modes', 'classic', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<section id="by-group"');
    expect(html).toContain('<section id="survival"');
    expect(html).toMatch(/log-rank test across channel: χ² = 38\.34, df = 4/);
    expect(html).not.toContain('<input type="radio" name="heat-view"'); // one mode: no measure switch
  });

  it('with --reason and --amount: churn reasons and the value of churned vs retained customers per group', async () => {
    const out = path.join(dir, 'outcomes.html');
    const r = await runCli(['report', ...BASE, '--by', 'channel', '--reason', 'churn_reason', '--amount', 'amount', '--modes', 'classic', '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Churn reasons by segment');
    expect(html).toContain('Value of churned and retained customers by segment');
    expect(html).toMatch(/<th scope="row">email<\/th><td>churned<\/td><td class="r">108<\/td>/);
  });

  it('shows the as-of warning on the page, as the CLI prints it on stderr', async () => {
    const out = path.join(dir, 'late.html');
    const r = await runCli(['report', ...BASE, '--as-of', '2023-09-15', '--out', out]);
    expect(r.code).toBe(0);
    const warning = r.stderr.match(/kohort: warning: (.*)/)?.[1];
    expect(warning).toMatch(/2023-09-15/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<ul class="warnings" role="note" aria-label="Warnings">');
    expect(html).toContain('later months without data');
    const plain = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(plain).not.toContain('class="warnings"');
  });

  it('lists what it could not compute (no churn for CRR) instead of failing', async () => {
    const out = path.join(dir, 'activity-only.html');
    const r = await runCli(['report', sample('activity.csv'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: left out of the report: Customer retention rate: /);
    expect(readFileSync(out, 'utf8')).toContain('<section id="notes"');
  });

  it('reads ids as text: "007" and "7" are two customers', async () => {
    writeFileSync(path.join(dir, 'z.csv'), 'id,time\n007,2024-01-05\n7,2024-01-06\n7,2024-02-06\n');
    writeFileSync(path.join(dir, 'zc.csv'), 'id,ch\n007,x\n7,y\n');
    const r = await runCli(['report', path.join(dir, 'z.csv'), '--customers', path.join(dir, 'zc.csv'), '--by', 'ch', '--as-of', '2024-03-01', '--out', path.join(dir, 'z.html')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 customers in cohorts');
    expect(r.stderr).not.toContain('duplicate ids');
  });

  it('words the notes with its flags, as its errors (not spec fields such as columns.churn); suggests --inactive-after first on activity, never --duration, which crr refuses', async () => {
    const out = path.join(dir, 'flags.html');
    const r = await runCli(['report', sample('activity.csv'), '--out', out]);
    const note = 'Customer retention rate: kohort crr needs churn: pass --inactive-after &lt;duration&gt; (activity table) or --churn &lt;column&gt; (customers table)';
    expect(r.stderr).toContain(note.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    expect(r.stderr).not.toContain('columns.churn');
    expect(r.stderr).not.toContain('--duration');
    expect(readFileSync(out, 'utf8')).toContain(note);
  });

  it('rejects an unknown mode naming it, and writes nothing', async () => {
    const out = path.join(dir, 'bad.html');
    const r = await runCli(['report', ...BASE, '--modes', 'classic,weekly', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"weekly"');
    expect(existsSync(out)).toBe(false);
  });

  it('--out r.csv says the report is HTML only, not "drop --format" (no --format was given)', async () => {
    const out = path.join(dir, 'r.csv');
    const r = await runCli(['report', ...BASE, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`kohort: --out "${out}" names a .csv file, but this command writes html only: name the file .html`);
    expect(existsSync(out)).toBe(false);
    const bare = path.join(dir, 'report-page');
    expect((await runCli(['report', ...BASE, '--out', bare])).code).toBe(0);
    expect(readFileSync(bare, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('--cohort week counts weeks since signup, as kohort matrix does, and CRR per week; --period month still asks for months', async () => {
    const out = path.join(dir, 'weekly.html');
    expect((await runCli(['report', ...BASE, '--cohort', 'week', '--out', out])).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Retention by weeks since signup');
    expect(html).toContain('Customer retention rate per week');
    const printed = JSON.parse((await runCli(['report', ...BASE, '--cohort', 'week', '--print-spec'])).stdout);
    expect(printed.analyses[0].period).toBeUndefined();
    expect((await runCli(['report', ...BASE, '--cohort', 'week', '--period', 'month', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Retention by months since signup');
  });
});

describe('--format html', () => {
  it('matrix, survival and crr write a page each', async () => {
    const m = await runCli(['matrix', ...BASE, '--format', 'html']);
    expect(m.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(m.stdout).toContain('<table class="heat"');
    const s = await runCli(['survival', sample('customers.csv'), '--by', 'channel', '--format', 'html', '-q']);
    expect(s.stdout).toContain('Kaplan-Meier');
    const c = await runCli(['crr', sample('customers.csv'), '--format', 'html', '-q']);
    expect(c.stdout).toContain('<section id="crr"');
  });

  it('compare writes curves per group, differences with intervals, the test and tables', async () => {
    const r = await runCli(['compare', sample('activity.csv'), '--customers', sample('customers.csv'), '--by', 'channel', '--format', 'html', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<section id="compare"');
    expect(r.stdout).toContain('Difference from organic');
    expect(r.stdout).toMatch(/<path class="band"/);
    expect(r.stdout).toContain('log-rank test across channel');
  });

  it('reasons, value and feedback write their tables as a page (per segment and overall)', async () => {
    const r = await runCli(['reasons', sample('customers.csv'), '--reason', 'churn_reason', '--by', 'channel', '--format', 'html', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Churn reasons by segment');
    expect(r.stdout).toContain('<th scope="col">share_of_all</th>');
    const v = await runCli(['value', sample('customers.csv'), '--value', 'monthly_price', '--format', 'html', '-q']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('<th scope="row">churned</th>');
  });
});

describe('kohort run with an html output', () => {
  it('writes the page of a spec file\'s analysis', async () => {
    const spec = path.join(dir, 'spec.json');
    const out = path.join(dir, 'spec-matrix.html');
    writeFileSync(spec, JSON.stringify({
      version: 1,
      input: { activity: path.resolve(sample('activity.csv')), customers: path.resolve(sample('customers.csv')) },
      analyses: [{ kind: 'survival', by: ['channel'], outputs: [{ format: 'html', file: out }] }],
    }));
    const r = await runCli(['run', spec, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('log-rank test across channel');
  });
});

describe('the terminal table (default on a TTY)', () => {
  async function run(args: string[], io: Partial<CliIO>): Promise<string> {
    let out = '';
    const code = await main(['node', 'kohort', ...args], { stdout: (d) => (out += String(d)), stderr: () => undefined, stdoutIsTTY: true, ...io });
    expect(code).toBe(0);
    return out;
  }

  it('is coloured on a colour terminal, plain with NO_COLOR (colour false), cut to the width', async () => {
    const coloured = await run(['matrix', ...BASE], { colour: true, columns: 80 });
    expect(coloured).toMatch(/\x1b\[48;5;\d+m/);
    const lines = coloured.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.startsWith('offsets'))).toMatch(/cut to fit 80 columns/);
    const plain = await run(['matrix', ...BASE], { colour: false, columns: 80 });
    expect(plain).not.toMatch(/\x1b\[/);
  });

  it('is never coloured in a file (--out) or a pipe', async () => {
    const piped = await runCli(['matrix', ...BASE, '--format', 'table']);
    expect(piped.stdout).not.toMatch(/\x1b\[/);
    expect(piped.stdout.split('\n')[0]).toMatch(/ 17$/); // not cut: no terminal width
  });
});
