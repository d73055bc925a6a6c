import { hashInputs } from '../load/hash-inputs.js';
import type { InputHash } from '../report/input-hash.js';
import { analysisMetadataSpec, resolveAnalyses, specOfCommand, type AnalysisRequest, type ResolvedAnalysis } from '../spec/resolve-run-spec.js';
import { RUN_SPEC_SCHEMA } from '../spec/run-spec-schema.js';
import type { AnalysisKind, OutputFormatName, OutputSpecBase, RunSpec } from '../spec/run-spec.js';
import { validateRunSpec } from '../spec/validate-run-spec.js';
import { KOHORT_VERSION } from '../version.js';
import { compute, prepare } from './analysis.js';
import { crrAnalysis } from './crr.js';
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
export const SPEC_ANALYSES = { matrix: matrixAnalysis, survival: survivalAnalysis, crr: crrAnalysis } as const;

/** A computed analysis, tagged with its kind. */
export type AnalysisOutcome =
  | { kind: 'matrix'; result: Awaited<ReturnType<typeof matrixAnalysis.run>> }
  | { kind: 'survival'; result: Awaited<ReturnType<typeof survivalAnalysis.run>> }
  | { kind: 'crr'; result: Awaited<ReturnType<typeof crrAnalysis.run>> };

/**
 * runAnalysis: load the files an analysis names and compute it, exactly as its command
 * does (api/analysis.ts prepare + compute), so a spec replays a command line.
 */
export async function runAnalysis(a: AnalysisRequest, opts: { progress?: boolean } = {}): Promise<AnalysisOutcome> {
  switch (a.kind) {
    case 'matrix': {
      const { plan, tables } = await prepare(matrixAnalysis, a.spec, opts);
      return { kind: 'matrix', result: await compute(matrixAnalysis, plan, tables) };
    }
    case 'survival': {
      const { plan, tables } = await prepare(survivalAnalysis, a.spec, opts);
      return { kind: 'survival', result: await compute(survivalAnalysis, plan, tables) };
    }
    case 'crr': {
      const { plan, tables } = await prepare(crrAnalysis, a.spec, opts);
      return { kind: 'crr', result: await compute(crrAnalysis, plan, tables) };
    }
  }
}

/** Whether a result kind can be written as a spec file's analysis. */
export function isSpecKind(kind: string): kind is AnalysisKind {
  return Object.hasOwn(SPEC_ANALYSES, kind);
}

export { analysisMetadataSpec, hashInputs, KOHORT_VERSION, resolveAnalyses, RUN_SPEC_SCHEMA, specOfCommand, validateRunSpec };
export type { AnalysisKind, AnalysisRequest, InputHash, OutputFormatName, OutputSpecBase, ResolvedAnalysis, RunSpec };
