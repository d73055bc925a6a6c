import type { CrrResult } from '../result/crr-table.js';
import { crrJSON } from '../result/crr-table.js';
import { averageTyped, tidyTyped, wideTyped } from '../result/matrix-typed.js';
import { crrTyped, survivalAtTyped, survivalCurveTyped, survivalSummaryTyped } from '../result/churn-typed.js';
import type { MatrixResult } from '../result/matrix-result.js';
import { averageTable } from '../result/average-table.js';
import { tidyTable } from '../result/tidy-table.js';
import { survivalCurveCSV, survivalJSON, type SurvivalResult } from '../result/survival-result.js';
import type { TypedTable } from '../result/typed-table.js';
import type { OutputFormatName } from '../spec/run-spec.js';
import { formatCrr } from './terminal/format-crr.js';
import { formatMatrix } from './terminal/format-matrix.js';
import { formatSurvival } from './terminal/format-survival.js';
import type { OutputMetadata } from './output-metadata.js';
import { toArrowIPC } from './to-arrow-ipc.js';
import { toJSON } from './to-json.js';
import { toParquet } from './to-parquet.js';
import { typedToCSV } from './typed-to-csv.js';

/** A computed analysis, tagged with its kind. */
export type AnalysisResult =
  | { kind: 'matrix'; result: MatrixResult }
  | { kind: 'survival'; result: SurvivalResult }
  | { kind: 'crr'; result: CrrResult };

/** One output: a format and, for tabular formats, which table. */
export interface OutputChoice {
  format: OutputFormatName;
  table?: string;
}

/** Binary formats: never written to a terminal. */
export const BINARY_FORMATS: readonly OutputFormatName[] = ['parquet', 'arrow', 'arrow-stream'];

/** The table an output writes: the one named, else the kind's default for the format. */
export function outputTableName(kind: AnalysisResult['kind'], out: OutputChoice): string {
  if (out.table) return out.table;
  if (kind === 'matrix') return out.format === 'csv' ? 'wide' : 'tidy';
  return kind === 'survival' ? 'curve' : 'crr';
}

/** typedOutputTable: the typed table (docs/schema.md) an output of an analysis writes. */
export function typedOutputTable(a: AnalysisResult, table: string): TypedTable {
  switch (a.kind) {
    case 'matrix':
      if (table === 'wide') return wideTyped(a.result);
      if (table === 'average') return averageTyped(a.result);
      return tidyTyped(a.result);
    case 'survival':
      if (table === 'at') return survivalAtTyped(a.result);
      if (table === 'summary') return survivalSummaryTyped(a.result);
      return survivalCurveTyped(a.result);
    case 'crr':
      return crrTyped(a.result);
  }
}

/**
 * renderOutput: one output of an analysis as text or bytes. Tabular formats (csv, parquet,
 * arrow, arrow-stream) write a typed table of the output schema; Arrow and Parquet carry
 * `meta` (spec, as-of, version, input hashes). json and table are the analysis's document
 * and terminal view. No clock is read: the same result and metadata give the same bytes.
 */
export async function renderOutput(a: AnalysisResult, out: OutputChoice, meta: OutputMetadata): Promise<string | Uint8Array> {
  const table = outputTableName(a.kind, out);
  switch (out.format) {
    case 'table':
      return a.kind === 'matrix' ? formatMatrix(a.result) : a.kind === 'survival' ? formatSurvival(a.result) : formatCrr(a.result);
    case 'json':
      if (a.kind === 'matrix') {
        const r = a.result;
        return toJSON({ spec: r.spec, asOf: r.asOf, rows: tidyTable(r), average: averageTable(r), report: r.report });
      }
      if (a.kind === 'survival') return `${JSON.stringify(survivalJSON(a.result, { curve: table === 'curve' }), null, 2)}\n`;
      return `${JSON.stringify(crrJSON(a.result), null, 2)}\n`;
    case 'csv':
      // A million-row curve is written straight from the curves.
      if (a.kind === 'survival' && table === 'curve') return survivalCurveCSV(a.result);
      return typedToCSV(typedOutputTable(a, table));
    case 'parquet':
      return toParquet(typedOutputTable(a, table), meta);
    case 'arrow':
      return toArrowIPC(typedOutputTable(a, table), meta, 'file');
    case 'arrow-stream':
      return toArrowIPC(typedOutputTable(a, table), meta, 'stream');
  }
}
