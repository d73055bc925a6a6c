import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { matrix } from '../../src/api/matrix.js';
import { flagOf } from '../../src/cli/flags.js';
import { revenueBaseWarning } from '../../src/result/revenue-base-warning.js';

/** Two cohorts of width 2, values as matrixValues makes them: revenue / the cohort's offset-0 revenue. */
const result = (mode: string, revenue: number[], labels = ['2024-01', '2024-02']) => ({
  spec: { mode },
  width: 2,
  cohorts: { count: labels.length, label: labels },
  cells: {
    revenue: Float64Array.from(revenue),
    value: Float64Array.from(revenue, (r, i) => (revenue[i - (i % 2)] > 0 ? r / revenue[i - (i % 2)] : NaN)),
    observed: Uint8Array.from(revenue.map(() => 1)),
  },
});

/** Rolling completeness: each cell over its eligible members, divided by their offset-0 revenue (revenue0). */
const rolling = (revenue: number[], revenue0: number[], eligible: number[]) => ({
  ...result('revenue', revenue),
  cells: {
    revenue: Float64Array.from(revenue),
    value: Float64Array.from(revenue, (r, i) => (revenue0[i] > 0 ? r / revenue0[i] : NaN)),
    observed: Uint8Array.from(revenue.map(() => 1)),
    eligible: Int32Array.from(eligible),
  },
});

/** What the warning says of the average row (METRICS section 4: complete cells, each weighted by its base; none, none). */
const POOL_ONE = 'not unobserved, and it is left out of the average row; ';

describe('revenueBaseWarning(result)', () => {
  it('names the cohorts without revenue at offset 0, whose net revenue retention has no base (empty, not unobserved), by spec field', () => {
    expect(revenueBaseWarning(result('revenue', [0, 15, 10, 4]))).toBe(
      "1 cohort had no revenue at offset 0 (2024-01): its net revenue retention has no base, so its cells are empty, " +
        `${POOL_ONE}mode ltv shows its revenue per customer`,
    );
    expect(revenueBaseWarning(result('gross-revenue', [-5, 15, 0, 4]))).toMatch(
      /^2 cohorts had no revenue at offset 0 \(2024-01, 2024-02\): their gross revenue retention .*, and they are left out of the average row; /,
    );
  });

  it('names the mode by its flag when given the CLI wording', () => {
    expect(revenueBaseWarning(result('revenue', [0, 15, 10, 4]), flagOf)).toBe(
      "1 cohort had no revenue at offset 0 (2024-01): its net revenue retention has no base, so its cells are empty, " +
        `${POOL_ONE}--mode ltv shows its revenue per customer`,
    );
  });

  it('says nothing when every cohort has a base, or in modes that need none', () => {
    expect(revenueBaseWarning(result('revenue', [3, 15, 10, 4]))).toBeUndefined();
    expect(revenueBaseWarning(result('ltv', [0, 15, 10, 4]))).toBeUndefined();
    expect(revenueBaseWarning(result('classic', [0, 15, 10, 4]))).toBeUndefined();
  });

  it('with rolling completeness tests what each cell is divided by: its eligible members\' offset-0 revenue', () => {
    // The cohort's offset-0 revenue is 0 (a refund among members not yet eligible), but its eligible members' is 8.
    expect(revenueBaseWarning(rolling([0, 4, 10, 4], [8, 8, 10, 10], [2, 2, 3, 3]))).toBeUndefined();
    // The cohort's offset-0 revenue is 10, but the members eligible at offset 1 had none: that cell is empty.
    expect(revenueBaseWarning(rolling([3, 15, 10, 4], [3, 3, 10, 0], [2, 1, 3, 1]))).toBe(
      '1 cohort had cells whose eligible members had no revenue at offset 0 (2024-02): those cells of its net revenue retention have no base, so they are empty, not unobserved, ' +
        'and left out of the average row; mode ltv shows its revenue per customer',
    );
    // A cell with no eligible member is not complete: empty for that reason, not for its base.
    expect(revenueBaseWarning(rolling([3, 15, 10, 4], [3, 3, 10, 0], [2, 1, 3, 0]))).toBeUndefined();
  });

  it('is printed by kohort matrix --mode revenue in flag words (a free first month left a cohort blank without a word)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-base-')), 'free.csv');
    writeFileSync(file, 'id,time,amount\na,2024-01-05,0\na,2024-02-05,10\nc,2024-02-01,10\nc,2024-03-01,4\nc,2024-04-01,1\n');
    const r = await runCli(['matrix', file, '--mode', 'revenue', '--amount', 'amount', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kohort: warning: 1 cohort had no revenue at offset 0 (2024-01)');
    expect(r.stderr).toContain('; --mode ltv shows its revenue per customer');
    // What the warning says of the average row is what it shows: 2024-01 at 50% at offset 1, 2024-02 without a
    // base left out (its 100 later revenue was pooled before: 150% = (50 + 100) / 100).
    const pooled = 'id,time,amount\na,2024-01-05,100\na,2024-02-05,50\nb,2024-02-03,0\nb,2024-03-05,100\nc,2024-03-02,10\n';
    writeFileSync(file, pooled);
    const t = await runCli(['matrix', file, '--mode', 'revenue', '--amount', 'amount', '--as-of', '2024-04-01', '--format', 'table', '-q']);
    expect(t.stdout.split('\n').filter((l) => /^(2024-0[12]|average)/.test(l)).map((l) => l.split(/ +/).join(' '))).toEqual([
      '2024-01 1 100.0% 50.0% 0.0%', '2024-02 1 - -', 'average 100.0% 50.0% 0.0%',
    ]);
    expect(t.stderr).toContain(`(2024-02): its net revenue retention has no base, so its cells are empty, ${POOL_ONE}`);
    // The library speaks of the spec field.
    const m = await matrix({ input: { activity: file }, columns: { amount: 'amount' }, mode: 'revenue' });
    expect(m.report.warnings.find((w) => w.startsWith('1 cohort had no revenue'))).toMatch(/; mode ltv shows its revenue per customer$/);
  });
});
