import type { Engine, PartOptions } from '../engine.js';
import type { InputTables } from '../../load/input-tables.js';
import type { MatrixPlan } from '../../plan/matrix-plan.js';
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
  matrix: (plan: MatrixPlan, tables: InputTables, part?: PartOptions) => executeMatrix(plan, tables, { sharedRejects: part?.sharedRejects }),
  survival: (plan, tables) => requireCustomers(executeSurvival(plan.spec, tables)),
  crr: (plan, tables) => requireCustomers(executeCrr(plan.spec, tables)),
  compare: (plan, tables) => executeCompare(plan.spec, tables),
  reasons: (plan, tables) => requireCustomers(executeReasons(plan.spec, tables)),
  value: (plan, tables) => requireCustomers(executeValue(plan.spec, tables)),
  feedback: (plan, tables) => executeFeedback(plan.spec, tables),
} as const satisfies Engine;
