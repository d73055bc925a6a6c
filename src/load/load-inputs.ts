import { buffersReleased } from '../parallel/release-buffer.js';
import type { InputFormat, TextColumns } from './dataset.js';
import type { InputSchema, InputTables } from './input-tables.js';
import { loadFile } from './load-file.js';
import { readColumnNames } from './read-column-names.js';

/** The files of a run (spec/types.ts InputSpec): activity and/or customers, format and delimiter forced or sniffed. */
export interface InputFiles {
  activity?: string;
  customers?: string;
  format?: InputFormat;
  delimiter?: string;
  /** CSV: whether the first row names the columns (default true). */
  header?: boolean;
  /** CSV without a header: the column names in order. */
  columnNames?: readonly string[];
}

/** The columns to read of each table (plan/projection.ts); all when absent. */
export interface ColumnSelection {
  activity?: { columns: string[]; text?: string[]; csvText?: string[]; csvLabels?: string[] };
  customers?: { columns: string[]; text?: string[]; csvText?: string[]; csvLabels?: string[] };
}

/** Loader options of a run: progress off when the CLI is quiet. */
export interface LoadInputOptions {
  progress?: boolean;
  /**
   * Columns read as text where the selection names none (files loaded before their
   * columns are resolved): the id column given, or any column named like an id.
   */
  text?: TextColumns;
  /** How messages, rejects and warnings name each input, where not by its path (the CLI's copy of standard input: "standard input"). */
  names?: { activity?: string; customers?: string };
}

/** loadInputs: read the files of a run (both tables concurrently), only the selected columns. */
export async function loadInputs(input: InputFiles, columns: ColumnSelection = {}, opts: LoadInputOptions = {}): Promise<InputTables> {
  const base = { format: input.format, delimiter: input.delimiter, header: input.header, headerNames: input.columnNames, progress: opts.progress };
  const [activity, customers] = await Promise.all([
    input.activity ? loadFile(input.activity, { ...base, columns: columns.activity?.columns, text: columns.activity?.text ?? opts.text, csvText: columns.activity?.csvText, csvLabels: columns.activity?.csvLabels }) : undefined,
    input.customers ? loadFile(input.customers, { ...base, columns: columns.customers?.columns, text: columns.customers?.text ?? opts.text, csvText: columns.customers?.csvText, csvLabels: columns.customers?.csvLabels }) : undefined,
  ]);
  await buffersReleased();
  const named = (d: typeof activity, name: string | undefined) => (d && name !== undefined ? { ...d, file: name } : d);
  return { activity: named(activity, opts.names?.activity), customers: named(customers, opts.names?.customers) };
}

/**
 * readInputSchema: the column names of every input file (CSV header, Parquet footer),
 * or undefined when one cannot be told without loading it.
 */
export async function readInputSchema(input: InputFiles): Promise<InputSchema | undefined> {
  const opts = { format: input.format, delimiter: input.delimiter, header: input.header, headerNames: input.columnNames };
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
