import { executeCrr } from './engine/memory/churn/execute-crr.js';
import { inputSchema } from './engine/memory/prepare/input-tables.js';
import { loadInputs } from './matrix.js';
import type { CrrResult } from './result/crr-table.js';
import { normalizeCrr, type CrrSpec } from './spec/survival-spec.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * CRR, one way:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeCrr──▶ NormalizedCrrSpec
 *         ──executeCrr──▶ CrrResult (counts per group and period, report)
 *         ──crrTable / crrJSON / formatCrr──▶ csv | arrow | json | terminal
 */

/**
 * crr: load the files a spec names and compute the customer retention rate per period
 * (METRICS.md section 5): customers at the start, new, at the end, retained, lost, CRR,
 * churn rate and the exact rate.
 *
 * @example
 * const r = await crr({ input: { customers: 'customers.csv' }, period: 'quarter', by: ['plan'] });
 * crrTable(r).print();
 */
export async function crr(spec: CrrSpec): Promise<CrrResult> {
  const tables = await loadInputs(spec.input, {}, { id: spec.columns?.id });
  return executeCrr(normalizeCrr(spec, inputSchema(tables)), tables);
}

/**
 * crrFromTables: the same on in-memory Arquero tables (or Datasets); a single table is the
 * customers table (the activity table with `inactiveAfter`).
 */
export function crrFromTables(input: LifetimeInput, spec: Omit<CrrSpec, 'input'> = {}): CrrResult {
  const tables = lifetimeTables(input, spec);
  return executeCrr(normalizeCrr({ ...spec, input: {} }, inputSchema(tables)), tables);
}
