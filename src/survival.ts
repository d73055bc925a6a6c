import type { ColumnTable } from 'arquero';
import { executeSurvival } from './engine/memory/churn/execute-survival.js';
import { inputSchema, type InputTables } from './engine/memory/prepare/input-tables.js';
import type { Dataset } from './load/dataset.js';
import { datasetFromTable } from './load/from-table.js';
import { loadInputs } from './matrix.js';
import type { SurvivalResult } from './result/survival-result.js';
import { normalizeSurvival, type ChurnInputSpec, type SurvivalSpec } from './spec/survival-spec.js';

/*
 * Survival, one way:
 *
 *   files ──loadInputs──▶ Datasets ──normalizeSurvival──▶ NormalizedSurvivalSpec
 *         ──executeSurvival──▶ SurvivalResult (curves, medians, S at times, test, report)
 *         ──survivalJSON / survivalCurveTable / formatSurvival──▶ json | csv | arrow | terminal
 */

/**
 * Tables a caller passes: one table, or customers and/or activity. A single table is the
 * customers table, unless the spec infers churn from activity (`inactiveAfter`): then it is
 * the activity table.
 */
export type LifetimeInput =
  | ColumnTable
  | Dataset
  | { activity?: ColumnTable | Dataset; customers?: ColumnTable | Dataset };

/** The InputTables of in-memory tables (see LifetimeInput for what a single table is). */
export function lifetimeTables(input: LifetimeInput, spec: Pick<ChurnInputSpec, 'inactiveAfter'>): InputTables {
  const asDataset = (t: ColumnTable | Dataset, name: string): Dataset =>
    'kinds' in t && 'table' in t ? (t as Dataset) : datasetFromTable(t as ColumnTable, name);
  if (typeof (input as ColumnTable).numRows === 'function' || ('kinds' in input && 'table' in input)) {
    const single = input as ColumnTable | Dataset;
    return spec.inactiveAfter !== undefined
      ? { activity: asDataset(single, '(activity)') }
      : { customers: asDataset(single, '(customers)') };
  }
  const i = input as { activity?: ColumnTable | Dataset; customers?: ColumnTable | Dataset };
  return {
    activity: i.activity && asDataset(i.activity, '(activity)'),
    customers: i.customers && asDataset(i.customers, '(customers)'),
  };
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
export async function survival(spec: SurvivalSpec): Promise<SurvivalResult> {
  const tables = await loadInputs(spec.input, {}, { id: spec.columns?.id });
  return executeSurvival(normalizeSurvival(spec, inputSchema(tables)), tables);
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
  return executeSurvival(normalizeSurvival({ ...spec, input: {} }, inputSchema(tables)), tables);
}
