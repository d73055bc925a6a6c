import { describe, expect, it } from 'vitest';
import { feedbackPlan, reasonsPlan, valuePlan } from '../../src/plan/outcome-plan.js';
import { normalizeFeedback } from '../../src/spec/feedback-spec.js';
import { normalizeReasons, normalizeValue } from '../../src/spec/outcome-spec.js';

const schema = { customers: { file: 'c.csv', columns: ['id', 'status', 'reason', 'spend', 'nps'] } };

describe('reasonsPlan, valuePlan, feedbackPlan', () => {
  it('read the id column as text: "007" and "7" are two customers', () => {
    const reasons = reasonsPlan(normalizeReasons({ input: {}, columns: { id: 'id' }, event: 'status=Churned', reason: ['reason'] }, schema), schema);
    const value = valuePlan(normalizeValue({ input: {}, columns: { id: 'id' }, event: 'status=Churned', value: 'spend' }, schema), schema);
    const feedback = feedbackPlan(normalizeFeedback({ input: {}, columns: { id: 'id' }, nps: 'nps' }, schema), schema);
    for (const p of [reasons, value, feedback]) expect(p.read.customers!.text![0]).toBe('id');
  });

  it('read reason codes and segment columns as labels ("01" stays 01), an ordered filter\'s column too (the filter compares number texts as numbers)', () => {
    const reasons = reasonsPlan(normalizeReasons({ input: {}, columns: { id: 'id' }, event: 'status=Churned', reason: ['reason'], by: ['nps'] }, schema), schema);
    expect(reasons.read.customers).toMatchObject({ text: ['id'], csvLabels: ['nps', 'reason'] });
    const value = valuePlan(normalizeValue({ input: {}, columns: { id: 'id' }, event: 'status=Churned', value: 'spend', by: ['nps'], where: ['nps >= 5'] }, schema), schema);
    expect(value.read.customers).toMatchObject({ text: ['id'], csvLabels: ['nps'] });
    const feedback = feedbackPlan(normalizeFeedback({ input: {}, columns: { id: 'id' }, csat: 'spend', by: ['reason'] }, schema), schema);
    expect(feedback.read.customers).toMatchObject({ text: ['id'], csvLabels: ['reason'] });
  });
});
