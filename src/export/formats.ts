/**
 * The output-format registry: each format names its writer for each result kind it can
 * write. A new format is one new entry of FORMATS; a new result kind is one line in
 * ResultKinds and SUMMARIES plus its writer in the formats that can write it. The CLI
 * offers `--format` choices from here (formatsFor) and writes through writeFormat.
 */
import { fail } from '../errors.js';
import { formatReport } from '../report/load-report.js';
import { averageTable } from '../result/average-table.js';
import { crrJSON, crrTable, type CrrResult } from '../result/crr-table.js';
import type { MatrixResult } from '../result/matrix-result.js';
import { survivalAtTable, survivalCurveCSV, survivalCurveTable, survivalJSON, type SurvivalResult } from '../result/survival-result.js';
import { tidyTable } from '../result/tidy-table.js';
import { wideTable } from '../result/wide-table.js';
import { formatCrr } from './terminal/format-crr.js';
import { formatMatrix } from './terminal/format-matrix.js';
import { formatLifetimeReport, formatSurvival } from './terminal/format-survival.js';
import { toArrow } from './to-arrow.js';
import { toCSV } from './to-csv.js';
import { jsonChunks } from './to-json.js';
import { csvChunks } from './csv-chunks.js';
import type { OutputData } from './write-atomic.js';

/** The result of each kind of analysis, by kind. */
export interface ResultKinds {
  matrix: MatrixResult;
  survival: SurvivalResult;
  crr: CrrResult;
}

/** A kind of result: "matrix", "survival", "crr". */
export type ResultKind = keyof ResultKinds;

/** Options a writer may honour. */
export interface WriteOptions {
  /** Survival: write every curve row (default), or only S at the chosen times. */
  curve?: boolean;
}

/** Turns a result into the bytes or text of one format (text may come in chunks: see OutputData). */
export type Writer<R> = (result: R, opts: WriteOptions) => OutputData;

/** A format: whether its output is binary, and its writer for each result kind it supports. */
export interface FormatEntry {
  /** Binary output is never written to a terminal. */
  binary: boolean;
  writers: { [K in ResultKind]?: Writer<ResultKinds[K]> };
}

const json = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

/** The formats, in the order `--help` lists them. */
export const FORMATS = {
  table: {
    binary: false,
    writers: { matrix: formatMatrix, survival: formatSurvival, crr: formatCrr },
  },
  csv: {
    binary: false,
    writers: {
      matrix: (r) => csvChunks(wideTable(r)),
      survival: (r, o) => (o.curve ?? true ? survivalCurveCSV(r) : toCSV(survivalAtTable(r))),
      crr: (r) => toCSV(crrTable(r)),
    },
  },
  'tidy-csv': {
    binary: false,
    writers: { matrix: (r) => csvChunks(tidyTable(r)) },
  },
  json: {
    binary: false,
    writers: {
      matrix: (r) => jsonChunks({ spec: r.spec, asOf: r.asOf, rows: tidyTable(r), average: averageTable(r), report: r.report }),
      survival: (r, o) => json(survivalJSON(r, { curve: o.curve ?? true })),
      crr: (r) => json(crrJSON(r)),
    },
  },
  arrow: {
    binary: true,
    writers: {
      matrix: (r) => toArrow(tidyTable(r)),
      survival: (r, o) => toArrow(o.curve ?? true ? survivalCurveTable(r) : survivalAtTable(r)),
      crr: (r) => toArrow(crrTable(r)),
    },
  },
} as const satisfies Record<string, FormatEntry>;

/** The name of an output format. */
export type OutputFormat = keyof typeof FORMATS;

/** The short human summary of a run (rows read, left out, ...), per result kind: lines for stderr. */
export const SUMMARIES: { [K in ResultKind]: (result: ResultKinds[K]) => string[] } = {
  matrix: (r) => formatReport(r.report),
  survival: (r) => formatLifetimeReport(r.report),
  crr: (r) => formatLifetimeReport(r.report),
};

/** The formats that can write a result kind, in registry order. */
export function formatsFor(kind: ResultKind): OutputFormat[] {
  return (Object.keys(FORMATS) as OutputFormat[]).filter((f) => (FORMATS[f] as FormatEntry).writers[kind] !== undefined);
}

/** Whether a format's output is binary. */
export function isBinary(format: OutputFormat): boolean {
  return FORMATS[format].binary;
}

/** writeFormat: a result as the text or bytes of `format`; throws when the format cannot write this kind. */
export function writeFormat<K extends ResultKind>(format: OutputFormat, kind: K, result: ResultKinds[K], opts: WriteOptions = {}): OutputData {
  const writer = (FORMATS[format] as FormatEntry | undefined)?.writers[kind] as Writer<ResultKinds[K]> | undefined;
  if (!writer) return fail('unknownOption', { option: 'format', value: format, allowed: formatsFor(kind) });
  return writer(result, opts);
}

/** summarize: the summary lines of a result (see SUMMARIES). */
export function summarize<K extends ResultKind>(kind: K, result: ResultKinds[K]): string[] {
  return SUMMARIES[kind](result);
}
