import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/spec/parse-duration.js';
import { UNIT_DAYS, unitMs } from '../../src/spec/units.js';

describe('parseDuration(option, text)', () => {
  it('reads days, weeks, months and years in the one unit table (a month is 365.25 / 12 days)', () => {
    expect(parseDuration('inactiveAfter', '90d')).toBe(90);
    expect(parseDuration('inactiveAfter', '90')).toBe(90);
    expect(parseDuration('inactiveAfter', '12w')).toBe(84);
    expect(parseDuration('inactiveAfter', '3m')).toBe(91.3125);
    expect(parseDuration('inactiveAfter', '12M')).toBe(365.25);
    expect(parseDuration('inactiveAfter', '1y')).toBe(365.25);
  });

  it('refuses what is not a positive duration', () => {
    expect(() => parseDuration('inactiveAfter', '0d')).toThrow('"0d" is not a duration');
    expect(() => parseDuration('inactiveAfter', '3 months')).toThrow('"3 months" is not a duration');
  });
});

describe('UNIT_DAYS', () => {
  it('is the table survival durations use too', () => {
    expect(UNIT_DAYS).toEqual({ days: 1, weeks: 7, months: 365.25 / 12, years: 365.25 });
    expect(unitMs('months')).toBe((365.25 / 12) * 86_400_000);
  });
});
