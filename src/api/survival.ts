import { memoryEngine } from '../engine/memory/memory-engine.js';
import { toInputTables, type InputTables, type TablesInput } from '../load/input-tables.js';
import { startChunkWorker } from '../parallel/run-chunks.js';
import { survivalPlan, type SurvivalPlan } from '../plan/survival-plan.js';
import type { SurvivalResult } from '../result/survival-result.js';
import type { ChurnInputSpec } from '../spec/churn-spec.js';
import { normalizeSurvival, type SurvivalSpec } from '../spec/survival-spec.js';
import { analyze, planTables, type Analysis } from './analysis.js';

/*
 * Survival:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeSurvival──▶ NormalizedSurvivalSpec ──survivalPlan──▶ SurvivalPlan
 *         ──engine.survival──▶ SurvivalResult (curves, medians, S at times, test, report)
 *         ──export registry (export/formats.ts)──▶ json | csv | arrow | table
 */

/** Kaplan-Meier survival as an Analysis (api/analysis.ts). */
export const survivalAnalysis: Analysis<SurvivalSpec, SurvivalPlan, SurvivalResult, 'survival'> = {
  kind: 'survival',
  plan: (spec, schema) => survivalPlan(normalizeSurvival(spec, schema), schema),
  run: (engine, plan, tables) => engine.survival(plan, tables),
  // Groups' curves and their test share a worker thread on big inputs: start it now.
  warm: (spec) => {
    if (spec.by?.length) startChunkWorker();
  },
};

/**
 * Tables a caller passes: one table, or customers and/or activity. A single table is the
 * customers table, unless the spec infers churn from activity (`inactiveAfter`): then it is
 * the activity table.
 */
export type LifetimeInput = TablesInput;

/** The InputTables of in-memory tables (see LifetimeInput for what a single table is). */
export function lifetimeTables(input: LifetimeInput, spec: Pick<ChurnInputSpec, 'inactiveAfter'>): InputTables {
  return toInputTables(input, spec.inactiveAfter !== undefined ? 'activity' : 'customers');
}

/**
 * survival: load the files a spec names and compute Kaplan-Meier curves per group, with
 * Greenwood standard errors, intervals, medians, S at the chosen times and the log-rank
 * test across the groups.
 *
 * @example
 * const s = await survival({ input: { customers: 'customers.csv' }, by: ['channel'], at: [30, 90] });
 * const s2 = await survival({ input: { customers: 'telco.csv' }, duration: 'tenure', event: 'Churn=Yes', unit: 'months' });
 */
export function survival(spec: SurvivalSpec): Promise<SurvivalResult> {
  return analyze(survivalAnalysis, spec);
}

/**
 * survivalFromTables: the same on in-memory Arquero tables (or Datasets).
 *
 * @example
 * const customers = aq.table({ id: ['a', 'b'], signup: ['2024-01-01', '2024-01-05'], churned: ['2024-02-01', null] });
 * const s = survivalFromTables(customers, { columns: { signup: 'signup', churn: 'churned' }, asOf: '2024-03-01' });
 */
export function survivalFromTables(input: LifetimeInput, spec: Omit<SurvivalSpec, 'input'> = {}): SurvivalResult {
  const tables = lifetimeTables(input, spec);
  return memoryEngine.survival(planTables(survivalAnalysis, spec, tables), tables);
}
