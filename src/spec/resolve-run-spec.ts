import { fail } from '../errors.js';
import type { CrrSpec } from './crr-spec.js';
import type { SurvivalSpec } from './survival-spec.js';
import type { SpecAnalysis, AnalysisKind, OutputSpecBase, RunSpec } from './run-spec.js';
import type { MatrixSpec } from './types.js';

/** An analysis to compute: its kind and library spec. */
export type AnalysisRequest =
  | { kind: 'matrix'; spec: MatrixSpec }
  | { kind: 'survival'; spec: SurvivalSpec }
  | { kind: 'crr'; spec: CrrSpec };

/** An analysis with the spec's top-level defaults applied: the library spec it runs, and its outputs. */
export type ResolvedAnalysis = AnalysisRequest & { name?: string; outputs: (OutputSpecBase & { table?: string })[] };

const SHARED = ['tz', 'asOf', 'dateFormat'] as const;

/**
 * resolveAnalyses: each analysis of a (validated) spec file with the top-level input,
 * columns, tz, asOf and dateFormat filled in where the analysis has none (columns are
 * merged key by key, the analysis's own winning). At most one output may go to stdout.
 */
export function resolveAnalyses(run: RunSpec): ResolvedAnalysis[] {
  let stdout = 0;
  const out = run.analyses.map((a: SpecAnalysis, i): ResolvedAnalysis => {
    const { kind, name, outputs, ...rest } = a;
    const spec: Record<string, unknown> = { ...rest };
    const input = a.input ?? run.input;
    if (!input) fail('specInvalid', { path: `analyses[${i}]`, problem: 'no "input": give one here or at the top of the spec' });
    spec.input = input;
    if (run.columns || a.columns) spec.columns = { ...run.columns, ...a.columns };
    for (const k of SHARED) if (spec[k] === undefined && run[k] !== undefined) spec[k] = run[k];
    for (const o of outputs) if (o.file === undefined) ++stdout;
    return { kind, name, spec, outputs } as unknown as ResolvedAnalysis;
  });
  if (stdout > 1) fail('specTwoStdout', {});
  return out;
}

/** A JSON value without undefined fields, empty lists and empty objects, keys sorted: one text per meaning. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    const c = canonical(v);
    if (c !== null && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
    out[k] = c;
  }
  return out;
}

/**
 * analysisMetadataSpec: the spec written into an output's metadata: the analysis kind and
 * its library spec in canonical form (outputs and names are left out, so the same analysis
 * gives the same bytes whether it ran from flags or from a spec file).
 */
export function analysisMetadataSpec(kind: AnalysisKind, spec: MatrixSpec | SurvivalSpec | CrrSpec): unknown {
  return canonical({ kind, ...spec });
}

/**
 * specOfCommand: the spec file equivalent to one command line (`--print-spec`): one
 * analysis with the command's spec and its one output. Running it with `kohort run`
 * gives the same bytes as the command.
 */
export function specOfCommand(
  kind: AnalysisKind,
  spec: MatrixSpec | SurvivalSpec | CrrSpec,
  output: OutputSpecBase & { table?: string },
): RunSpec {
  const { input, columns, ...rest } = canonical(spec) as MatrixSpec;
  // Read top-down: what, from where, how, then where it goes.
  const out = canonical({ format: output.format, table: output.table, file: output.file }) as Record<string, unknown>;
  const ordered = { format: out.format, ...(out.table ? { table: out.table } : {}), ...(out.file ? { file: out.file } : {}) };
  const analysis = { kind, input, ...(columns ? { columns } : {}), ...rest, outputs: [ordered] };
  return { version: 1, analyses: [analysis as unknown as SpecAnalysis] };
}
