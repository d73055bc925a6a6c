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

/** What toJSON writes: the tables stay tables until written. */
export interface JsonInput {
  spec: unknown;
  asOf: number;
  rows: ColumnTable;
  average?: ColumnTable;
  report: LoadReport;
}

/** toJSON: `{"spec", "asOf", "rows", "average", "report"}` as pretty-printed JSON text. */
export function toJSON(doc: JsonInput): string {
  return [...jsonChunks(doc)].join('');
}

/** Rows written per chunk. */
const ROWS = 2048;

/**
 * jsonChunks: the text of toJSON (JSON.stringify(doc, null, 2) and a newline), a block of
 * rows at a time, so that an output of any size never has to fit one string.
 */
export function* jsonChunks(doc: JsonInput): Generator<string> {
  const member = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;
  yield `{\n${member('spec', doc.spec)},\n${member('asOf', new Date(doc.asOf).toISOString())},\n`;
  yield* tableMember('rows', doc.rows);
  if (doc.average) {
    yield ',\n';
    yield* tableMember('average', doc.average);
  }
  yield `,\n${member('report', doc.report)}\n}\n`;
}

function* tableMember(key: string, table: ColumnTable): Generator<string> {
  const n = table.numRows();
  if (n === 0) {
    yield `  ${JSON.stringify(key)}: []`;
    return;
  }
  yield `  ${JSON.stringify(key)}: [\n`;
  for (let offset = 0; offset < n; offset += ROWS) {
    const rows = table.objects({ offset, limit: ROWS }) as Record<string, unknown>[];
    const text = rows.map((r) => `    ${JSON.stringify(r, null, 2).replace(/\n/g, '\n    ')}`).join(',\n');
    yield offset + ROWS < n ? `${text},\n` : `${text}\n  ]`;
  }
}
