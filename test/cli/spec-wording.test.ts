import { describe, expect, it } from 'vitest';
import { inSpecWords } from '../../src/cli/spec-wording.js';

describe('inSpecWords', () => {
  it('speaks of spec fields where the command line speaks of flags', () => {
    expect(inSpecWords('--as-of "x" is not a date or date-time')).toBe('asOf "x" is not a date or date-time');
    expect(inSpecWords('pass --churn <column> or --inactive-after <duration>')).toBe('pass columns.churn <column> or inactiveAfter <duration>');
    expect(inSpecWords('--period "fortnight" is not one of ...; --where "a b"')).toBe('period "fortnight" is not one of ...; where "a b"');
    expect(inSpecWords('left out 3: after --as-of')).toBe('left out 3: after asOf');
    expect(inSpecWords('no flags here -- at all')).toBe('no flags here -- at all');
  });
});
