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

describe('validateRunSpec quotes the bad value', () => {
  it('of a wrong type or not among the allowed values', async () => {
    const at = (a: object) => ({ analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }], ...a }] });
    await expect(validateRunSpec(at({ maxOffset: '3' }))).rejects.toThrow('analyses[0].maxOffset: must be number, got "3"');
    await expect(validateRunSpec(at({ where: 'plan = pro' }))).rejects.toThrow('analyses[0].where: must be array, got "plan = pro"');
    await expect(validateRunSpec(at({ period: 'fortnight' }))).rejects.toThrow(/analyses\[0\]\.period: must be one of "day", .*, got "fortnight"$/);
  });
});

describe('validateRunSpec checks the top-level defaults at their keys', () => {
  it('names a bad top-level tz, dateFormat or asOf at its key, not at analyses[0]', async () => {
    const spec = (top: object) => ({ input: { activity: 'a.csv' }, ...top, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] });
    await expect(validateRunSpec(spec({ tz: 'Europe/Berlni' }))).rejects.toThrow(/^tz: unknown time zone "Europe\/Berlni"/);
    await expect(validateRunSpec(spec({ dateFormat: 'DD/MM/YY' }))).rejects.toThrow(/^dateFormat: "DD\/MM\/YY" is not one of/);
    await expect(validateRunSpec(spec({ asOf: '2024-13-45' }))).rejects.toThrow(/^asOf: "2024-13-45" is not a date/);
    await expect(validateRunSpec(spec({ tz: 'Asia/Tokyo', dateFormat: 'excel', asOf: '2023-01-01' }))).resolves.toBeTruthy();
  });
});
