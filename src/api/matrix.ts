import { memoryEngine } from '../engine/memory/memory-engine.js';
import { fileSize } from '../load/file-bytes.js';
import { toInputTables, type InputTables, type TablesInput } from '../load/input-tables.js';
import type { LoadInputOptions } from '../load/load-inputs.js';
import { startChunkWorker } from '../parallel/run-chunks.js';
import { plan, type MatrixPlan } from '../plan/matrix-plan.js';
import type { FieldName } from '../field-name.js';
import type { MatrixResult } from '../result/matrix-result.js';
import { revenueBaseWarning } from '../result/revenue-base-warning.js';
import { normalize } from '../spec/normalize.js';
import type { MatrixSpec } from '../spec/types.js';
import { analyze, planTables, prepare, type Analysis } from './analysis.js';

/*
 * The matrix pipeline:
 *
 *   files ──loadInputs──▶ Datasets (Arquero tables: typed arrays, dictionary keys)
 *         ──normalize(spec, schema)──▶ NormalizedMatrixSpec (defaults, columns, checks)
 *         ──plan──▶ MatrixPlan (plain data: what to read and compute)
 *         ──engine.matrix──▶ MatrixResult (kernels over typed arrays)
 *         ──export registry (export/formats.ts)──▶ csv | tidy-csv | json | arrow | table
 */

/** Activity files from this size start the kernels' worker thread while they load. */
const WARM_BYTES = 16 << 20;

/** The retention matrix as an Analysis (api/analysis.ts). */
export const matrixAnalysis: Analysis<MatrixSpec, MatrixPlan, MatrixResult, 'matrix'> = {
  kind: 'matrix',
  plan: (spec, schema) => plan(normalize(spec, schema)),
  run: async (engine, p, tables) => withRevenueBase(await engine.matrix(p, tables)),
  // A big activity file means big matrix kernel runs: their worker thread starts while loading.
  warm: (spec) => warmChunkWorker(spec.input.activity),
};

/**
 * Start the kernels' worker thread while loading when the activity file is big. Not for
 * Parquet: its load keeps both cores busy (the Parquet worker decodes half of it), so
 * readParquet starts the kernels' worker once its own worker is done.
 */
export async function warmChunkWorker(activity: string | undefined): Promise<void> {
  if (activity && !/\.parquet$/i.test(activity) && (await fileSize(activity).catch(() => 0)) >= WARM_BYTES) startChunkWorker();
}

/** A matrix with the warning of its cohorts without a revenue base (any engine), once. */
function withRevenueBase(result: MatrixResult): MatrixResult {
  const w = revenueBaseWarning(result);
  if (w && !result.report.warnings.includes(w)) result.report.warnings.push(w);
  return result;
}

/**
 * The matrix's warning of cohorts without a revenue base with its options named by `name`
 * (the CLI: its flags, --mode) instead of their spec fields (mode).
 */
export function rewordRevenueBase(result: MatrixResult, name: FieldName): void {
  const i = result.report.warnings.indexOf(revenueBaseWarning(result) ?? '');
  if (i >= 0) result.report.warnings[i] = revenueBaseWarning(result, name)!;
}

/** planAndLoad: spec -> plan -> the tables it needs (see prepare in api/analysis.ts). */
export function planAndLoad(spec: MatrixSpec, opts: LoadInputOptions = {}): Promise<{ plan: MatrixPlan; tables: InputTables }> {
  return prepare(matrixAnalysis, spec, opts);
}

/**
 * matrix: load the files a spec names and compute its retention matrix.
 *
 * @example
 * const m = await matrix({ input: { activity: 'orders.parquet' }, columns: { id: 'CustomerID' } });
 */
export function matrix(spec: MatrixSpec): Promise<MatrixResult> {
  return analyze(matrixAnalysis, spec);
}

/** Tables a caller passes: an activity table alone, or activity and/or customers. */
export type RetentionInput = TablesInput;

/**
 * retention: the retention matrix of in-memory tables.
 *
 * @example
 * const events = aq.table({ id: ['a', 'a', 'b'], time: ['2024-01-05', '2024-02-10', '2024-01-20'] });
 * const m = retention(events, { period: 'month', mode: 'classic' });
 * tidyTable(m).print();
 */
export function retention(input: RetentionInput, spec: Omit<MatrixSpec, 'input'> = {}): MatrixResult {
  const tables = toInputTables(input, 'activity');
  return memoryEngine.matrix(planTables(matrixAnalysis, spec, tables), tables);
}
