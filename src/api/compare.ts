import { memoryEngine } from '../engine/memory/memory-engine.js';
import { inputSchema, toInputTables, type TablesInput } from '../load/input-tables.js';
import { comparePlan, type ComparePlan } from '../plan/compare-plan.js';
import type { CompareResult } from '../result/compare-result.js';
import type { CompareSpec } from '../spec/compare-spec.js';
import { prepare, type Analysis } from './analysis.js';
import { warmChunkWorker } from './matrix.js';

/*
 * Compare:
 *
 *   files ──readInputSchema──▶ column names ──comparePlan──▶ ComparePlan (options, --by,
 *         the curves' and survival's specs checked; the columns to read)
 *         ──loadInputs──▶ tables ──engine.compare──▶ CompareResult (groups' rolling curves,
 *         Newcombe differences, adjusted p, Kaplan-Meier and log-rank, revenue, summary)
 *         ──export registry (export/formats.ts)──▶ table | csv | tidy-csv | json | arrow
 */

/** The group comparison as an Analysis (api/analysis.ts). */
export const compareAnalysis: Analysis<CompareSpec, ComparePlan, CompareResult, 'compare'> = {
  kind: 'compare',
  plan: (spec, schema) => comparePlan(spec, schema),
  run: (engine, plan, tables) => (engine.compare ?? memoryEngine.compare)(plan, tables),
  // Its curves, customer join and survival part run on the kernels' worker thread too.
  warm: (spec) => warmChunkWorker(spec.input?.activity),
};

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
export async function compare(spec: CompareSpec): Promise<CompareResult> {
  const { plan, tables } = await prepare(compareAnalysis, spec);
  return memoryEngine.compare(plan, tables);
}

/**
 * compareFromTables: the same on in-memory Arquero tables (or Datasets): `{activity,
 * customers}`, or one table (the activity, unless durations are given directly: then the
 * customers).
 *
 * @example
 * const c = compareFromTables(customers, { by: 'Number of Referrals > 0', duration: 'Tenure', event: 'Status=Churned' });
 */
export function compareFromTables(input: TablesInput, spec: Omit<CompareSpec, 'input'>): CompareResult {
  const durations = spec.duration !== undefined || spec.event !== undefined;
  const tables = toInputTables(input, durations ? 'customers' : 'activity');
  return memoryEngine.compare(comparePlan({ ...spec, input: {} }, inputSchema(tables)), tables);
}
