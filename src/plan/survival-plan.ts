import type { InputSchema } from '../load/input-tables.js';
import type { NormalizedSurvivalSpec } from '../spec/survival-spec.js';
import { churnRead } from './churn-read.js';
import type { Projection } from './projection.js';

/** What a Kaplan-Meier run computes: plain, JSON-serialisable data (see MatrixPlan). */
export interface SurvivalPlan {
  kind: 'survival';
  /** The columns each table must provide. */
  read: Projection;
  spec: NormalizedSurvivalSpec;
}

/** survivalPlan: NormalizedSurvivalSpec -> SurvivalPlan (which columns to read). */
export function survivalPlan(spec: NormalizedSurvivalSpec, schema: InputSchema): SurvivalPlan {
  return { kind: 'survival', read: churnRead(spec, schema), spec };
}
