import { executeValue } from './engine/memory/outcomes/execute-value.js';
import { inputSchema } from './engine/memory/prepare/input-tables.js';
import { loadInputs } from './matrix.js';
import type { ValueResult } from './result/value-table.js';
import { normalizeValue, type ValueSpec } from './spec/outcome-spec.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * Value of lost vs retained, one way:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeValue──▶ NormalizedValueSpec
 *         ──executeValue──▶ ValueResult ──valueTable / valueJSON / formatValue──▶ outputs
 */

/**
 * value: load the files a spec names and compare the lifetime value of churned and
 * retained customers per segment: customers, mean, median and total (METRICS.md section 8).
 *
 * @example
 * const v = await value({
 *   input: { customers: 'telecom_customer_churn.csv' },
 *   columns: { id: 'Customer ID' },
 *   event: 'Customer Status=Churned',
 *   value: 'Total Revenue',
 * });
 * const w = await value({ input: { activity: 'orders.csv' }, inactiveAfter: '90d', amount: 'Quantity*UnitPrice' });
 */
export async function value(spec: ValueSpec): Promise<ValueResult> {
  const tables = await loadInputs(spec.input);
  return executeValue(normalizeValue(spec, inputSchema(tables)), tables);
}

/** valueFromTables: the same on in-memory Arquero tables (see LifetimeInput). */
export function valueFromTables(input: LifetimeInput, spec: Omit<ValueSpec, 'input'>): ValueResult {
  const tables = lifetimeTables(input, spec);
  return executeValue(normalizeValue({ ...spec, input: {} }, inputSchema(tables)), tables);
}
