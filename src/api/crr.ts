import { memoryEngine } from '../engine/memory/memory-engine.js';
import { crrPlan, type CrrPlan } from '../plan/crr-plan.js';
import type { CrrResult } from '../result/crr-table.js';
import { normalizeCrr, type CrrSpec } from '../spec/crr-spec.js';
import { analyze, planTables, type Analysis } from './analysis.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * CRR:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeCrr──▶ NormalizedCrrSpec ──crrPlan──▶ CrrPlan
 *         ──engine.crr──▶ CrrResult (counts per group and period, report)
 *         ──export registry (export/formats.ts)──▶ csv | arrow | json | table
 */

/** The customer retention rate as an Analysis (api/analysis.ts). */
export const crrAnalysis: Analysis<CrrSpec, CrrPlan, CrrResult, 'crr'> = {
  kind: 'crr',
  plan: (spec, schema) => crrPlan(normalizeCrr(spec, schema), schema),
  run: (engine, plan, tables) => engine.crr(plan, tables),
};

/**
 * crr: load the files a spec names and compute the customer retention rate per period
 * (METRICS.md section 5): customers at the start, new, at the end, retained, lost, CRR,
 * churn rate and the exact rate.
 *
 * @example
 * const r = await crr({ input: { customers: 'customers.csv' }, period: 'quarter', by: ['plan'] });
 * crrTable(r).print();
 */
export function crr(spec: CrrSpec): Promise<CrrResult> {
  return analyze(crrAnalysis, spec);
}

/**
 * crrFromTables: the same on in-memory Arquero tables (or Datasets); a single table is the
 * customers table (the activity table with `inactiveAfter`).
 */
export function crrFromTables(input: LifetimeInput, spec: Omit<CrrSpec, 'input'> = {}): CrrResult {
  const tables = lifetimeTables(input, spec);
  return memoryEngine.crr(planTables(crrAnalysis, spec, tables), tables);
}
