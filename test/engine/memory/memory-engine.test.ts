import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { planTables } from '../../../src/api/analysis.js';
import { crrAnalysis } from '../../../src/api/crr.js';
import { reasonsAnalysis } from '../../../src/api/reasons.js';
import { survivalAnalysis } from '../../../src/api/survival.js';
import { valueAnalysis } from '../../../src/api/value.js';
import { memoryEngine } from '../../../src/engine/memory/memory-engine.js';
import { toInputTables } from '../../../src/load/input-tables.js';

const customers = aq.table({
  id: ['p', 'q', 'r'],
  signup: ['2024-01-05', '2024-01-10', '2024-02-01'],
  churn: [null, '2024-02-15', null],
  reason: [null, 'price', null],
  spend: [10, 20, 30],
});
const tables = toInputTables(customers, 'customers');
const columns = { id: 'id', signup: 'signup', churn: 'churn' };

describe('memoryEngine.survival/crr/reasons/value when no customer is left', () => {
  const where = { columns, where: ['id = zz'], asOf: '2024-04-01' };
  it.each([
    ['survival', () => memoryEngine.survival(planTables(survivalAnalysis, where, tables), tables)],
    ['crr', () => memoryEngine.crr(planTables(crrAnalysis, where, tables), tables)],
    ['reasons', () => memoryEngine.reasons(planTables(reasonsAnalysis, { ...where, reason: ['reason'] }, tables), tables)],
    ['value', () => memoryEngine.value(planTables(valueAnalysis, { ...where, value: 'spend' }, tables), tables)],
  ])('%s fails saying why, never an empty table', (_name, run) => {
    expect(run).toThrow('no customer is left to compute: of 3 customers, 3 filtered out by where');
  });

  it('names signups after the as-of', () => {
    expect(() => memoryEngine.survival(planTables(survivalAnalysis, { columns, asOf: '2023-01-01' }, tables), tables)).toThrow(
      'no customer is left to compute: of 3 customers, 3 signed up after asOf',
    );
  });
});
