import { executeCrr } from './engine/memory/churn/execute-crr.js';
import { executeMatrix } from './engine/memory/matrix/execute-matrix.js';
import { executeSurvival } from './engine/memory/churn/execute-survival.js';
import { inputSchema } from './engine/memory/prepare/input-tables.js';
import { KohortError } from './errors.js';
import type { ReportParts } from './export/html/to-html.js';
import { loadInputs, type LoadInputOptions } from './matrix.js';
import { plan } from './plan/plan.js';
import { normalize } from './spec/normalize.js';
import { normalizeCrr, normalizeSurvival } from './spec/survival-spec.js';
import type { MatrixSpec, Mode } from './spec/types.js';

/** What `kohort report` computes: a matrix spec, the modes to switch between, and --by. */
export interface ReportSpec extends Omit<MatrixSpec, 'mode'> {
  /** The matrix modes computed (the first is shown first). Default ["classic", "unbounded"]. */
  modes?: Mode[];
  /** Columns to compare groups by: curves per group and Kaplan-Meier with the log-rank test. */
  by?: string[];
  /** Churn inferred from inactivity for CRR and survival, e.g. "90d" (else the churn column). */
  inactiveAfter?: string;
}

/** Default modes of a report. */
export const REPORT_MODES: readonly Mode[] = ['classic', 'unbounded'];

/**
 * retentionReport: load the files once and compute the parts of the report page: the
 * matrix in each mode, CRR per period (when churn can be told: a churn column or
 * inactiveAfter), and with `by` the matrix per group and Kaplan-Meier curves with the
 * log-rank test. A part that cannot be computed from these inputs is left out with a
 * note saying why; a bad matrix spec fails as `matrix` does.
 */
export async function retentionReport(spec: ReportSpec, opts: LoadInputOptions = {}): Promise<ReportParts> {
  const modes = spec.modes?.length ? spec.modes : [...REPORT_MODES];
  const tables = await loadInputs(spec.input, {}, opts);
  const schema = inputSchema(tables);
  const matrices = modes.map((mode) => executeMatrix(plan(normalize({ ...spec, mode }, schema)), tables));
  const first = matrices[0];
  const notes: string[] = [];
  const asOf = new Date(first.asOf).toISOString();
  const churnSpec = {
    input: spec.input,
    columns: { id: spec.columns?.id, time: spec.columns?.time, signup: spec.columns?.signup, churn: spec.columns?.churn },
    inactiveAfter: spec.inactiveAfter,
    tz: spec.tz,
    asOf,
    where: spec.where,
    dateFormat: spec.dateFormat,
    strict: spec.strict,
  };
  const attempt = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof KohortError)) throw e;
      notes.push(`${what}: ${e.message}`);
      return undefined;
    }
  };
  const period = first.spec.period;
  const crr = attempt('Customer retention rate', () =>
    executeCrr(normalizeCrr({ ...churnSpec, period, weekStart: spec.weekStart }, schema), tables),
  );
  const parts: ReportParts = { matrices, crr, notes };
  const by = spec.by ?? [];
  if (by.length) {
    const time = first.spec.cohort.time;
    parts.byMatrix = attempt(`Retention by ${by.join(', ')}`, () => ({
      result: executeMatrix(plan(normalize({ ...spec, mode: modes[0], cohort: [...(time ? [time] : []), ...by] }, schema)), tables),
      by,
    }));
    const unit = period === 'day' ? 'days' : period === 'week' ? 'weeks' : 'months';
    parts.survival = attempt(`Survival by ${by.join(', ')}`, () => executeSurvival(normalizeSurvival({ ...churnSpec, by, unit }, schema), tables));
  }
  return parts;
}
