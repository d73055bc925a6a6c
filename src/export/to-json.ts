import type { ColumnTable } from 'arquero';
import type { LoadReport } from '../report/load-report.js';

/** The JSON document kohort writes: what was asked, as of when, the tidy rows, the load report. */
export interface JsonDocument {
  spec: unknown;
  asOf: string;
  rows: Record<string, unknown>[];
  average?: Record<string, unknown>[];
  report: LoadReport;
}

/** toJSON: `{"spec", "asOf", "rows", "average", "report"}` as pretty-printed JSON text. */
export function toJSON(doc: { spec: unknown; asOf: number; rows: ColumnTable; average?: ColumnTable; report: LoadReport }): string {
  const out: JsonDocument = {
    spec: doc.spec,
    asOf: new Date(doc.asOf).toISOString(),
    rows: doc.rows.objects() as Record<string, unknown>[],
    ...(doc.average ? { average: doc.average.objects() as Record<string, unknown>[] } : {}),
    report: doc.report,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
