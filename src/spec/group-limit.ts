import { fail } from '../errors.js';
import type { GroupBy } from './compare-spec.js';

/**
 * The most groups a comparison, or a survival run's test across its --by groups, takes. The
 * log-rank test across G groups is a G x G variance, solved in about G^3 / 6 steps: 1,000
 * groups cost seconds, 12,000 (a zip code, a customer-level id) hours and gigabytes, for a
 * test with 11,999 degrees of freedom that says nothing a reader can use.
 */
export const MAX_GROUPS = 1000;

/** checkCompareGroups: a comparison of more than MAX_GROUPS groups fails, naming the --by column and the way out. */
export function checkCompareGroups(by: GroupBy, count: number): void {
  if (count > MAX_GROUPS) fail('tooManyGroups', { by: by.kind === 'column' ? by.column : by.text, count, limit: MAX_GROUPS });
}

/** checkSurvivalGroups: a test across more than MAX_GROUPS --by groups fails, naming the columns. */
export function checkSurvivalGroups(by: readonly string[], count: number): void {
  if (by.length > 0 && count > MAX_GROUPS) fail('tooManySurvivalGroups', { by, count, limit: MAX_GROUPS });
}
