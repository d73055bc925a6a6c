import { executeReasons } from './engine/memory/outcomes/execute-reasons.js';
import { inputSchema } from './engine/memory/prepare/input-tables.js';
import { loadInputs } from './matrix.js';
import type { ReasonsResult } from './result/reasons-table.js';
import { normalizeReasons, type ReasonsSpec } from './spec/outcome-spec.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * Reasons, one way:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeReasons──▶ NormalizedReasonsSpec
 *         ──executeReasons──▶ ReasonsResult ──reasonsTable / reasonsJSON / formatReasons──▶ outputs
 */

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
  const tables = await loadInputs(spec.input);
  return executeReasons(normalizeReasons(spec, inputSchema(tables)), tables);
}

/** reasonsFromTables: the same on in-memory Arquero tables (a single table is the customers table). */
export function reasonsFromTables(input: LifetimeInput, spec: Omit<ReasonsSpec, 'input'>): ReasonsResult {
  const tables = lifetimeTables(input, spec);
  return executeReasons(normalizeReasons({ ...spec, input: {} }, inputSchema(tables)), tables);
}
