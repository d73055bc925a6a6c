import type { ColumnTable } from 'arquero';
import { executeMatrix } from './engine/memory/matrix/execute-matrix.js';
import { inputSchema, type InputTables } from './engine/memory/prepare/input-tables.js';
import type { Dataset } from './load/dataset.js';
import { datasetFromTable } from './load/from-table.js';
import { plan } from './plan/plan.js';
import type { MatrixResult } from './result/matrix-result.js';
import { normalize } from './spec/normalize.js';
import type { MatrixSpec } from './spec/types.js';

/*
 * The pipeline, one way:
 *
 *   files ──loadInputs──▶ Datasets (Arquero tables: typed arrays, dictionary keys)
 *         ──normalize(spec, schema)──▶ NormalizedMatrixSpec (defaults, columns, checks)
 *         ──plan──▶ MatrixPlan (plain data: what to read and compute)
 *         ──executeMatrix──▶ MatrixResult (kernels over typed arrays)
 *         ──tidyTable / wideTable / averageTable──▶ Arquero tables
 *         ──toCSV / toJSON / toArrow / formatMatrix──▶ bytes
 */

/** Tables a caller passes: an activity table alone, or activity and/or customers. */
export type RetentionInput =
  | ColumnTable
  | Dataset
  | { activity?: ColumnTable | Dataset; customers?: ColumnTable | Dataset };

/**
 * retention: the retention matrix of in-memory tables.
 *
 * @example
 * const events = aq.table({ id: ['a', 'a', 'b'], time: ['2024-01-05', '2024-02-10', '2024-01-20'] });
 * const m = retention(events, { period: 'month', mode: 'classic' });
 * tidyTable(m).print();
 */
export function retention(input: RetentionInput, spec: Omit<MatrixSpec, 'input'> = {}): MatrixResult {
  const tables = toInputTables(input);
  const normalized = normalize({ ...spec, input: {} }, inputSchema(tables));
  return executeMatrix(plan(normalized), tables);
}

function toInputTables(input: RetentionInput): InputTables {
  const asDataset = (t: ColumnTable | Dataset, name: string): Dataset =>
    'kinds' in t && 'table' in t ? (t as Dataset) : datasetFromTable(t as ColumnTable, name);
  if (isTableLike(input)) return { activity: asDataset(input, '(activity)') };
  const i = input as { activity?: ColumnTable | Dataset; customers?: ColumnTable | Dataset };
  return {
    activity: i.activity && asDataset(i.activity, '(activity)'),
    customers: i.customers && asDataset(i.customers, '(customers)'),
  };
}

function isTableLike(x: RetentionInput): x is ColumnTable | Dataset {
  return typeof (x as ColumnTable).numRows === 'function' || ('kinds' in x && 'table' in x);
}
