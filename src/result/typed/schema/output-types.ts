/* The types of the output schema: a column, a run of columns named by the run, a table. */

/**
 * A column type. Arrow / Parquet / CSV:
 * - string: Dictionary<Int32, Utf8> / BYTE_ARRAY UTF8, dictionary-encoded / text
 * - date32: Date32 (days since 1970-01-01, a local calendar day of the run's zone) / INT32 DATE / YYYY-MM-DD
 * - int32, int64: Int32, Int64 / INT32, INT64 / digits
 * - float64: Float64 / DOUBLE / shortest round-trip decimal
 * - bool: Bool / BOOLEAN / true, false
 * Null is an Arrow/Parquet null and an empty CSV field.
 */
export type OutputType = 'string' | 'date32' | 'int32' | 'int64' | 'float64' | 'bool';

/** Every {@link OutputType}. */
export const OUTPUT_TYPES: readonly OutputType[] = ['string', 'date32', 'int32', 'int64', 'float64', 'bool'];

/** One fixed column. */
export interface OutputColumn {
  name: string;
  type: OutputType;
  nullable: boolean;
  description: string;
  /** When the column is present only in some runs: the condition, in words. */
  only?: string;
}

/**
 * A run of columns whose names come from the run: cohort attributes and --by groups
 * ("key"), or one column per offset of the wide matrix ("offset").
 */
export interface OutputColumnGroup {
  group: 'key' | 'offset' | 'reason' | 'segment';
  /** How the names are made, for the document: "<attribute>", "0, 1, 2, ...". */
  name: string;
  type: OutputType;
  nullable: boolean;
  description: string;
}

/** The table kinds kohort writes. */
export type TableKind =
  | 'matrix-tidy'
  | 'matrix-wide'
  | 'matrix-average'
  | 'crr'
  | 'survival-curve'
  | 'survival-at'
  | 'survival-summary'
  | 'compare'
  | 'reasons'
  | 'reasons-wide'
  | 'value'
  | 'value-wide'
  | 'feedback';

/** One table's schema. */
export interface OutputTableSchema {
  kind: TableKind;
  /** The command and the `table` name of a spec output that write it. */
  command: string;
  table: string;
  description: string;
  columns: (OutputColumn | OutputColumnGroup)[];
  /** True while the table's command is still being built: its columns are to be filled in. */
  placeholder?: boolean;
}
