import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/** toCSV: an Arquero table as RFC 4180 CSV with a header; null is an empty field. */
export function toCSV(table: ColumnTable): string {
  return aq.toCSV(table);
}
