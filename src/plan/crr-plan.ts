import type { InputSchema } from '../load/input-tables.js';
import type { NormalizedCrrSpec } from '../spec/crr-spec.js';
import { churnRead } from './churn-read.js';
import type { Projection } from './projection.js';

/** What a customer retention rate run computes: plain, JSON-serialisable data (see MatrixPlan). */
export interface CrrPlan {
  kind: 'crr';
  /** The columns each table must provide. */
  read: Projection;
  spec: NormalizedCrrSpec;
}

/** crrPlan: NormalizedCrrSpec -> CrrPlan (which columns to read). */
export function crrPlan(spec: NormalizedCrrSpec, schema: InputSchema): CrrPlan {
  return { kind: 'crr', read: churnRead(spec, schema), spec };
}
