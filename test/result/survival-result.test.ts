import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { textNumber, toCSV } from '../../src/export/csv/to-csv.js';
import { groupLabel } from '../../src/result/survival-result.js';
import { survivalAtTable, survivalCurveTable } from '../../src/result/survival-table.js';
import { survivalCurveCSV } from '../../src/export/csv/survival-curve-csv.js';
import { survivalJSON } from '../../src/result/survival-json.js';
import { survivalFromTables } from '../../src/api/survival.js';

function sample(n: number) {
  const plans = ['basic', 'pro, annual', 'say "hi"', null];
  return aq.table({
    d: Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 7),
    e: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1)),
    plan: Array.from({ length: n }, (_, i) => plans[i % 4]),
    time: Array.from({ length: n }, (_, i) => (i % 2 ? 'x' : 'y')),
  });
}

describe('survival result shapes', () => {
  it('survivalCurveCSV writes the same bytes as toCSV(survivalCurveTable), quoting and nulls included', () => {
    const r = survivalFromTables(sample(20_000), { duration: 'd', event: 'e', by: ['plan', 'time'] });
    const csv = survivalCurveCSV(r, { number: textNumber });
    expect(csv).toBe(toCSV(survivalCurveTable(r)));
    expect(csv.split('\n')[0]).toBe('plan,time_group,time,n_risk,events,censored,survival,std_err,lower,upper');
    expect(csv).toContain('"pro, annual",');
    expect(csv).toContain('"say ""hi""",');
    expect(csv).not.toMatch(/NaN|Infinity|null|undefined/);
  });

  it('groups in value order, null last; labels; at-table; JSON without NaN', () => {
    const r = survivalFromTables(sample(400), { duration: 'd', event: 'e', by: ['plan'], at: [10, 100] });
    expect(r.groups.map((g) => g.key.plan)).toEqual(['basic', 'pro, annual', 'say "hi"', null]);
    expect(groupLabel(r.groups[3].key)).toBe('plan=(none)');
    expect(groupLabel({})).toBe('all');
    const at = survivalAtTable(r);
    expect(at.numRows()).toBe(8);
    expect(at.columnNames()).toEqual(['plan', 'n', 'time', 'n_risk', 'cumulative_events', 'survival', 'std_err', 'lower', 'upper', 'beyond_data']);
    const doc = survivalJSON(r);
    expect(Object.keys(doc)).toEqual(['unit', 'conf_type', 'conf_level', 'as_of', 'groups', 'test', 'report']);
    expect(Object.keys(doc.groups[0])).toEqual(['key', 'n', 'events', 'median', 'median_lower', 'median_upper', 'at', 'curve']);
    expect(Object.keys(doc.groups[0].at[0])).toEqual(['time', 'n_risk', 'cumulative_events', 'survival', 'std_err', 'lower', 'upper', 'beyond_data']);
    expect(doc.test).toMatchObject({ name: 'log-rank', df: 3 });
    expect(doc.as_of).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/NaN|Infinity/);
    expect(doc.groups.every((g) => g.curve!.every((p) => p.events > 0))).toBe(true);
  });
});
