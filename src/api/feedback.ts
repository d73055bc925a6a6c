import { memoryEngine } from '../engine/memory/memory-engine.js';
import { inputSchema, toInputTables, type TablesInput } from '../load/input-tables.js';
import { feedbackPlan, type FeedbackPlan } from '../plan/outcome-plan.js';
import type { FeedbackResult } from '../result/feedback-table.js';
import { normalizeFeedback, type FeedbackSpec } from '../spec/feedback-spec.js';
import { prepare, type Analysis } from './analysis.js';

/*
 * Feedback scores:
 *
 *   file ──loadInputs──▶ Dataset ──normalizeFeedback──▶ NormalizedFeedbackSpec ──feedbackPlan──▶ FeedbackPlan
 *        ──engine.feedback──▶ FeedbackResult ──export registry (export/formats.ts)──▶ table | csv | tidy-csv | json | arrow
 */

/** NPS, CSAT and CES by segment as an Analysis (api/analysis.ts). */
export const feedbackAnalysis: Analysis<FeedbackSpec, FeedbackPlan, FeedbackResult, 'feedback'> = {
  kind: 'feedback',
  plan: (spec, schema) => feedbackPlan(normalizeFeedback(spec, schema), schema),
  run: (engine, plan, tables) => (engine.feedback ?? memoryEngine.feedback)(plan, tables),
};

/**
 * feedback: load a table of scores and compute NPS (with its interval), CSAT and CES per
 * segment (METRICS.md section 8); scores off their scale are rejected and counted.
 *
 * @example
 * const f = await feedback({ input: { customers: 'survey.csv' }, columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces' });
 */
export async function feedback(spec: FeedbackSpec): Promise<FeedbackResult> {
  const { plan, tables } = await prepare(feedbackAnalysis, spec);
  return memoryEngine.feedback(plan, tables);
}

/** feedbackFromTables: the same on an in-memory Arquero table (or Dataset). */
export function feedbackFromTables(input: TablesInput, spec: Omit<FeedbackSpec, 'input'>): FeedbackResult {
  const tables = toInputTables(input, 'customers');
  return memoryEngine.feedback(feedbackAnalysis.plan({ ...spec, input: {} }, inputSchema(tables)), tables);
}
