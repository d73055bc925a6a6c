import { describe, expect, it } from 'vitest';
import { closestKey, validateRunSpec } from '../../src/spec/validate-run-spec.js';

describe('closestKey', () => {
  it('suggests a key one or two edits away, and nothing for an unrelated word', () => {
    expect(closestKey('cohrot', ['cohort', 'period', 'mode'])).toBe('cohort');
    expect(closestKey('asof', ['asOf', 'tz'])).toBe('asOf');
    expect(closestKey('timezone', ['tz', 'asOf'])).toBeUndefined();
  });
});

describe('validateRunSpec', () => {
  it('accepts a minimal spec and a filter written as an object', async () => {
    const spec = {
      input: { activity: 'a.csv' },
      analyses: [{ kind: 'matrix', where: [{ column: 'plan', op: '=', value: 'pro' }], outputs: [{ format: 'parquet', file: 'm.parquet' }] }],
    };
    await expect(validateRunSpec(spec)).resolves.toEqual(spec);
  });

  it('rejects a spec that is not an object, and an analysis key of another kind', async () => {
    await expect(validateRunSpec([])).rejects.toThrow(/must be object/);
    await expect(validateRunSpec({ analyses: [{ kind: 'crr', unit: 'days', outputs: [] }] })).rejects.toThrow(
      /analyses\[0\]: unknown key "unit"/,
    );
  });
});
