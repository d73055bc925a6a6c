import type { ColumnTable } from 'arquero';
import type { CrrResult } from './crr-table.js';
import type { MatrixResult } from './matrix-result.js';
import type { ReasonsResult } from './reasons-table.js';
import type { ValueResult } from './value-table.js';
import type { SurvivalResult } from './survival-result.js';

/** A result table of another analysis (compare, reasons, value, feedback...) for a report. */
export interface ReportTable {
  heading: string;
  table: ColumnTable;
  /** A sentence under the heading (what the numbers are). */
  note?: string;
}

/** What `kohort report` puts in one page: plain result values. */
export interface ReportParts {
  /** The matrix in each mode computed (the first is shown first). */
  matrices: MatrixResult[];
  /** The same matrix with cohorts crossed with the --by columns (the comparison). */
  byMatrix?: { result: MatrixResult; by: string[] };
  crr?: CrrResult;
  survival?: SurvivalResult;
  /** Churned customers' reasons by segment (--reason). */
  reasons?: ReasonsResult;
  /** Value of churned vs retained customers by segment (--value, or the --amount summed). */
  value?: ValueResult;
  /** Further result tables (comparisons, reasons, value...). */
  tables?: ReportTable[];
  /** Parts left out and why ("Customer retention rate: ... needs churn"). */
  notes?: string[];
  /** The catalogued errors behind notes, so a front end can word them again (the CLI names its flags). */
  noteErrors?: NoteError[];
}

/** The error behind `notes[note]`: the part it left out and the catalogued message (plain data). */
export interface NoteError {
  note: number;
  part: string;
  code: string;
  params: unknown;
  where: { file?: string; row?: number; column?: string };
}
