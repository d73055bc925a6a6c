import type { Filter } from './types.js';

export type { InputSchema } from '../load/input-tables.js';

/** Which table a column is read from. */
export type TableName = 'activity' | 'customers';

/** A filter with its column resolved to a table. */
export interface ResolvedFilter extends Filter {
  table: TableName;
  /**
   * Set on compare's filter that keeps the rows of the compared groups (compareParts): the
   * rows it alone removes are counted as in no compared group (noGroup), not as --where's.
   */
  group?: true;
}

/** A cohort attribute (or group) column and the table it is read from. */
export interface CohortAttribute {
  column: string;
  table: TableName;
  /** Set for the derived key "nps_class": the NPS score column it is the class of. */
  nps?: string;
}
