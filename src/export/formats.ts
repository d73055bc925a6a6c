/**
 * The output-format registry: each format names its writer for each result kind it can
 * write. A new format is one new entry of FORMATS; a new result kind is one line in
 * ResultKinds and SUMMARIES plus its writer in the formats that can write it. The CLI
 * offers `--format` choices from here (formatsFor) and writes through writeFormat.
 *
 * Tabular formats (csv, tidy-csv, parquet, arrow, arrow-stream) write the typed tables of
 * the output schema (src/result/typed/output-schema.ts, docs/schema.md): a result kind with
 * typed tables gets all of them from its typedOutputTable case.
 */
import { fail } from '../errors.js';
import { formatReport } from '../report/load-report.js';
import { averageTable } from '../result/average-table.js';
import { compareJSON, type CompareResult } from '../result/compare-result.js';
import { compareWideTable } from '../result/compare-table.js';
import { crrJSON } from '../result/crr-table.js';
import { survivalCurveCSV } from './csv/survival-curve-csv.js';
import { survivalJSON } from '../result/survival-json.js';
import type { SurvivalResult } from '../result/survival-result.js';
import { feedbackJSON, feedbackTable } from '../result/feedback-table.js';
import { reasonsJSON, reasonsTable } from '../result/reasons-table.js';
import { tidyTable } from '../result/tidy-table.js';
import type { ReportParts } from '../result/report-parts.js';
import { segmentTables as segmented, toHTMLCompare, toHTMLCrr, toHTMLMatrix, toHTMLReport, toHTMLSurvival, toHTMLTables } from './html/to-html.js';
import { valueJSON, valueNotes, valueTable } from '../result/value-table.js';
import { typedOutputTable, type TypedResults } from '../result/typed/typed-output.js';
import type { OutputMetadata } from './output-metadata.js';
import { resultWarnings } from '../result/result-warnings.js';
import { columnRolesLine, lifetimeColumnsLine, type LifetimeColumns } from '../report/column-roles.js';
import { formatCompare } from './terminal/format-compare.js';
import { formatCrr } from './terminal/format-crr.js';
import { formatFeedback, formatFeedbackReport } from './terminal/format-feedback.js';
import { formatReasons } from './terminal/format-reasons.js';
import { formatValue } from './terminal/format-value.js';
import { formatMatrix } from './terminal/format-matrix.js';
import { formatLifetimeReport, formatSurvival } from './terminal/format-survival.js';
import { toArrowIPC } from './to-arrow-ipc.js';
import { toCSV } from './csv/to-csv.js';
import { jsonChunks } from './to-json.js';
import type { OutputData } from './write-atomic.js';
import { toParquet } from './to-parquet.js';
import { textNumber } from './csv/to-csv.js';
import { typedCSVChunks } from './csv/typed-to-csv.js';

/** The result of each kind of analysis, by kind. */
export interface ResultKinds extends TypedResults {
  /** The parts of `kohort report`: matrices, CRR, the comparison (written as html). */
  report: ReportParts;
}

/** A kind of result: "matrix", "survival", "crr". */
export type ResultKind = keyof ResultKinds;

/** Options a writer may honour. */
export interface WriteOptions {
  /** Survival: write every curve row (default), or only S at the chosen times (= table "at"). */
  curve?: boolean;
  /** Survival (the CLI's --at): tables get S at the chosen times ("at"); JSON keeps its curve. */
  atTable?: boolean;
  /** Terminal tables: colour cells (a colour terminal, no NO_COLOR). */
  colour?: boolean;
  /** Terminal tables: the width to fit (wider matrices drop offsets with a note). */
  width?: number;
  /** HTML: the page title. */
  title?: string;
  /** Which typed table (docs/schema.md): matrix tidy|wide|average, survival curve|at|summary, crr. */
  table?: string;
  /** What Arrow and Parquet carry beside the rows: the spec, the as-of, the input hashes. */
  meta?: OutputMetadata;
  /** CSV and TSV: a leading ' before texts a spreadsheet would run (=, +, -, @); default true. */
  formulaGuard?: boolean;
}

/** Turns a result into the bytes or text of one format. */
export type Writer<R> = (result: R, opts: WriteOptions) => OutputData | Promise<OutputData>;

/** A format: whether its output is binary, and its writer for each result kind it supports. */
export interface FormatEntry {
  /** Binary output is never written to a terminal. */
  binary: boolean;
  writers: { [K in ResultKind]?: Writer<ResultKinds[K]> };
}

const json = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

/** The table a writer writes: the one asked for, else the kind's default for the format. */
function tableOf(kind: ResultKind, o: WriteOptions, fallback?: string): string | undefined {
  if (o.table) return o.table;
  if (kind === 'survival' && o.curve === false) return 'at';
  return fallback;
}

/** Writers of one typed format for every result kind with typed tables. */
function typed(
  write: (kind: keyof TypedResults, r: TypedResults[keyof TypedResults], o: WriteOptions) => OutputData | Promise<OutputData>,
): FormatEntry['writers'] {
  return {
    matrix: (r, o) => write('matrix', r, o),
    survival: (r, o) => write('survival', r, o),
    crr: (r, o) => write('crr', r, o),
    compare: (r, o) => write('compare', r, o),
    reasons: (r, o) => write('reasons', r, o),
    value: (r, o) => write('value', r, o),
    feedback: (r, o) => write('feedback', r, o),
  };
}

const noMeta: OutputMetadata = { spec: null };


/** The formats, in the order `--help` lists them. */
export const FORMATS = {
  table: {
    binary: false,
    writers: {
      matrix: formatMatrix, survival: formatSurvival, crr: formatCrr, compare: formatCompare,
      reasons: formatReasons, value: formatValue, feedback: formatFeedback,
    },
  },
  csv: {
    binary: false,
    writers: typed((kind, r, o) => {
      // The wide tables are the CSV of a matrix, reasons and value; tidy-csv writes the long ones.
      const table = tableOf(kind, o, kind === 'matrix' || kind === 'reasons' || kind === 'value' ? 'wide' : undefined);
      // A million-row curve is written straight from the curves.
      const text = { formulaGuard: o.formulaGuard };
      if (kind === 'survival' && (table ?? 'curve') === 'curve') return survivalCurveCSV(r as SurvivalResult, { number: textNumber, ...text });
      // A comparison reads best one row per offset, a column per group.
      if (kind === 'compare' && table === undefined) return toCSV(compareWideTable(r as CompareResult), text);
      return typedCSVChunks(typedOutputTable(kind, r, table), text);
    }),
  },
  tsv: {
    binary: false,
    writers: typed((kind, r, o) => {
      // The tables of csv, tab-separated.
      const table = tableOf(kind, o, kind === 'matrix' || kind === 'reasons' || kind === 'value' ? 'wide' : undefined);
      const text = { delimiter: '\t', formulaGuard: o.formulaGuard };
      if (kind === 'survival' && (table ?? 'curve') === 'curve') return survivalCurveCSV(r as SurvivalResult, { number: textNumber, ...text });
      if (kind === 'compare' && table === undefined) return toCSV(compareWideTable(r as CompareResult), text);
      return typedCSVChunks(typedOutputTable(kind, r, table), text);
    }),
  },
  'tidy-csv': {
    binary: false,
    writers: {
      matrix: (r, o) => typedCSVChunks(typedOutputTable('matrix', r, 'tidy'), o),
      compare: (r, o) => typedCSVChunks(typedOutputTable('compare', r), o),
      reasons: (r, o) => typedCSVChunks(typedOutputTable('reasons', r, 'reasons'), o),
      value: (r, o) => typedCSVChunks(typedOutputTable('value', r, 'value'), o),
      feedback: (r, o) => typedCSVChunks(typedOutputTable('feedback', r, 'feedback'), o),
    },
  },
  json: {
    binary: false,
    writers: {
      matrix: (r) => jsonChunks({ spec: r.spec, asOf: r.asOf, rows: tidyTable(r), average: averageTable(r), report: r.report }),
      survival: (r, o) => json(survivalJSON(r, { curve: tableOf('survival', o, 'curve') === 'curve' })),
      crr: (r) => json(crrJSON(r)),
      compare: (r) => json(compareJSON(r)),
      reasons: (r) => json(reasonsJSON(r)),
      value: (r) => json(valueJSON(r)),
      feedback: (r) => json(feedbackJSON(r)),
    },
  },
  parquet: {
    binary: true,
    writers: typed((kind, r, o) => toParquet(typedOutputTable(kind, r, tableOf(kind, o)), o.meta ?? noMeta)),
  },
  arrow: {
    binary: true,
    writers: typed((kind, r, o) => toArrowIPC(typedOutputTable(kind, r, tableOf(kind, o)), o.meta ?? noMeta, 'file')),
  },
  'arrow-stream': {
    binary: true,
    writers: typed((kind, r, o) => toArrowIPC(typedOutputTable(kind, r, tableOf(kind, o)), o.meta ?? noMeta, 'stream')),
  },
  // Self-contained pages (export/html/): inline CSS, SVG and script, nothing fetched.
  html: {
    binary: false,
    writers: {
      matrix: (r, o) => toHTMLMatrix(r, { title: o.title }),
      survival: (r, o) => toHTMLSurvival(r, { title: o.title }),
      crr: (r, o) => toHTMLCrr(r, { title: o.title }),
      report: (r, o) => toHTMLReport(r, { title: o.title }),
      compare: (r, o) => toHTMLCompare(r, { title: o.title }),
      // The comparison results as accessible tables until they have charts of their own.
      reasons: (r, o) => toHTMLTables(o.title ?? 'Churn reasons', segmented('Churn reasons', reasonsTable(r), reasonsTable(r, { overall: true }))),
      value: (r, o) => toHTMLTables(o.title ?? 'Value of churned and retained customers', segmented('Value of churned and retained customers', valueTable(r), valueTable(r, { overall: true }))),
      feedback: (r, o) => toHTMLTables(o.title ?? 'Customer feedback', segmented('Customer feedback scores', feedbackTable(r), feedbackTable(r, { overall: true }))),
    },
  },
} as const satisfies Record<string, FormatEntry>;

/** The name of an output format. */
export type OutputFormat = keyof typeof FORMATS;

/** The short human summary of a run (rows read, left out, ...), per result kind: lines for stderr. */
export const SUMMARIES: { [K in ResultKind]: (result: ResultKinds[K]) => string[] } = {
  matrix: (r) => matrixReportLines(r),
  survival: (r) => withColumns(formatLifetimeReport(r.report), r.report.files.length, lifetimeColumnsLine(r.spec)),
  crr: (r) => withColumns(formatLifetimeReport(r.report), r.report.files.length, lifetimeColumnsLine(r.spec)),
  compare: (r) => [
    ...(r.report ? withColumns(formatReport(r.report), r.report.files.length, compareColumnsLine(r.spec)) : []),
    // Durations given directly have no matrix run: the survival part's report is the load report.
    ...(!r.report && r.survival ? withColumns(formatLifetimeReport(r.survival.report), r.survival.report.files.length, lifetimeColumnsLine(r.survival.spec)) : []),
  ],
  report: (r) => [...matrixReportLines(r.matrices[0]), ...(r.notes ?? []).map((n) => `note: left out of the report: ${n}`)],
  reasons: (r) => withColumns(formatLifetimeReport(r.report, 'retained'), r.report.files.length, lifetimeColumnsLine(r.spec)),
  value: (r) => [...withColumns(formatLifetimeReport(r.report, 'retained'), r.report.files.length, lifetimeColumnsLine(r.spec)), ...valueNotes(r)],
  feedback: (r) => formatFeedbackReport(r.report),
};

/** A matrix's load report with, after the files read, the column of each role it used. */
function matrixReportLines(r: ResultKinds['matrix']): string[] {
  const lines = formatReport(r.report);
  // An amount is read only by the revenue modes: name it only there.
  const { activity } = r.spec;
  const uses = ['revenue', 'gross-revenue', 'ltv'].includes(r.spec.mode);
  lines.splice(r.report.files.length, 0, columnRolesLine({ ...r.spec, activity: activity && { ...activity, amount: uses ? activity.amount : undefined } }));
  return lines;
}

/** A load report's lines with the columns line after the files read (none when `line` is undefined). */
function withColumns(lines: string[], files: number, line: string | undefined): string[] {
  if (line !== undefined) lines.splice(files, 0, line);
  return lines;
}

/** A comparison's columns line: its curves' columns (dated data), else its survival part's (durations given directly). */
function compareColumnsLine(spec: ResultKinds['compare']['spec']): string | undefined {
  if (spec?.curves) {
    const curves = spec.curves as Parameters<typeof columnRolesLine>[0];
    return columnRolesLine({ ...curves, activity: curves.activity && { ...curves.activity, amount: undefined } });
  }
  return spec?.survival ? lifetimeColumnsLine(spec.survival as LifetimeColumns) : undefined;
}

/** The formats that can write a result kind, in registry order. */
export function formatsFor(kind: ResultKind): OutputFormat[] {
  return (Object.keys(FORMATS) as OutputFormat[]).filter((f) => (FORMATS[f] as FormatEntry).writers[kind] !== undefined);
}

/** Whether a format's output is binary. */
export function isBinary(format: OutputFormat): boolean {
  return FORMATS[format].binary;
}

/**
 * writeFormat: a result as the text or bytes of `format` (a promise: Arrow and Parquet
 * load their libraries on first use); throws when the format cannot write this kind.
 */
export async function writeFormat<K extends ResultKind>(
  format: OutputFormat,
  kind: K,
  result: ResultKinds[K],
  opts: WriteOptions = {},
): Promise<OutputData> {
  const writer = (FORMATS[format] as FormatEntry | undefined)?.writers[kind] as Writer<ResultKinds[K]> | undefined;
  if (!writer) return fail('unknownOption', { option: 'format', value: format, allowed: formatsFor(kind) });
  return writer(result, opts);
}

/** The warnings to print with a result (even with --quiet), each once. */
export { resultWarnings };

/** summarize: the summary lines of a result (see SUMMARIES). */
export function summarize<K extends ResultKind>(kind: K, result: ResultKinds[K]): string[] {
  return SUMMARIES[kind](result);
}
