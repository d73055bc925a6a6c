import { executeCompare } from './engine/memory/compare/execute-compare.js';
import type { InputTables } from './engine/memory/prepare/input-tables.js';
import { loadInputs, type LoadInputOptions } from './matrix.js';
import type { CompareResult } from './result/compare-result.js';
import type { CompareSpec } from './spec/compare-spec.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * Compare, one way:
 *
 *   files ──loadInputs──▶ Datasets ──executeCompare(spec)──▶ CompareResult
 *         (groups' rolling curves, Newcombe differences, adjusted p, Kaplan-Meier and
 *          log-rank, revenue per customer, summary)
 *         ──compareJSON / compareTidyTable / compareWideTable / formatCompare──▶ outputs
 */

/**
 * compare: load the files a spec names and compare its groups.
 *
 * @example
 * const c = await compare({
 *   input: { activity: 'events.csv', customers: 'customers.csv' },
 *   columns: { signup: 'signup' }, by: 'channel', groups: ['referral', 'organic'],
 *   reference: 'organic', inactiveAfter: '45d',
 * });
 * console.log(c.summary);
 */
export async function compare(spec: CompareSpec, opts: LoadInputOptions = {}): Promise<CompareResult> {
  const tables = await loadInputs(spec.input, {}, opts);
  return executeCompare(spec, tables);
}

/**
 * compareFromTables: the same on in-memory Arquero tables (or Datasets): `{activity,
 * customers}`, or one table (activity, unless durations are given directly: then customers).
 *
 * @example
 * const c = compareFromTables(customers, { by: 'Number of Referrals > 0', duration: 'Tenure', event: 'Status=Churned' });
 */
export function compareFromTables(input: LifetimeInput, spec: Omit<CompareSpec, 'input'>): CompareResult {
  const single = typeof (input as { numRows?: unknown }).numRows === 'function' || ('kinds' in input && 'table' in input);
  const durations = spec.duration !== undefined || spec.event !== undefined;
  const tables: InputTables = lifetimeTables(input, { inactiveAfter: single && !durations ? 'activity' : undefined });
  return executeCompare({ ...spec, input: {} }, tables);
}
