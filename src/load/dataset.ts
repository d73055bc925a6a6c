import type { ColumnTable } from 'arquero';

/**
 * What a loader knows about a column after reading it.
 * - number: Float64Array, NaN = missing
 * - string: a dictionary column (see dictColumn), null = missing
 * - boolean: array of true/false/null
 * - timestamp: Float64Array of epoch milliseconds, an instant (NaN = missing)
 * - wallclock: Float64Array of epoch milliseconds read as a wall-clock time in the
 *   run's time zone (Arrow/Parquet timestamps without a zone, dates)
 */
export type ColumnKind = 'number' | 'string' | 'boolean' | 'timestamp' | 'wallclock';

/** The input formats kohort reads. */
export type InputFormat = 'csv' | 'ndjson' | 'arrow' | 'parquet';

/** A loaded input file: an Arquero table plus what the loader learnt about it. */
export interface Dataset {
  /** The Arquero table; columns are typed arrays or dictionary columns. */
  table: ColumnTable;
  /** The path as given by the user, for messages. */
  file: string;
  /** The format it was read as. */
  format: InputFormat;
  /** The kind of each column, by name. */
  kinds: Record<string, ColumnKind>;
  /** Rows read from the file (data rows, not counting a header). */
  rowsRead: number;
  /**
   * Number columns whose every value may be a number with "." grouping thousands
   * ("1.000", read as 1): column -> its first value, for the warning (amountWarnings).
   */
  groupedNumbers?: Record<string, string>;
}

/**
 * Columns read as text whatever their values look like (customer ids: "007" and "7" are
 * two customers, a 19-digit id stays exact): their names, or a test of a name.
 */
export type TextColumns = readonly string[] | ((name: string) => boolean);

/** True when `name` is one of the text columns. */
export function isTextColumn(text: TextColumns | undefined, name: string): boolean {
  if (text === undefined) return false;
  return typeof text === 'function' ? text(name) : text.includes(name);
}
