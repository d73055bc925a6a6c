import type { Engine, PartOptions } from '../engine/engine.js';
import { memoryEngine } from '../engine/memory/memory-engine.js';
import { KohortError } from '../errors.js';
import type { InputSchema, InputTables } from '../load/input-tables.js';
import type { LoadInputOptions } from '../load/load-inputs.js';
import { crrPlan, type CrrPlan } from '../plan/crr-plan.js';
import { reasonsPlan, valuePlan, type ReasonsPlan, type ValuePlan } from '../plan/outcome-plan.js';
import { plan as matrixPlan, type MatrixPlan } from '../plan/matrix-plan.js';
import { unionProjections, type Projection } from '../plan/projection.js';
import { survivalPlan, type SurvivalPlan } from '../plan/survival-plan.js';
import type { NoteError, ReportParts } from '../result/report-parts.js';
import { normalizeCrr } from '../spec/crr-spec.js';
import { normalizeReasons, normalizeValue } from '../spec/outcome-spec.js';
import { normalize } from '../spec/normalize.js';
import { normalizeSurvival } from '../spec/survival-spec.js';
import { readingOptions } from '../spec/reject-options.js';
import { SharedRejects } from '../report/rejects.js';
import type { ReportSpec } from '../spec/report-spec.js';
import type { Mode } from '../spec/types.js';
import { prepare, type Analysis } from './analysis.js';

/*
 * The report: one load, the parts computed from it.
 *
 *   spec ──plan (each part; a part that cannot be planned becomes a note)──▶ ReportPlan
 *        ──loadInputs (the union of the parts' columns)──▶ tables
 *        ──engine.matrix per mode, .matrix by group, .crr, .survival──▶ ReportParts
 *        ──export registry (html)──▶ one self-contained page
 */

export type { ReportSpec };

/** Default modes of a report. */
export const REPORT_MODES: readonly Mode[] = ['classic', 'unbounded'];

/** The plans of a report's parts and the notes on parts left out. */
export interface ReportPlan {
  read: Projection;
  /** The spec and the input's columns, to plan the churn parts again at the matrix's as-of. */
  spec: ReportSpec;
  schema: InputSchema;
  matrices: MatrixPlan[];
  byMatrix?: { plan: MatrixPlan; by: string[] };
  crr?: CrrPlan;
  survival?: SurvivalPlan;
  reasons?: ReasonsPlan;
  value?: ValuePlan;
  notes: string[];
  /** The errors behind notes (see ReportParts.noteErrors). */
  noteErrors: NoteError[];
}

/** Note a part left out by a catalogued error: its text, and the error for another wording. */
function noteError(notes: string[], noteErrors: NoteError[], part: string, e: KohortError): void {
  noteErrors.push({ note: notes.length, part, code: e.code, params: e.params, where: { file: e.file, row: e.row, column: e.column } });
  notes.push(`${part}: ${e.message}`);
}

function churnSpec(spec: ReportSpec, asOf: string | undefined) {
  return {
    input: spec.input,
    columns: { id: spec.columns?.id, time: spec.columns?.time, signup: spec.columns?.signup, churn: spec.columns?.churn },
    inactiveAfter: spec.inactiveAfter,
    tz: spec.tz,
    asOf,
    where: spec.where,
    // How values are read holds for every part; the rejects file is the report's (reportAnalysis.run).
    ...readingOptions(spec),
  };
}

/** The churn parts' plans (CRR, survival by group) at an as-of; a part that cannot be planned is a note. */
function churnPlans(spec: ReportSpec, schema: InputSchema, asOf: string | undefined, notes: string[], noteErrors: NoteError[]): Pick<ReportPlan, 'crr' | 'survival' | 'reasons' | 'value'> {
  const attempt = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof KohortError)) throw e;
      noteError(notes, noteErrors, what, e);
      return undefined;
    }
  };
  const period = spec.period ?? 'month';
  const base = churnSpec(spec, asOf);
  const crr = attempt('Customer retention rate', () => crrPlan(normalizeCrr({ ...base, period, weekStart: spec.weekStart }, schema), schema));
  const by = spec.by ?? [];
  const unit = period === 'day' ? 'days' : period === 'week' ? 'weeks' : 'months';
  const survival = by.length
    ? attempt(`Survival by ${by.join(', ')}`, () => survivalPlan(normalizeSurvival({ ...base, by, unit }, schema), schema))
    : undefined;
  const reasons =
    spec.reason !== undefined ? attempt('Churn reasons', () => reasonsPlan(normalizeReasons({ ...base, by, reason: spec.reason! }, schema), schema)) : undefined;
  const amount = spec.columns?.amount;
  const value =
    spec.value !== undefined || amount !== undefined
      ? attempt('Value of churned and retained customers', () =>
          valuePlan(normalizeValue({ ...base, by, ...(spec.value !== undefined ? { value: spec.value } : { amount }) }, schema), schema),
        )
      : undefined;
  return { crr, survival, reasons, value };
}


/**
 * planReport: the matrix in each mode (a bad matrix spec fails, as `matrix` does), the
 * matrix by group with `by`, CRR per period (when churn can be told: a churn column or
 * inactiveAfter), Kaplan-Meier by group with `by`; the union of their columns is read.
 */
export function planReport(spec: ReportSpec, schema: InputSchema): ReportPlan {
  const modes = spec.modes?.length ? spec.modes : [...REPORT_MODES];
  // inactiveAfter is for the churn parts: a matrix mode that does not use it must not get it.
  // The rejects file is the report's, written once from every part's list (reportAnalysis.run).
  const forMode = (mode: (typeof modes)[number]) => ({ ...spec, mode, inactiveAfter: mode === 'survival' ? spec.inactiveAfter : undefined, rejects: undefined });
  const matrices = modes.map((mode) => matrixPlan(normalize(forMode(mode), schema)));
  const notes: string[] = [];
  const noteErrors: NoteError[] = [];
  const by = spec.by ?? [];
  let byMatrix: ReportPlan['byMatrix'];
  if (by.length) {
    const time = matrices[0].spec.cohort.time;
    try {
      byMatrix = { plan: matrixPlan(normalize({ ...forMode(modes[0]), cohort: [...(time ? [time] : []), ...by] }, schema)), by };
    } catch (e) {
      if (!(e instanceof KohortError)) throw e;
      noteError(notes, noteErrors, `Retention by ${by.join(', ')}`, e);
    }
  }
  // The CRR period is the matrix's: weekly cohorts count weeks unless a period is given.
  const periodic = { ...spec, period: spec.period ?? matrices[0].spec.period };
  const churn = churnPlans(periodic, schema, spec.asOf, notes, noteErrors);
  const read = unionProjections([...matrices.map((m) => m.read), byMatrix?.plan.read, churn.crr?.read, churn.survival?.read, churn.reasons?.read, churn.value?.read]);
  return { read, spec: periodic, schema, matrices, byMatrix, ...churn, notes, noteErrors };
}

/** The report as an Analysis (api/analysis.ts): result kind "report", written as html. */
export const reportAnalysis: Analysis<ReportSpec, ReportPlan, ReportParts, 'report'> = {
  kind: 'report',
  plan: planReport,
  run: async (engine, p, tables: InputTables) => {
    // Every part lists its rejects into the one file, written once: a file per part would
    // keep the last part's list, and repeat on standard output or a FIFO.
    const sharedRejects = p.spec.rejects !== undefined ? new SharedRejects(p.spec.rejects) : undefined;
    try {
      return await reportParts(engine, p, tables, { sharedRejects });
    } finally {
      // Also when a part fails, as a matrix command writes its file before it fails.
      sharedRejects?.write();
    }
  },
};

/** The parts of the report, computed on `engine`. */
async function reportParts(engine: Engine, p: ReportPlan, tables: InputTables, part: PartOptions): Promise<ReportParts> {
  const matrices = [];
  for (const m of p.matrices) matrices.push(await engine.matrix(m, tables, part));
  const byMatrix = p.byMatrix && { result: await engine.matrix(p.byMatrix.plan, tables, part), by: p.byMatrix.by };
  // Without an as-of, the churn parts take the matrix's (the end of the last active
  // day), so every part of the page is as of the same instant.
  let { crr, survival, reasons, value } = p;
  const notes = [...p.notes];
  if (p.matrices[0].spec.asOf === undefined && (crr || survival || reasons || value)) {
    ({ crr, survival, reasons, value } = churnPlans(p.spec, p.schema, new Date(matrices[0].asOf).toISOString(), [], []));
  }
  // A part the engine cannot compute yet is a note naming it, never the memory engine
  // over tables a SQL engine did not load.
  const optional = <P, R>(name: string, plan: P | undefined, method: ((plan: P, t: InputTables, part: PartOptions) => R | Promise<R>) | undefined, memory: (plan: P, t: InputTables, part: PartOptions) => R) => {
    if (plan === undefined) return undefined;
    const run = method ?? (engine.name === memoryEngine.name ? memory : undefined);
    if (run) return run(plan, tables, part);
    notes.push(`${name}: not computed on the ${engine.name} engine yet (--engine memory computes it)`);
    return undefined;
  };
  return {
    matrices,
    byMatrix,
    crr: crr && (await engine.crr(crr, tables, part)),
    survival: survival && (await engine.survival(survival, tables, part)),
    reasons: await optional('Churn reasons', reasons, engine.reasons?.bind(engine), memoryEngine.reasons),
    value: await optional('Value of churned and retained customers', value, engine.value?.bind(engine), memoryEngine.value),
    notes,
    noteErrors: p.noteErrors,
  };
}

/**
 * retentionReport: load the files a spec names once and compute the parts of the report
 * page (see planReport); write it with toHTMLReport or the export registry's "html".
 *
 * @example
 * const parts = await retentionReport({ input: { activity: 'events.csv', customers: 'customers.csv' }, by: ['channel'] });
 * writeFileSync('report.html', toHTMLReport(parts));
 */
export async function retentionReport(spec: ReportSpec, opts: LoadInputOptions = {}): Promise<ReportParts> {
  const { plan, tables } = await prepare(reportAnalysis, spec, opts);
  return reportAnalysis.run(memoryEngine, plan, tables);
}
