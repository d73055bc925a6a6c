import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crrOnEngine, survivalOnEngine } from '../../../src/api/engines.js';
import { crr } from '../../../src/api/crr.js';
import { survival } from '../../../src/api/survival.js';
import type { CrrSpec } from '../../../src/spec/crr-spec.js';
import type { SurvivalSpec } from '../../../src/spec/survival-spec.js';
import { crrDifferences, survivalDifferences } from './same-churn.js';
import { hasSharedDataset, sharedDataset } from '../../shared-datasets.js';

const TELCO = 'telco/Telco-Customer-Churn.csv';

// Differential: kohort survival and crr in memory vs the lifetimes SQL on embedded DuckDB.
const SAMPLE = path.resolve(__dirname, '../../../datasets/sample');
const activity = path.join(SAMPLE, 'activity.csv');
const customers = path.join(SAMPLE, 'customers.csv');
const cols = { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' };

const SURVIVAL: [string, SurvivalSpec][] = [
  ['one curve', { input: { customers }, columns: cols }],
  ['by channel, weeks', { input: { customers }, columns: cols, by: ['channel'], unit: 'weeks' }],
  ['by plan x onboarding, Berlin, as-of', { input: { customers }, columns: cols, by: ['plan', 'onboarding'], tz: 'Europe/Berlin', asOf: '2023-09-01' }],
  ['inferred churn 60d, by channel', { input: { customers, activity }, columns: { ...cols, churn: undefined }, by: ['channel'], inactiveAfter: '60d' }],
  ['first-activity anchor, inferred churn', { input: { activity }, columns: { id: 'customer_id', time: 'event_time' }, inactiveAfter: '90d' }],
  ['filtered', { input: { customers }, columns: cols, by: ['channel'], where: ['plan != pro'] }],
];
if (hasSharedDataset(TELCO)) {
  const telco = sharedDataset(TELCO);
  SURVIVAL.push(
    ['Telco: tenure and Churn=Yes by Contract (durations given directly)', { input: { customers: telco }, duration: 'tenure', event: 'Churn=Yes', by: ['Contract'], unit: 'months', at: [6, 12, 24, 48] }],
    ['Telco: by PaymentMethod x PaperlessBilling, filtered', { input: { customers: telco }, duration: 'tenure', event: 'Churn=yes', by: ['PaymentMethod', 'PaperlessBilling'], where: ['SeniorCitizen = 1'] }],
  );
}
const CRR: [string, CrrSpec][] = [
  ['monthly', { input: { customers }, columns: cols }],
  ['quarterly by plan, Berlin', { input: { customers }, columns: cols, period: 'quarter', by: ['plan'], tz: 'Europe/Berlin' }],
  ['weekly, from/to', { input: { customers }, columns: cols, period: 'week', from: '2022-06', to: '2023-03' }],
  ['inferred churn 90d', { input: { customers, activity }, columns: { ...cols, churn: undefined }, inactiveAfter: '90d' }],
];

describe('survival: memory vs DuckDB SQL', () => {
  it.each(SURVIVAL)('%s', async (_name, spec) => {
    const [mem, sql] = await Promise.all([survival(spec), survivalOnEngine(spec, { engine: 'duckdb' })]);
    expect(sql.groups.length).toBeGreaterThan(0);
    expect(survivalDifferences(mem, sql)).toEqual([]);
  });
});

describe('crr: memory vs DuckDB SQL', () => {
  it.each(CRR)('%s', async (_name, spec) => {
    const [mem, sql] = await Promise.all([crr(spec), crrOnEngine(spec, { engine: 'duckdb' })]);
    expect(sql.periods.length).toBeGreaterThan(0);
    expect(crrDifferences(mem, sql)).toEqual([]);
  });
});
