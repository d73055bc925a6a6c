import type { Engine } from '../engine.js';
import { executeCrr } from './churn/execute-crr.js';
import { executeSurvival } from './churn/execute-survival.js';
import { executeMatrix } from './matrix/execute-matrix.js';

/** The in-memory engine: kernels over typed arrays, synchronous. */
export const memoryEngine = {
  name: 'memory',
  matrix: (plan, tables) => executeMatrix(plan, tables),
  survival: (plan, tables) => executeSurvival(plan.spec, tables),
  crr: (plan, tables) => executeCrr(plan.spec, tables),
} as const satisfies Engine;
