import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { revenueBaseWarning } from '../../src/result/revenue-base-warning.js';

const result = (mode: string, revenue: number[], labels = ['2024-01', '2024-02']) => ({
  spec: { mode },
  width: 2,
  cohorts: { count: labels.length, label: labels },
  cells: { revenue: Float64Array.from(revenue), observed: Uint8Array.from(revenue.map(() => 1)) },
});

describe('revenueBaseWarning(result)', () => {
  it('names the cohorts without revenue at offset 0, whose net revenue retention has no base (empty, not unobserved)', () => {
    expect(revenueBaseWarning(result('revenue', [0, 15, 10, 4]))).toBe(
      '1 cohort had no revenue at offset 0 (2024-01): its net revenue retention has no base, so its cells are empty, not unobserved; --mode ltv shows its revenue per customer',
    );
    expect(revenueBaseWarning(result('gross-revenue', [-5, 15, 0, 4]))).toMatch(/^2 cohorts had no revenue at offset 0 \(2024-01, 2024-02\): their gross revenue retention/);
  });

  it('says nothing when every cohort has a base, or in modes that need none', () => {
    expect(revenueBaseWarning(result('revenue', [3, 15, 10, 4]))).toBeUndefined();
    expect(revenueBaseWarning(result('ltv', [0, 15, 10, 4]))).toBeUndefined();
    expect(revenueBaseWarning(result('classic', [0, 15, 10, 4]))).toBeUndefined();
  });

  it('is printed by kohort matrix --mode revenue (a free first month left a cohort blank without a word)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-base-')), 'free.csv');
    writeFileSync(file, 'id,time,amount\na,2024-01-05,0\na,2024-02-05,10\nc,2024-02-01,10\nc,2024-03-01,4\nc,2024-04-01,1\n');
    const r = await runCli(['matrix', file, '--mode', 'revenue', '--amount', 'amount', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kohort: warning: 1 cohort had no revenue at offset 0 (2024-01)');
  });
});
