import type { Engine } from '../engine.js';
import { requireCustomers } from '../require-customers.js';
import { executeCrr } from './churn/execute-crr.js';
import { executeCompare } from './compare/execute-compare.js';
import { executeSurvival } from './churn/execute-survival.js';
import { executeMatrix } from './matrix/execute-matrix.js';
import { executeFeedback } from './outcomes/execute-feedback.js';
import { executeReasons } from './outcomes/execute-reasons.js';
import { executeValue } from './outcomes/execute-value.js';

/** The in-memory engine: kernels over typed arrays, synchronous. */
export const memoryEngine = {
  name: 'memory',
  matrix: (plan, tables, part?) => executeMatrix(plan, tables, part),
  survival: (plan, tables, part?) => requireCustomers(executeSurvival(plan.spec, tables, part)),
  crr: (plan, tables, part?) => requireCustomers(executeCrr(plan.spec, tables, part)),
  compare: (plan, tables) => executeCompare(plan.spec, tables),
  reasons: (plan, tables, part?) => requireCustomers(executeReasons(plan.spec, tables, part)),
  value: (plan, tables, part?) => requireCustomers(executeValue(plan.spec, tables, part)),
  feedback: (plan, tables) => executeFeedback(plan.spec, tables),
} as const satisfies Engine;
