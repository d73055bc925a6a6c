import { executeMatrix } from './engine/memory/execute-matrix.js';
import { inputSchema, type InputTables } from './engine/memory/input-tables.js';
import { loadFile } from './load/load-file.js';
import { plan } from './plan/plan.js';
import type { MatrixResult } from './result/matrix-result.js';
import { normalize } from './spec/normalize.js';
import type { InputSpec, MatrixSpec } from './spec/types.js';

/** loadInputs: read the files a spec names (both tables concurrently). */
export async function loadInputs(input: InputSpec): Promise<InputTables> {
  const opts = { format: input.format, delimiter: input.delimiter };
  const [activity, customers] = await Promise.all([
    input.activity ? loadFile(input.activity, opts) : undefined,
    input.customers ? loadFile(input.customers, opts) : undefined,
  ]);
  return { activity, customers };
}

/**
 * matrix: load the files a spec names and compute its retention matrix
 * (see retention.ts for the pipeline).
 *
 * @example
 * const m = await matrix({ input: { activity: 'orders.parquet' }, columns: { id: 'CustomerID' } });
 */
export async function matrix(spec: MatrixSpec): Promise<MatrixResult> {
  const tables = await loadInputs(spec.input);
  return executeMatrix(plan(normalize(spec, inputSchema(tables))), tables);
}
