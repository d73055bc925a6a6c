import type { ColumnTable } from 'arquero';
import type { LoadReport } from '../report/load-report.js';
import { snakeKeys } from '../report/snake-keys.js';

/** The JSON document kohort writes: what was asked, as of when, the tidy rows, the load report. */
export interface JsonDocument {
  /** The normalized spec of the run (keys in snake_case). */
  spec: unknown;
  as_of: string;
  rows: Record<string, unknown>[];
  average?: Record<string, unknown>[];
  /** The load report, keys in snake_case (rows_used, excluded.after_as_of, ...). */
  report: Record<string, unknown>;
}

/**
 * toJSON: `{"spec", "as_of", "rows", "average", "report"}` as pretty-printed
 * JSON text; keys in snake_case as in every command's JSON.
 */
export function toJSON(doc: {
  spec: unknown;
  asOf: number;
  rows: ColumnTable;
  average?: ColumnTable;
  report: LoadReport;
}): string {
  const out: JsonDocument = {
    spec: snakeKeys(doc.spec),
    as_of: new Date(doc.asOf).toISOString(),
    rows: doc.rows.objects() as Record<string, unknown>[],
    ...(doc.average ? { average: doc.average.objects() as Record<string, unknown>[] } : {}),
    report: snakeKeys(doc.report) as Record<string, unknown>,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
