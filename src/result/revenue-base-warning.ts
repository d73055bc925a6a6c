import { messageText } from '../errors.js';
import type { FieldName } from '../field-name.js';
import type { MatrixResult } from './matrix-result.js';
import { valueLabel } from './key-columns.js';

/** What revenueBaseWarning reads of a matrix. */
export interface RevenueBaseInput {
  spec: { mode: string };
  width: number;
  cohorts: { count: number; label?: string[]; attributes?: { values: (string | null)[] }[] };
  cells: { value: Float64Array; revenue?: Float64Array; observed: Uint8Array; eligible?: Int32Array };
}

const REVENUE_MODES = new Set(['revenue', 'gross-revenue']);

/**
 * revenueBaseWarning: the cohorts whose offset-0 revenue is 0 or less (a free first month,
 * refunds) have no base for net or gross revenue retention, so their cells are empty,
 * which the legend reads as "not yet observed". Returns the line naming them (up to five),
 * or undefined when every observed cell has a base or the mode needs none. Options are
 * named by `name` (spec fields by default; the CLI passes its flags).
 */
export function revenueBaseWarning(r: RevenueBaseInput | MatrixResult, name?: FieldName): string | undefined {
  if (!REVENUE_MODES.has(r.spec.mode) || r.cells.revenue === undefined) return undefined;
  const names: string[] = [];
  for (let c = 0; c < r.cohorts.count; ++c) if (hasCellWithoutBase(r, c)) names.push(cohortName(r, c));
  if (names.length === 0) return undefined;
  const params = { count: names.length, names, mode: r.spec.mode, rolling: r.cells.eligible !== undefined };
  return messageText('noRevenueBase', params, {}, name);
}

/**
 * A cell is divided by the offset-0 revenue of its members: the cohort's, or with rolling
 * completeness the eligible members' of that cell (matrixValues), and its value is NaN
 * exactly where that base is not > 0. A cell with no eligible member is unobserved anyway.
 */
function hasCellWithoutBase(r: RevenueBaseInput | MatrixResult, c: number): boolean {
  const { value, observed, eligible } = r.cells;
  for (let i = c * r.width; i < (c + 1) * r.width; ++i) {
    if (observed[i] === 1 && (eligible === undefined || eligible[i] > 0) && Number.isNaN(value[i])) return true;
  }
  return false;
}

function cohortName(r: RevenueBaseInput | MatrixResult, c: number): string {
  const parts = [r.cohorts.label?.[c], ...(r.cohorts.attributes ?? []).map((a) => valueLabel(a.values[c]))];
  return parts.filter((p) => p !== undefined).join(' / ');
}
