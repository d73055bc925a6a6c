import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { compute, planTables } from '../../src/api/analysis.js';
import { crrAnalysis } from '../../src/api/crr.js';
import { matrixAnalysis } from '../../src/api/matrix.js';
import { survivalAnalysis } from '../../src/api/survival.js';
import type { Engine } from '../../src/engine/engine.js';
import { memoryEngine } from '../../src/engine/memory/memory-engine.js';
import { toInputTables } from '../../src/load/input-tables.js';

const customers = aq.table({
  customer_id: ['a', 'b', 'c', 'd'],
  signup_at: ['2024-01-03', '2024-01-20', '2024-02-05', '2024-02-11'],
  churned_at: ['2024-03-01', null, '2024-02-25', null],
  channel: ['ads', 'ads', 'organic', 'organic'],
});
const activity = aq.table({ customer_id: ['a', 'a', 'b', 'c', 'd'], event_time: ['2024-01-03', '2024-02-10', '2024-01-20', '2024-02-05', '2024-03-02'] });

describe('Engine (engine/engine.ts) over plain-data plans', () => {
  const tables = toInputTables({ customers, activity }, 'customers');
  const plans = {
    matrix: planTables(matrixAnalysis, { cohort: ['month', 'channel'], asOf: '2024-04-01' }, tables),
    survival: planTables(survivalAnalysis, { by: ['channel'], asOf: '2024-04-01' }, tables),
    crr: planTables(crrAnalysis, { asOf: '2024-04-01' }, tables),
  };

  it('plans are JSON: they survive a round trip unchanged, so another engine can take them', () => {
    for (const plan of Object.values(plans)) expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plans.survival.read.customers?.columns).toEqual(['customer_id', 'signup_at', 'churned_at', 'channel']);
  });

  it('compute(analysis, plan, tables, engine) runs the engine it is given, with the plan as planned', async () => {
    const seen: string[] = [];
    const recording: Engine = {
      name: 'recording',
      matrix: (p, t) => (seen.push(`matrix ${p.kind}`), memoryEngine.matrix(p, t)),
      survival: (p, t) => (seen.push(`survival ${p.kind}`), memoryEngine.survival(p, t)),
      crr: (p, t) => (seen.push(`crr ${p.kind}`), memoryEngine.crr(p, t)),
      compare: (p, t) => memoryEngine.compare(p, t),
    };
    const m = await compute(matrixAnalysis, plans.matrix, tables, recording);
    const s = await compute(survivalAnalysis, plans.survival, tables, recording);
    const c = await compute(crrAnalysis, plans.crr, tables, recording);
    expect(seen).toEqual(['matrix matrix', 'survival survival', 'crr crr']);
    expect(m).toEqual(memoryEngine.matrix(plans.matrix, tables));
    expect(s.groups.map((g) => g.key)).toEqual([{ channel: 'ads' }, { channel: 'organic' }]);
    expect(c.counts.periods).toBeGreaterThan(0);
  });
});
