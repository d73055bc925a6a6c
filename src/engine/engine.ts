import type { InputTables } from '../load/input-tables.js';
import type { ComparePlan } from '../plan/compare-plan.js';
import type { CrrPlan } from '../plan/crr-plan.js';
import type { FeedbackPlan, ReasonsPlan, ValuePlan } from '../plan/outcome-plan.js';
import type { FeedbackResult } from '../result/feedback-table.js';
import type { ReasonsResult } from '../result/reasons-table.js';
import type { ValueResult } from '../result/value-table.js';
import type { MatrixPlan } from '../plan/matrix-plan.js';
import type { SurvivalPlan } from '../plan/survival-plan.js';
import type { CompareResult } from '../result/compare-result.js';
import type { CrrResult } from '../result/crr-table.js';
import type { MatrixResult } from '../result/matrix-result.js';
import type { SharedRejects } from '../report/rejects.js';
import type { SurvivalResult } from '../result/survival-result.js';

/** A value now, or later (an engine that asks a database answers later). */
export type Awaitable<T> = T | Promise<T>;

/** What the parts of one analysis share across an engine's calls. */
export interface PartOptions {
  /**
   * The rejects file every part lists into, written once by the analysis (an engine that
   * rejects no value, as the SQL engines do, leaves it alone).
   */
  sharedRejects?: SharedRejects;
}

/**
 * An engine executes plans (plain data, see plan/) over the input tables and returns
 * result values. The in-memory engine (engine/memory/) runs kernels over typed arrays;
 * another engine (SQL) implements the same three methods over the same plans.
 */
export interface Engine {
  /** A short name, for messages and timings. */
  readonly name: string;
  matrix(plan: MatrixPlan, tables: InputTables, part?: PartOptions): Awaitable<MatrixResult>;
  survival(plan: SurvivalPlan, tables: InputTables, part?: PartOptions): Awaitable<SurvivalResult>;
  crr(plan: CrrPlan, tables: InputTables, part?: PartOptions): Awaitable<CrrResult>;
  /** Groups compared (optional: an engine without it leaves comparisons to the in-memory engine). */
  compare?(plan: ComparePlan, tables: InputTables): Awaitable<CompareResult>;
  /**
   * Churned customers' reasons, value of churned vs retained, feedback scores. Optional:
   * an engine without them leaves these analyses to the in-memory engine.
   */
  reasons?(plan: ReasonsPlan, tables: InputTables, part?: PartOptions): Awaitable<ReasonsResult>;
  value?(plan: ValuePlan, tables: InputTables, part?: PartOptions): Awaitable<ValueResult>;
  feedback?(plan: FeedbackPlan, tables: InputTables): Awaitable<FeedbackResult>;
}
