import type { ColumnPart } from './csv-column.js';
import type { ColumnMode } from './column-mode.js';
import type { TextColumns } from '../dataset.js';

/** Options for reading delimited text. */
export interface CsvOptions {
  /** The file name, for messages and the Dataset. */
  file: string;
  /** ",", "\t", ";", "|", any one ASCII character, or " " for runs of spaces; sniffed if absent. */
  delimiter?: string;
  /** Whether the first record names the columns (default true). */
  header?: boolean;
  /** With `header: false`, the names of the columns in order (else col_1, col_2, ...). */
  headerNames?: readonly string[];
  /** The total size of the text, if known: columns are then sized once, not doubled. */
  sizeHint?: number;
  /** Read only these columns (by header name); the others are skipped. All when absent. */
  columns?: readonly string[];
  /** Put big columns on SharedArrayBuffers, for the engine's worker threads (default false). */
  shared?: boolean;
  /** Columns read as text, never as numbers or times (ids). */
  text?: TextColumns;
}

/**
 * Options for reading one byte range of a file that starts at a record boundary
 * after the header (see csv-split.ts): the column names and modes are given.
 */
export interface CsvPartOptions extends CsvOptions {
  /** The column names (the range has no header record). */
  names: string[];
  /** Each column's starting mode: EMPTY (inferred), STRING (forced) or SKIP. */
  modes: ColumnMode[];
}

/** One part of a file read by a CsvReader, for merging (see csv-split.ts). */
export interface CsvPart {
  rows: number;
  columns: ColumnPart[];
}
