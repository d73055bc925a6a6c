import { fail } from '../errors.js';
import { outputFile } from './stdout-file.js';
import type { CompareSpec } from './compare-spec.js';
import type { CrrSpec } from './crr-spec.js';
import type { FeedbackSpec } from './feedback-spec.js';
import type { ReasonsSpec, ValueSpec } from './outcome-spec.js';
import type { ReportSpec } from './report-spec.js';
import { SERVER_ENGINES, type EngineSpec } from './engine-spec.js';
import { RUN_SPEC_SCHEMA } from './run-spec-schema.js';
import type { SurvivalSpec } from './survival-spec.js';
import type { SpecAnalysis, AnalysisKind, OutputSpecBase, RunSpec } from './run-spec.js';
import type { MatrixSpec } from './types.js';

/** An analysis to compute: its kind and library spec. */
export type AnalysisRequest =
  | { kind: 'matrix'; spec: MatrixSpec }
  | { kind: 'survival'; spec: SurvivalSpec }
  | { kind: 'crr'; spec: CrrSpec }
  | { kind: 'compare'; spec: CompareSpec }
  | { kind: 'report'; spec: ReportSpec }
  | { kind: 'reasons'; spec: ReasonsSpec }
  | { kind: 'value'; spec: ValueSpec }
  | { kind: 'feedback'; spec: FeedbackSpec };

/** Any analysis's library spec. */
export type AnyAnalysisSpec = AnalysisRequest['spec'];

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
}

/** The node a "$ref" ("#/$defs/MatrixSpec/properties/columns") points to, followed to the end. */
function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  while (n?.$ref !== undefined) {
    n = n.$ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], RUN_SPEC_SCHEMA) as SchemaNode | undefined;
  }
  return n;
}

/** The keys an analysis of `kind` takes (from the generated schema), and those of its `columns`. */
function keysOf(kind: string): { keys: Set<string>; columns: Set<string> } {
  const def = deref({ $ref: `#/$defs/${kind[0].toUpperCase()}${kind.slice(1)}Analysis` });
  const columns = deref(def?.properties?.columns)?.properties ?? {};
  return { keys: new Set(Object.keys(def?.properties ?? {})), columns: new Set(Object.keys(columns)) };
}

/** An analysis with the spec's top-level defaults applied: the library spec it runs, and its outputs. */
export type ResolvedAnalysis = AnalysisRequest & { name?: string; outputs: (OutputSpecBase & { table?: string; title?: string })[] };

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
    // A server engine reads its tables (engine.table, engine.customersTable), no files.
    const server = run.engine !== undefined && SERVER_ENGINES.includes(run.engine.name);
    const input = a.input ?? run.input ?? (server ? {} : undefined);
    if (!input) fail('specInvalid', { path: `analyses[${i}]`, problem: 'no "input": give one here or at the top of the spec' });
    spec.input = input;
    // Top-level defaults apply where the analysis has such a key (feedback has no asOf).
    const takes = keysOf(kind);
    if (run.columns || a.columns) {
      const shared = Object.fromEntries(Object.entries(run.columns ?? {}).filter(([k]) => takes.columns.has(k)));
      spec.columns = { ...shared, ...a.columns };
    }
    for (const k of SHARED) if (takes.keys.has(k) && spec[k] === undefined && run[k] !== undefined) spec[k] = run[k];
    for (const o of outputs) if (outputFile(o.file) === undefined) ++stdout;
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
export function analysisMetadataSpec(kind: AnalysisKind, spec: AnyAnalysisSpec): unknown {
  return canonical({ kind, ...spec });
}

/**
 * specOfCommand: the spec file equivalent to one command line (`--print-spec`): one
 * analysis with the command's spec and its one output. Running it with `kohort run`
 * gives the same bytes as the command.
 */
export function specOfCommand(
  kind: AnalysisKind,
  spec: AnyAnalysisSpec,
  output: OutputSpecBase & { table?: string; title?: string },
  engine?: EngineSpec,
): RunSpec {
  const { input, columns, ...rest } = canonical(spec) as MatrixSpec;
  // Read top-down: what, from where, how, then where it goes.
  const out = canonical({ format: output.format, table: output.table, title: output.title, file: output.file }) as Record<string, unknown>;
  const ordered = { format: out.format, ...(out.table ? { table: out.table } : {}), ...(out.title !== undefined ? { title: out.title } : {}), ...(out.file ? { file: out.file } : {}), ...(output.formulaGuard === false ? { formulaGuard: false } : {}) };
  const analysis = { kind, input, ...(columns ? { columns } : {}), ...rest, outputs: [ordered] };
  return { version: 1, ...(engine ? { engine } : {}), analyses: [analysis as unknown as SpecAnalysis] };
}
