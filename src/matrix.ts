import { executeMatrix } from './engine/memory/matrix/execute-matrix.js';
import { inputSchema, type InputTables } from './engine/memory/prepare/input-tables.js';
import { startChunkWorker } from './parallel/run-chunks.js';
import { fileSize } from './load/file-bytes.js';
import { buffersReleased } from './parallel/release-buffer.js';
import { loadFile } from './load/load-file.js';
import { readColumnNames } from './load/read-column-names.js';
import { plan, type MatrixPlan } from './plan/plan.js';
import type { MatrixResult } from './result/matrix-result.js';
import { normalize, type InputSchema } from './spec/normalize.js';
import { idColumns } from './spec/detect-column.js';
import type { InputSpec, MatrixSpec } from './spec/types.js';

/** What loading may skip: the columns each table must provide (the plan's projection). */
export type Projection = MatrixPlan['read'];

/** Loader options of a run: progress off when the CLI is quiet. */
export interface LoadInputOptions {
  progress?: boolean;
  /**
   * The id column as the user named it, when no projection says which column is the id:
   * that column (or, when absent, every column named like an id) is read as text.
   */
  id?: string;
}

/** loadInputs: read the files a spec names (both tables concurrently), only the projected columns. */
export async function loadInputs(input: InputSpec, projection: Projection = {}, opts: LoadInputOptions = {}): Promise<InputTables> {
  const base = { format: input.format, delimiter: input.delimiter, progress: opts.progress };
  // Ids are text: the plan's id columns, else the given one or any named like an id.
  const ids = idColumns(opts.id);
  const [activity, customers] = await Promise.all([
    input.activity ? loadFile(input.activity, { ...base, columns: projection.activity?.columns, text: projection.activity?.text ?? ids }) : undefined,
    input.customers ? loadFile(input.customers, { ...base, columns: projection.customers?.columns, text: projection.customers?.text ?? ids }) : undefined,
  ]);
  await buffersReleased();
  return { activity, customers };
}

/** Activity files from this size start the kernels' worker thread while they load. */
const WARM_BYTES = 16 << 20;

/**
 * planAndLoad: spec -> plan -> the tables it needs. The column names are read first
 * (CSV header, Parquet footer), so columns are detected and checked before any data is
 * read and only the planned columns are loaded; formats whose names cannot be read
 * cheaply are loaded whole and planned afterwards.
 */
export async function planAndLoad(spec: MatrixSpec, opts: LoadInputOptions = {}): Promise<{ plan: MatrixPlan; tables: InputTables }> {
  // A big activity file means big matrix kernel runs: their worker thread starts while loading.
  const activity = spec.input.activity;
  if (activity && (await fileSize(activity).catch(() => 0)) >= WARM_BYTES) startChunkWorker();
  const schema = await peekSchema(spec.input);
  if (schema) {
    const p = plan(normalize(spec, schema));
    return { plan: p, tables: await loadInputs(spec.input, p.read, opts) };
  }
  const tables = await loadInputs(spec.input, {}, { ...opts, id: spec.columns?.id });
  return { plan: plan(normalize(spec, inputSchema(tables))), tables };
}

/** The column names of every input file, or undefined when one cannot be told cheaply. */
async function peekSchema(input: InputSpec): Promise<InputSchema | undefined> {
  const opts = { format: input.format, delimiter: input.delimiter };
  const [activity, customers] = await Promise.all([
    input.activity ? readColumnNames(input.activity, opts) : undefined,
    input.customers ? readColumnNames(input.customers, opts) : undefined,
  ]);
  if ((input.activity && !activity) || (input.customers && !customers)) return undefined;
  const schema: InputSchema = {};
  if (input.activity) schema.activity = { file: input.activity, columns: activity! };
  if (input.customers) schema.customers = { file: input.customers, columns: customers! };
  return schema;
}

/**
 * matrix: load the files a spec names and compute its retention matrix
 * (see retention.ts for the pipeline).
 *
 * @example
 * const m = await matrix({ input: { activity: 'orders.parquet' }, columns: { id: 'CustomerID' } });
 */
export async function matrix(spec: MatrixSpec): Promise<MatrixResult> {
  const { plan: p, tables } = await planAndLoad(spec);
  return executeMatrix(p, tables);
}
