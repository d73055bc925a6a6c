import { executeMatrix } from './engine/memory/matrix/execute-matrix.js';
import { startChunkWorker } from './parallel/run-chunks.js';
import { crr } from './crr.js';
import type { AnalysisResult } from './export/render-output.js';
import { planAndLoad } from './matrix.js';
import type { AnalysisRequest } from './spec/resolve-run-spec.js';
import { survival } from './survival.js';

/** Phase timings of one analysis (ms); load is included in compute where they are not apart. */
export interface AnalysisTimings {
  load: number;
  compute: number;
}

/**
 * runAnalysis: load the files an analysis names and compute it: a matrix, survival
 * curves or the CRR, tagged with its kind. The one path of `kohort matrix|survival|crr`
 * and of each analysis of `kohort run`, so both give the same result.
 */
export async function runAnalysis(
  a: AnalysisRequest,
  opts: { progress?: boolean } = {},
): Promise<{ analysis: AnalysisResult; timings: AnalysisTimings }> {
  const t0 = performance.now();
  switch (a.kind) {
    case 'matrix': {
      const { plan, tables } = await planAndLoad(a.spec, { progress: opts.progress });
      const t1 = performance.now();
      const result = executeMatrix(plan, tables);
      return { analysis: { kind: 'matrix', result }, timings: { load: t1 - t0, compute: performance.now() - t1 } };
    }
    case 'survival': {
      // Groups' curves and their test share a worker thread on big inputs: start it now.
      if (a.spec.by?.length) startChunkWorker();
      const result = await survival(a.spec);
      return { analysis: { kind: 'survival', result }, timings: { load: 0, compute: performance.now() - t0 } };
    }
    case 'crr': {
      const result = await crr(a.spec);
      return { analysis: { kind: 'crr', result }, timings: { load: 0, compute: performance.now() - t0 } };
    }
  }
}
