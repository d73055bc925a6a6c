import { describe, expect, it } from 'vitest';
import { analysisMetadataSpec, canonical, resolveAnalyses, specOfCommand } from '../../src/spec/resolve-run-spec.js';

describe('resolveAnalyses', () => {
  it('fills each analysis from the top-level input, columns, tz, asOf and dateFormat; its own keys win', () => {
    const [a, b] = resolveAnalyses({
      input: { activity: 'a.csv' },
      columns: { id: 'uid', time: 'ts' },
      tz: 'Europe/Berlin',
      asOf: '2024-01-01',
      analyses: [
        { kind: 'matrix', columns: { time: 'when' }, outputs: [{ format: 'csv', file: 'm.csv' }] },
        { kind: 'crr', input: { customers: 'c.csv' }, tz: 'UTC', outputs: [{ format: 'parquet', file: 'c.parquet' }] },
      ],
    });
    expect(a.spec).toEqual({ input: { activity: 'a.csv' }, columns: { id: 'uid', time: 'when' }, tz: 'Europe/Berlin', asOf: '2024-01-01' });
    expect(b.spec).toMatchObject({ input: { customers: 'c.csv' }, tz: 'UTC', asOf: '2024-01-01' });
  });

  it('needs an input somewhere and at most one output on stdout', () => {
    expect(() => resolveAnalyses({ analyses: [{ kind: 'matrix', outputs: [] }] })).toThrow(/analyses\[0\]: no "input"/);
    expect(() =>
      resolveAnalyses({
        input: { activity: 'a.csv' },
        analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }, { kind: 'crr', outputs: [{ format: 'json' }] }],
      }),
    ).toThrow(/only one output may go to standard output/);
  });
});

describe('canonical', () => {
  it('sorts keys and drops undefined and empty lists, so two spellings of one spec are one text', () => {
    expect(JSON.stringify(canonical({ b: 1, a: { d: undefined, c: [] }, e: ['x'], f: { g: 0 } }))).toBe('{"b":1,"e":["x"],"f":{"g":0}}');
  });
});

describe('specOfCommand / analysisMetadataSpec', () => {
  it('prints one analysis with its output; the metadata spec leaves outputs and names out', () => {
    const spec = { input: { activity: 'a.csv' }, mode: 'classic' as const, cohort: ['month'], where: [], strict: undefined, columns: { id: undefined } };
    const printed = specOfCommand('matrix', spec, { format: 'parquet', file: 'm.parquet' });
    expect(JSON.stringify(printed)).toBe(
      '{"version":1,"analyses":[{"kind":"matrix","input":{"activity":"a.csv"},"cohort":["month"],"mode":"classic","outputs":[{"format":"parquet","file":"m.parquet"}]}]}',
    );
    expect(JSON.stringify(analysisMetadataSpec('matrix', spec))).toBe('{"cohort":["month"],"input":{"activity":"a.csv"},"kind":"matrix","mode":"classic"}');
  });
});

describe('resolveAnalyses: defaults only where an analysis takes them', () => {
  it('gives feedback the top-level tz and id, not asOf or the churn columns it has no key for', () => {
    const [f] = resolveAnalyses({
      input: { customers: 's.csv' },
      columns: { id: 'uid', churn: 'churned_at' },
      tz: 'Europe/Berlin',
      asOf: '2024-01-01',
      analyses: [{ kind: 'feedback', nps: 'nps', outputs: [{ format: 'csv', file: 'f.csv' }] }],
    });
    expect(f.spec).toEqual({ input: { customers: 's.csv' }, columns: { id: 'uid' }, tz: 'Europe/Berlin', nps: 'nps' });
  });
});
