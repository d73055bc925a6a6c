import { memoryEngine } from '../engine/memory/memory-engine.js';
import { inputSchema, toInputTables, type TablesInput } from '../load/input-tables.js';
import { reasonsPlan, type ReasonsPlan } from '../plan/outcome-plan.js';
import type { ReasonsResult } from '../result/reasons-table.js';
import { normalizeReasons, type ReasonsSpec } from '../spec/outcome-spec.js';
import { prepare, type Analysis } from './analysis.js';

/*
 * Reasons:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeReasons──▶ NormalizedReasonsSpec ──reasonsPlan──▶ ReasonsPlan
 *         ──engine.reasons──▶ ReasonsResult ──export registry (export/formats.ts)──▶ table | csv | tidy-csv | json | arrow
 */

/** Churned customers' reasons as an Analysis (api/analysis.ts). */
export const reasonsAnalysis: Analysis<ReasonsSpec, ReasonsPlan, ReasonsResult, 'reasons'> = {
  kind: 'reasons',
  plan: (spec, schema) => reasonsPlan(normalizeReasons(spec, schema), schema),
  run: (engine, plan, tables) => (engine.reasons ?? memoryEngine.reasons)(plan, tables),
};

/**
 * reasons: load the files a spec names and count churned customers' reasons by segment,
 * with each reason's share of the segment's churn and of all churn (METRICS.md section 8).
 *
 * @example
 * const r = await reasons({
 *   input: { customers: 'telecom_customer_churn.csv' },
 *   columns: { id: 'Customer ID' },
 *   event: 'Customer Status=Churned',
 *   reason: ['Churn Category', 'Churn Reason'],
 *   by: ['Contract'],
 * });
 */
export async function reasons(spec: ReasonsSpec): Promise<ReasonsResult> {
  const { plan, tables } = await prepare(reasonsAnalysis, spec);
  return memoryEngine.reasons(plan, tables);
}

/**
 * reasonsFromTables: the same on in-memory Arquero tables (or Datasets). A single table is
 * the customers table, unless churn comes from inactivity (then it is the activity).
 */
export function reasonsFromTables(input: TablesInput, spec: Omit<ReasonsSpec, 'input'>): ReasonsResult {
  const tables = toInputTables(input, spec.inactiveAfter !== undefined ? 'activity' : 'customers');
  return memoryEngine.reasons(reasonsAnalysis.plan({ ...spec, input: {} }, inputSchema(tables)), tables);
}
