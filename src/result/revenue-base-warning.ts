import type { MatrixResult } from './matrix-result.js';

/** What revenueBaseWarning reads of a matrix. */
export interface RevenueBaseInput {
  spec: { mode: string };
  width: number;
  cohorts: { count: number; label?: string[]; attributes?: { values: (string | null)[] }[] };
  cells: { revenue?: Float64Array; observed: Uint8Array };
}

const MEASURES: Record<string, string> = { revenue: 'net revenue retention', 'gross-revenue': 'gross revenue retention' };

/**
 * revenueBaseWarning: the cohorts whose offset-0 revenue is 0 or less (a free first month,
 * refunds) have no base for net or gross revenue retention, so every cell of theirs is
 * empty, which the legend reads as "not yet observed". Returns the line naming them (up
 * to five), or undefined when every observed cohort has a base or the mode needs none.
 */
export function revenueBaseWarning(r: RevenueBaseInput | MatrixResult): string | undefined {
  const measure = MEASURES[r.spec.mode];
  const revenue = r.cells.revenue;
  if (measure === undefined || revenue === undefined) return undefined;
  const names: string[] = [];
  for (let c = 0; c < r.cohorts.count; ++c) {
    const at = c * r.width;
    if (r.cells.observed[at] === 1 && !(revenue[at] > 0)) names.push(cohortName(r, c));
  }
  if (names.length === 0) return undefined;
  const one = names.length === 1;
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', ...' : '');
  return `${names.length.toLocaleString('en-US')} cohort${one ? '' : 's'} had no revenue at offset 0 (${shown}): ${one ? 'its' : 'their'} ${measure} has no base, ` +
    `so ${one ? 'its' : 'their'} cells are empty, not unobserved; --mode ltv shows ${one ? 'its' : 'their'} revenue per customer`;
}

function cohortName(r: RevenueBaseInput | MatrixResult, c: number): string {
  const parts = [r.cohorts.label?.[c], ...(r.cohorts.attributes ?? []).map((a) => a.values[c] ?? '(none)')];
  return parts.filter((p) => p !== undefined).join(' / ');
}
