import { memoryEngine } from '../engine/memory/memory-engine.js';
import { inputSchema, toInputTables, type TablesInput } from '../load/input-tables.js';
import { valuePlan, type ValuePlan } from '../plan/outcome-plan.js';
import type { ValueResult } from '../result/value-table.js';
import { normalizeValue, type ValueSpec } from '../spec/outcome-spec.js';
import { prepare, type Analysis } from './analysis.js';

/*
 * Value of lost vs retained:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeValue──▶ NormalizedValueSpec ──valuePlan──▶ ValuePlan
 *         ──engine.value──▶ ValueResult ──export registry (export/formats.ts)──▶ table | csv | tidy-csv | json | arrow
 */

/** Lifetime value of churned vs retained customers as an Analysis (api/analysis.ts). */
export const valueAnalysis: Analysis<ValueSpec, ValuePlan, ValueResult, 'value'> = {
  kind: 'value',
  plan: (spec, schema) => valuePlan(normalizeValue(spec, schema), schema),
  run: (engine, plan, tables) => (engine.value ?? memoryEngine.value)(plan, tables),
};

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
  const { plan, tables } = await prepare(valueAnalysis, spec);
  return memoryEngine.value(plan, tables);
}

/** valueFromTables: the same on in-memory Arquero tables (a single table as in reasonsFromTables). */
export function valueFromTables(input: TablesInput, spec: Omit<ValueSpec, 'input'>): ValueResult {
  const tables = toInputTables(input, spec.inactiveAfter !== undefined ? 'activity' : 'customers');
  return memoryEngine.value(valueAnalysis.plan({ ...spec, input: {} }, inputSchema(tables)), tables);
}
