import { executeFeedback } from './engine/memory/outcomes/execute-feedback.js';
import { inputSchema } from './engine/memory/prepare/input-tables.js';
import { loadInputs } from './matrix.js';
import type { FeedbackResult } from './result/feedback-table.js';
import { normalizeFeedback, type FeedbackSpec } from './spec/feedback-spec.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * Feedback scores, one way:
 *
 *   file ──loadInputs──▶ Dataset ──normalizeFeedback──▶ NormalizedFeedbackSpec
 *        ──executeFeedback──▶ FeedbackResult ──feedbackTable / feedbackJSON / formatFeedback──▶ outputs
 */

/**
 * feedback: load a table of scores and compute NPS (with its interval), CSAT and CES per
 * segment (METRICS.md section 8); scores off their scale are rejected and counted.
 *
 * @example
 * const f = await feedback({ input: { customers: 'survey.csv' }, columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces' });
 */
export async function feedback(spec: FeedbackSpec): Promise<FeedbackResult> {
  const tables = await loadInputs(spec.input);
  return executeFeedback(normalizeFeedback(spec, inputSchema(tables)), tables);
}

/** feedbackFromTables: the same on an in-memory Arquero table (or Dataset). */
export function feedbackFromTables(input: LifetimeInput, spec: Omit<FeedbackSpec, 'input'>): FeedbackResult {
  const tables = lifetimeTables(input, {});
  return executeFeedback(normalizeFeedback({ ...spec, input: {} }, inputSchema(tables)), tables);
}
