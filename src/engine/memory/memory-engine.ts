import type { Engine, PartOptions } from '../engine.js';
import type { InputTables } from '../../load/input-tables.js';
import type { MatrixPlan } from '../../plan/matrix-plan.js';
import type { CrrPlan } from '../../plan/crr-plan.js';
import type { ReasonsPlan, ValuePlan } from '../../plan/outcome-plan.js';
import type { SurvivalPlan } from '../../plan/survival-plan.js';
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
  survival: (plan: SurvivalPlan, tables: InputTables, part?: PartOptions) => requireCustomers(executeSurvival(plan.spec, tables, { sharedRejects: part?.sharedRejects })),
  crr: (plan: CrrPlan, tables: InputTables, part?: PartOptions) => requireCustomers(executeCrr(plan.spec, tables, { sharedRejects: part?.sharedRejects })),
  compare: (plan, tables) => executeCompare(plan.spec, tables),
  reasons: (plan: ReasonsPlan, tables: InputTables, part?: PartOptions) => requireCustomers(executeReasons(plan.spec, tables, { sharedRejects: part?.sharedRejects })),
  value: (plan: ValuePlan, tables: InputTables, part?: PartOptions) => requireCustomers(executeValue(plan.spec, tables, { sharedRejects: part?.sharedRejects })),
  feedback: (plan, tables) => executeFeedback(plan.spec, tables),
} as const satisfies Engine;
