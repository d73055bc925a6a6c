import { hashInputs } from '../load/hash-inputs.js';
import { planExplained } from './explain-nested.js';
import { assertReadableFile } from '../load/file-bytes.js';
import { loadInputs, readInputSchema, type ColumnSelection } from '../load/load-inputs.js';
import { canonical } from '../spec/resolve-run-spec.js';
import { outputFile, STDOUT_FILE } from '../spec/stdout-file.js';
import type { InputHash } from '../report/input-hash.js';
import { analysisMetadataSpec, resolveAnalyses, specOfCommand, type AnalysisRequest, type ResolvedAnalysis } from '../spec/resolve-run-spec.js';
import { RUN_SPEC_SCHEMA } from '../spec/run-spec-schema.js';
import { OUTPUT_TABLE_NAMES } from '../result/typed/typed-output.js';
import type { AnalysisKind, OutputFormatName, OutputSpecBase, RunSpec } from '../spec/run-spec.js';
import { validateRunSpec } from '../spec/validate-run-spec.js';
import { KOHORT_VERSION } from '../version.js';
import { compute, prepare, type Analysis, type PlanLike } from './analysis.js';
import { unionProjections } from '../plan/projection.js';
import { compareAnalysis } from './compare.js';
import { planOnEngine, runOnEngine, type SqlEngineOptions } from './engines.js';
import { engineOptions } from './engine-section.js';
import { crrAnalysis } from './crr.js';
import { feedbackAnalysis } from './feedback.js';
import { reasonsAnalysis } from './reasons.js';
import { reportAnalysis } from './report.js';
import { valueAnalysis } from './value.js';
import { matrixAnalysis } from './matrix.js';
import { survivalAnalysis } from './survival.js';

/*
 * Spec files: a run as data.
 *
 *   spec.json ──validateRunSpec (ajv, the generated JSON Schema)──▶ RunSpec
 *             ──resolveAnalyses (top-level defaults)──▶ analyses
 *             ──runAnalysis (prepare + compute, as the commands do)──▶ results
 *             ──export registry, with metadata (spec, as-of, input hashes)──▶ files
 */

/** The analyses a spec file can name, by kind (a new kind: one entry and one type in spec/run-spec.ts). */
export const SPEC_ANALYSES = {
  matrix: matrixAnalysis,
  survival: survivalAnalysis,
  crr: crrAnalysis,
  compare: compareAnalysis,
  report: reportAnalysis,
  reasons: reasonsAnalysis,
  value: valueAnalysis,
  feedback: feedbackAnalysis,
} as const;

type SpecAnalyses = typeof SPEC_ANALYSES;
type ResultOf<K extends AnalysisKind> = Awaited<ReturnType<SpecAnalyses[K]['run']>>;

/** A computed analysis, tagged with its kind. */
export type AnalysisOutcome = { [K in AnalysisKind]: { kind: K; result: ResultOf<K> } }[AnalysisKind];

/** The analysis of a kind, typed loosely: every entry takes its own spec and gives its own result. */
function analysisOf(kind: AnalysisKind): Analysis<{ input: AnalysisRequest['spec']['input'] }, PlanLike, unknown> {
  return SPEC_ANALYSES[kind] as unknown as Analysis<{ input: AnalysisRequest['spec']['input'] }, PlanLike, unknown>;
}

/**
 * runAnalysis: load the files an analysis names and compute it, exactly as its command
 * does (api/analysis.ts prepare + compute), so a spec replays a command line.
 */
export async function runAnalysis(a: AnalysisRequest, opts: { progress?: boolean } = {}, loaded?: () => void): Promise<AnalysisOutcome> {
  const analysis = analysisOf(a.kind);
  const { plan, tables } = await prepare(analysis, a.spec, opts);
  loaded?.();
  return { kind: a.kind, result: await compute(analysis, plan, tables) } as AnalysisOutcome;
}

/**
 * runAnalyses: the analyses of a spec file, in order. Analyses of the same input files are
 * planned first (every column checked before any data is read) and their files loaded once,
 * with the union of the columns they need; each is then computed on those tables. An input
 * whose column names cannot be read cheaply falls back to one load per analysis.
 * `named(e, i)` rethrows an error of analysis i (to name it). `onLoaded(members)` is called
 * once the inputs of those analyses are loaded, before they are computed (on a SQL engine:
 * before each runs), so a caller can start work that should not compete with the load.
 */
export async function runAnalyses(
  analyses: readonly AnalysisRequest[],
  opts: { progress?: boolean; engine?: SqlEngineOptions; onLoaded?: (members: readonly number[]) => void } = {},
  named: (e: unknown, i: number) => never = (e) => {
    throw e;
  },
): Promise<AnalysisOutcome[]> {
  const out: AnalysisOutcome[] = new Array(analyses.length);
  // A SQL engine (the spec's engine section): each analysis where the data lives.
  const engine = opts.engine;
  if (engine) {
    for (const [i, a] of analyses.entries()) {
      opts.onLoaded?.([i]);
      out[i] = { kind: a.kind, result: await runOnEngine(analysisOf(a.kind), a.spec, engine).catch((e: unknown) => named(e, i)) } as AnalysisOutcome;
    }
    return out;
  }
  const groups = new Map<string, number[]>();
  analyses.forEach((a, i) => {
    const key = JSON.stringify(canonical(a.spec.input));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const members of groups.values()) {
    const input = analyses[members[0]].spec.input;
    const schema = members.length > 1 ? await readInputSchema(input) : undefined;
    if (!schema) {
      for (const i of members) out[i] = await runAnalysis(analyses[i], opts, () => opts.onLoaded?.([i])).catch((e: unknown) => named(e, i));
      continue;
    }
    const plans = new Map<number, PlanLike>();
    for (const i of members) {
      const analysis = analysisOf(analyses[i].kind);
      try {
        await analysis.warm?.(analyses[i].spec);
        plans.set(i, await planExplained(() => analysis.plan(analyses[i].spec, schema), input));
      } catch (e) {
        named(e, i);
      }
    }
    const tables = await loadInputs(input, unionOf([...plans.values()]), opts);
    opts.onLoaded?.(members);
    for (const i of members) {
      const a = analyses[i];
      out[i] = { kind: a.kind, result: await Promise.resolve(compute(analysisOf(a.kind), plans.get(i)!, tables)).catch((e: unknown) => named(e, i)) } as AnalysisOutcome;
    }
  }
  return out;
}

/**
 * The columns several plans need of each table, with every plan's reading rules (ids and
 * labels stay text: "007" and "7" are two customers); all of a table when one plan needs all of it.
 */
function unionOf(plans: PlanLike[]): ColumnSelection {
  const all = unionProjections(plans.map((p) => p.read));
  const sel: ColumnSelection = {};
  for (const table of ['activity', 'customers'] as const) {
    if (plans.some((p) => p.read[table] === undefined)) continue;
    sel[table] = all[table];
  }
  return sel;
}

/**
 * checkAnalysis: plan an analysis against its inputs' column names (CSV header, Parquet
 * footer...) without reading the data: every column it names is found or detected, every
 * option is valid. False when the inputs' names cannot be read cheaply (then only a run
 * can tell). With a SQL engine, against the tables it reads (described by the database).
 * Throws KohortError like the run would.
 */
export async function checkAnalysis(a: AnalysisRequest, engine?: SqlEngineOptions): Promise<boolean> {
  if (engine) {
    await planOnEngine(analysisOf(a.kind), a.spec, engine);
    return true;
  }
  // Every input must be there and readable, even when its columns cannot be read cheaply.
  for (const file of [a.spec.input.activity, a.spec.input.customers]) if (typeof file === 'string' && file !== '-') await assertReadableFile(file);
  const schema = await readInputSchema(a.spec.input);
  if (!schema) return false;
  await planExplained(() => analysisOf(a.kind).plan(a.spec, schema), a.spec.input);
  return true;
}

/** Whether a result kind can be written as a spec file's analysis. */
export function isSpecKind(kind: string): kind is AnalysisKind {
  return Object.hasOwn(SPEC_ANALYSES, kind);
}

export { analysisMetadataSpec, engineOptions, hashInputs, KOHORT_VERSION, OUTPUT_TABLE_NAMES, outputFile, resolveAnalyses, RUN_SPEC_SCHEMA, specOfCommand, STDOUT_FILE, validateRunSpec };
export type { AnalysisKind, AnalysisRequest, InputHash, OutputFormatName, OutputSpecBase, ResolvedAnalysis, RunSpec };
