import type { ColumnTable } from 'arquero';
import type { Dataset } from './dataset.js';
import { datasetFromTable } from './from-table.js';

/** The loaded inputs of a run: an activity table, a customers table, or both. */
export interface InputTables {
  activity?: Dataset;
  customers?: Dataset;
}

/** The column names of each input table, which is all a normalizer needs to know of the data. */
export interface InputSchema {
  activity?: { file: string; columns: readonly string[] };
  customers?: { file: string; columns: readonly string[] };
}

/** Tables a caller passes: one table (see toInputTables for which it is), or activity and/or customers. */
export type TablesInput =
  | ColumnTable
  | Dataset
  | { activity?: ColumnTable | Dataset; customers?: ColumnTable | Dataset };

/**
 * toInputTables: in-memory tables (Arquero tables or Datasets) as InputTables; a single
 * table is the `single` one (the matrix reads a lone table as activity, survival and CRR
 * as customers unless churn comes from inactivity).
 */
export function toInputTables(input: TablesInput, single: keyof InputTables): InputTables {
  if (isTable(input)) return { [single]: asDataset(input, `(${single})`) };
  const i = input as { activity?: ColumnTable | Dataset; customers?: ColumnTable | Dataset };
  return {
    activity: i.activity && asDataset(i.activity, '(activity)'),
    customers: i.customers && asDataset(i.customers, '(customers)'),
  };
}

/** inputSchema: the column names of loaded inputs, which is what a normalizer needs. */
export function inputSchema(tables: InputTables): InputSchema {
  const schema: InputSchema = {};
  if (tables.activity) schema.activity = { file: tables.activity.file, columns: tables.activity.table.columnNames() };
  if (tables.customers) schema.customers = { file: tables.customers.file, columns: tables.customers.table.columnNames() };
  return schema;
}

function isTable(x: TablesInput): x is ColumnTable | Dataset {
  return typeof (x as ColumnTable).numRows === 'function' || isDataset(x);
}

function isDataset(x: object): x is Dataset {
  return 'kinds' in x && 'table' in x;
}

function asDataset(t: ColumnTable | Dataset, name: string): Dataset {
  return isDataset(t) ? t : datasetFromTable(t, name);
}
