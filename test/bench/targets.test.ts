import { describe, expect, it } from 'vitest';
import { scaling, targets } from '../../scripts/bench/targets.mjs';

const result = (question: string, k: number[], d: number[], failed = false) => ({
  question,
  failed,
  summary: {
    kohort: { load: k[0], compute: k[1], e2e: k[2], peakRssMB: k[3] },
    duckdb: { load: d[0], compute: d[1], e2e: d[2], peakRssMB: d[3] },
  },
});

const report = {
  options: { input: 'parquet' },
  sizes: [
    { label: '10m', events: 10e6, results: [result('classic', [1, 0.5, 2, 400], [1, 4, 5, 1600]), result('crr', [1, 1, 2, 1], [1, 1, 2, 1])] },
    { label: '50m', events: 50e6, results: [result('classic', [5, 2, 11, 1], [5, 20, 25, 1]), result('crr', [1, 1, 1, 1], [1, 1, 1, 1], true)] },
  ],
};

describe('bench targets(report) and scaling(sizes)', () => {
  it('checks each target of the issue against its limit', () => {
    const t = Object.fromEntries(targets(report).map((x: { target: string; value: number | null; met: boolean }) => [x.target, [x.value, x.met]]));
    expect(t['10m parquet classic compute <= 0.15x DuckDB']).toEqual([0.125, true]);
    expect(t['10m parquet classic peak RSS <= 1/4 DuckDB']).toEqual([0.25, true]);
    expect(t['10m parquet crr compute <= 0.5x DuckDB']).toEqual([1, false]);
    expect(t['50m parquet classic end to end <= 0.5x DuckDB']).toEqual([0.44, true]);
    expect(t['50m/10m kohort end-to-end time <= 5.5']).toEqual([5.5, true]);
  });

  it('compares end-to-end times between sizes, skipping failed results', () => {
    expect(scaling(report.sizes)).toEqual([{ question: 'classic', from: '10m', to: '50m', events: 5, kohort: 5.5, duckdb: 5 }]);
  });
});
