import type { MatrixSpec, Mode } from './types.js';

/** What `kohort report` computes: a matrix spec, the modes to switch between, and --by. */
export interface ReportSpec extends Omit<MatrixSpec, 'mode'> {
  /** The matrix modes computed (the first is shown first). Default ["classic", "unbounded"]. */
  modes?: Mode[];
  /** Columns to compare groups by: retention curves per group and Kaplan-Meier with the log-rank test. */
  by?: string[];
  /** Churn reason column(s) of the customers table: churned customers by reason, per `by` segment. */
  reason?: string | string[];
  /** A value column of the customers table: value of churned vs retained customers, per `by` segment (else the amount summed, when an amount is given). */
  value?: string;
}
