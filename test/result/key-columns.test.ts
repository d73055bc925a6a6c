import fc from 'fast-check';
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

  it('tells the text \'"(none)"\' from the quoted text "(none)": one more pair of quotes on any "(none)" in quotes', () => {
    expect(valueLabel('"(none)"')).toBe('""(none)""');
    expect(valueLabel('""(none)""')).toBe('"""(none)"""');
    expect(valueLabel('"(none)')).toBe('"(none)');
    expect(valueLabel('"ads"')).toBe('"ads"');
    // Two values, two labels: around "(none)", quotes and texts made of its pieces.
    const piece = fc.constantFrom('"', '(none)', '(', ')', 'none', ' ', 'a');
    const value = fc.option(fc.array(piece, { maxLength: 6 }).map((xs) => xs.join('')), { nil: null });
    fc.assert(fc.property(value, value, (a, b) => a === b || valueLabel(a) !== valueLabel(b)), { numRuns: 5000 });
  });

  it('names segments and survival groups (segmentLabel, groupLabel)', () => {
    expect(segmentLabel(['plan'], [null])).not.toBe(segmentLabel(['plan'], ['(none)']));
    expect(groupLabel({ plan: null })).toBe('plan=(none)');
    expect(groupLabel({ plan: '(none)' })).toBe('plan="(none)"');
  });
});
