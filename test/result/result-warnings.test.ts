import { describe, expect, it } from 'vitest';
import { resultWarnings } from '../../src/result/result-warnings.js';

describe('resultWarnings', () => {
  it('reads a result\'s load report', () => {
    expect(resultWarnings({ report: { warnings: ['late'] } })).toEqual(['late']);
    expect(resultWarnings({ report: { warnings: [] } })).toEqual([]);
    expect(resultWarnings({})).toEqual([]);
  });
  it('reads every part of a report once (the matrices share one load)', () => {
    const parts = {
      matrices: [{ report: { warnings: ['late'] } }, { report: { warnings: ['late'] } }],
      survival: { report: { warnings: ['durations'] } },
      crr: { report: { warnings: ['late'] } },
    };
    expect(resultWarnings(parts)).toEqual(['late', 'durations']);
  });
});
