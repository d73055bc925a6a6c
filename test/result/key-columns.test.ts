import { describe, expect, it } from 'vitest';
import { segmentLabel, valueLabel } from '../../src/result/key-columns.js';
import { groupLabel } from '../../src/result/survival-result.js';

describe('valueLabel(v)', () => {
  it('shows a missing value as (none) and the text "(none)" quoted: two groups, two names', () => {
    expect(valueLabel(null)).toBe('(none)');
    expect(valueLabel(undefined)).toBe('(none)');
    expect(valueLabel('(none)')).toBe('"(none)"');
    expect(valueLabel('ads')).toBe('ads');
    expect(valueLabel('')).toBe('');
  });

  it('names segments and survival groups (segmentLabel, groupLabel)', () => {
    expect(segmentLabel(['plan'], [null])).not.toBe(segmentLabel(['plan'], ['(none)']));
    expect(groupLabel({ plan: null })).toBe('plan=(none)');
    expect(groupLabel({ plan: '(none)' })).toBe('plan="(none)"');
  });
});
