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
  /** The load report, keys in snake_case (rows_used, excluded.after_as_of, warnings, ...). */
  report: Record<string, unknown>;
}

/** What toJSON writes: the tables stay tables until written. */
export interface JsonInput {
  spec: unknown;
  asOf: number;
  rows: ColumnTable;
  average?: ColumnTable;
  report: LoadReport;
}

/**
 * toJSON: `{"spec", "as_of", "rows", "average", "report"}` as pretty-printed JSON text;
 * keys in snake_case as in every command's JSON.
 */
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
  yield `{\n${member('spec', snakeKeys(doc.spec))},\n${member('as_of', new Date(doc.asOf).toISOString())},\n`;
  yield* tableMember('rows', doc.rows);
  if (doc.average) {
    yield ',\n';
    yield* tableMember('average', doc.average);
  }
  yield `,\n${member('report', snakeKeys(doc.report))}\n}\n`;
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
