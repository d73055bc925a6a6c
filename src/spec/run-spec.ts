/**
 * Spec files: a whole run as data. `kohort run spec.json` reads one; `kohort schema`
 * prints its JSON Schema, generated from these types (scripts/spec-schema.mjs), so the
 * types below are the documentation of every key. Nothing in a spec is evaluated as code.
 */
import type { CompareSpec } from './compare-spec.js';
import type { CrrSpec } from './crr-spec.js';
import type { EngineSpec } from './engine-spec.js';
import type { FeedbackSpec } from './feedback-spec.js';
import type { ReasonsSpec, ValueSpec } from './outcome-spec.js';
import type { ReportSpec } from './report-spec.js';
import type { SurvivalSpec } from './survival-spec.js';
import type { ColumnRoles, InputSpec, MatrixSpec } from './types.js';

/**
 * An output file format:
 * csv (RFC 4180, a header), tsv (the same, tab-separated), parquet (typed,
 * dictionary-encoded keys, metadata), arrow (Arrow IPC file), arrow-stream (Arrow IPC
 * stream), json (one document of the analysis), table (the terminal view, as text),
 * html (a self-contained page: heatmap, curves; export/html/).
 */
export type OutputFormatName = 'csv' | 'tsv' | 'parquet' | 'arrow' | 'arrow-stream' | 'json' | 'table' | 'html';

/** One output of an analysis. */
export interface OutputSpecBase {
  /** The file format. */
  format: OutputFormatName;
  /**
   * Where to write (atomically; paths as on the command line, from the directory kohort
   * runs in). Omitted: standard output (at most one output of a run may omit it).
   */
  file?: string;
  /**
   * CSV and TSV: a text that starts with =, +, - or @ (a label, a key) gets a leading '
   * so that a spreadsheet shows it instead of running it as a formula (default true).
   * false writes every text exactly as read, for a database or BI tool that loads the file.
   */
  formulaGuard?: boolean;
}

/** An output of a matrix analysis. */
export interface MatrixOutputSpec extends OutputSpecBase {
  /** Which table (docs/schema.md): "tidy" (one row per cell), "wide" (one row per cohort), "average". Default: wide for csv, tidy otherwise. */
  table?: 'tidy' | 'wide' | 'average';
}

/** An output of a survival analysis. */
export interface SurvivalOutputSpec extends OutputSpecBase {
  /** Which table (docs/schema.md): "curve" (every curve row, the default), "at" (S at the `at` times), "summary" (median per group). With json, "at" leaves the curve out. */
  table?: 'curve' | 'at' | 'summary';
}

/** An output of a CRR analysis. */
export interface CrrOutputSpec extends OutputSpecBase {
  /** Which table: "crr" (the only one). */
  table?: 'crr';
}

/** The keys of every analysis of a spec file besides its library spec, `kind` and outputs. */
export interface AnalysisBase {
  /** A name for messages. */
  name?: string;
  /** The input files; default: the spec's top-level `input`. */
  input?: InputSpec;
}

/** A retention matrix analysis: the MatrixSpec keys, `kind`, and its outputs. */
export interface MatrixAnalysis extends Omit<MatrixSpec, 'input'>, AnalysisBase {
  kind: 'matrix';
  /** Where the results go (one or more files, formats and tables). */
  outputs: MatrixOutputSpec[];
}

/** A Kaplan-Meier survival analysis: the SurvivalSpec keys, `kind`, and its outputs. */
export interface SurvivalAnalysis extends Omit<SurvivalSpec, 'input'>, AnalysisBase {
  kind: 'survival';
  /** Where the results go. */
  outputs: SurvivalOutputSpec[];
}

/** A customer retention rate analysis: the CrrSpec keys, `kind`, and its outputs. */
export interface CrrAnalysis extends Omit<CrrSpec, 'input'>, AnalysisBase {
  kind: 'crr';
  /** Where the results go. */
  outputs: CrrOutputSpec[];
}

/** An output of a reasons analysis. */
export interface ReasonsOutputSpec extends OutputSpecBase {
  /** Which table (docs/schema.md): "reasons" (per segment and reason), "wide" (a reason per row, segments side by side). Default: wide for csv, reasons otherwise. */
  table?: 'reasons' | 'wide';
}

/** An output of a value analysis. */
export interface ValueOutputSpec extends OutputSpecBase {
  /** Which table (docs/schema.md): "value" (per segment and status), "wide" (a segment per row). Default: wide for csv, value otherwise. */
  table?: 'value' | 'wide';
}

/** An output of a feedback analysis. */
export interface FeedbackOutputSpec extends OutputSpecBase {
  /** Which table: "feedback" (the only one). */
  table?: 'feedback';
}

/** An output of a compare analysis. */
export interface CompareOutputSpec extends OutputSpecBase {
  /** Which table (docs/schema.md): "compare" (one row per group and offset). Default: with csv and tsv one row per offset (a value column per group, then diff/lower/upper/p_adjusted per group), "compare" otherwise. */
  table?: 'compare';
}

/** Groups of customers compared (referral vs organic): the CompareSpec keys, `kind`, and its outputs. */
export interface CompareAnalysis extends Omit<CompareSpec, 'input'>, AnalysisBase {
  kind: 'compare';
  /** Where the results go. */
  outputs: CompareOutputSpec[];
}

/** The output of a report analysis: one self-contained HTML page. */
export interface ReportOutputSpec extends OutputSpecBase {
  /** A report is written as html only. */
  format: 'html';
  /** The page title. Default "Customer retention report". */
  title?: string;
}

/** One HTML report (heatmap, curves, CRR, the comparison): the ReportSpec keys, `kind`, and its output. */
export interface ReportAnalysis extends Omit<ReportSpec, 'input'>, AnalysisBase {
  kind: 'report';
  /** Where the page goes. */
  outputs: ReportOutputSpec[];
}

/** Churned customers' reasons: the ReasonsSpec keys, `kind`, and its outputs. */
export interface ReasonsAnalysis extends Omit<ReasonsSpec, 'input'>, AnalysisBase {
  kind: 'reasons';
  /** Where the results go. */
  outputs: ReasonsOutputSpec[];
}

/** Lifetime value of churned vs retained customers: the ValueSpec keys, `kind`, and its outputs. */
export interface ValueAnalysis extends Omit<ValueSpec, 'input'>, AnalysisBase {
  kind: 'value';
  /** Where the results go. */
  outputs: ValueOutputSpec[];
}

/** NPS, CSAT and CES by segment: the FeedbackSpec keys, `kind`, and its outputs. */
export interface FeedbackAnalysis extends Omit<FeedbackSpec, 'input'>, AnalysisBase {
  kind: 'feedback';
  /** Where the results go. */
  outputs: FeedbackOutputSpec[];
}

/** One analysis of a run. */
export type SpecAnalysis = MatrixAnalysis | SurvivalAnalysis | CrrAnalysis | CompareAnalysis | ReportAnalysis | ReasonsAnalysis | ValueAnalysis | FeedbackAnalysis;

/** The kinds of analysis, by their `kind`. */
export type AnalysisKind = SpecAnalysis['kind'];

/** Every {@link AnalysisKind}, in the order the docs list them. */
export const ANALYSIS_KINDS: readonly AnalysisKind[] = ['matrix', 'survival', 'crr', 'compare', 'report', 'reasons', 'value', 'feedback'];

/**
 * A kohort spec file: inputs with their column roles, and one or more analyses, each with
 * its outputs. Top-level `input`, `columns`, `tz`, `asOf` and `dateFormat` are defaults
 * for every analysis that has such keys (an analysis's own keys win; `columns` are merged).
 */
export interface RunSpec {
  /** The JSON Schema of this file (`kohort schema > kohort.schema.json`), for editors. */
  $schema?: string;
  /** Spec format version. Default 1. */
  version?: 1;
  /** The input files of every analysis that names none (not needed with a server engine, which reads its tables). */
  input?: InputSpec;
  /**
   * Where every analysis runs. Default { "name": "memory" }: kohort itself, over the input
   * files. "duckdb" reads the same files out of core; "postgres" and "clickhouse" read
   * `table` / `customersTable` on the server at `url`. The results are the same.
   */
  engine?: EngineSpec;
  /** Column roles shared by the analyses. */
  columns?: ColumnRoles;
  /** IANA time zone shared by the analyses. Default "UTC". */
  tz?: string;
  /** As-of shared by the analyses (a date = the start of that day). */
  asOf?: string;
  /** Date format of string times shared by the analyses; sniffed when omitted. */
  dateFormat?: string;
  /** The analyses, run in order. */
  analyses: SpecAnalysis[];
}
