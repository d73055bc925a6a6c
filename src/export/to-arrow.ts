import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/**
 * toArrow: an Arquero table as Arrow IPC bytes (file format), readable by apache-arrow's
 * tableFromIPC, pyarrow and Polars.
 */
export function toArrow(table: ColumnTable): Uint8Array {
  return aq.toArrowIPC(table, { format: 'file' }) as Uint8Array;
}
