import type { Filter } from './types.js';

/** The column names of each input table, which is all a normalizer needs to know of the data. */
export interface InputSchema {
  activity?: { file: string; columns: readonly string[] };
  customers?: { file: string; columns: readonly string[] };
}

/** Which table a column is read from. */
export type TableName = 'activity' | 'customers';

/** A filter with its column resolved to a table. */
export interface ResolvedFilter extends Filter {
  table: TableName;
}

/** A cohort attribute (or group) column and the table it is read from. */
export interface CohortAttribute {
  column: string;
  table: TableName;
}
