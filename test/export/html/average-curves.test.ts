import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { retention } from '../../../src/api/matrix.js';
import { averageCurveSection, differencesTable, groupColours, groupCurves, groupCurvesSection } from '../../../src/export/html/average-curves.js';
import { groupKey } from '../../../src/result/key-columns.js';
import type { MatrixResult } from '../../../src/result/matrix-result.js';

/** Monthly cohorts by channel: `sizes[g]` customers of channel g ('' = no channel), each active at months 0 and 1. */
function byChannel(sizes: [string, number][]): MatrixResult {
  const id: string[] = [];
  const channel: (string | null)[] = [];
  const signup: string[] = [];
  const ev: string[] = [];
  const time: string[] = [];
  let n = 0;
  for (const [name, size] of sizes) {
    for (let i = 0; i < size; ++i, ++n) {
      id.push(`c${n}`);
      channel.push(name === '' ? null : name);
      signup.push('2024-01-05');
      ev.push(`c${n}`, `c${n}`);
      time.push('2024-01-05', i % 2 ? '2024-02-05' : '2024-01-06');
    }
  }
  const customers = aq.table({ id, signup, channel });
  const activity = aq.table({ id: ev, time });
  return retention({ activity, customers }, { asOf: '2024-04-01', cohort: ['month', 'channel'], columns: { id: 'id', time: 'time', signup: 'signup' } });
}

describe('differencesTable(r, groups)', () => {
  it('compares with the largest group that has a value, never the customers without one ("(none)")', () => {
    const m = byChannel([['', 40], ['organic', 20], ['paid', 10]]);
    const html = differencesTable(m, groupCurves(m));
    expect(html).toContain('Differences against organic (the largest group with a value)');
    expect(html).toContain('<th scope="row">(none)</th>');
  });
});

describe('groupCurves(r)', () => {
  it('keeps customers without a value and the text "(none)" two groups, with their own numbers and names', () => {
    // 40 customers without a channel, 10 whose channel is the text "(none)".
    const m = byChannel([['', 40], ['(none)', 10], ['organic', 20]]);
    const groups = groupCurves(m);
    expect(groups.map((g) => [g.name, g.size[0], g.missing]).sort()).toEqual([
      ['"(none)"', 10, false],
      ['(none)', 40, true],
      ['organic', 20, false],
    ]);
  });

  it('keys two attributes by their values, not their joined names ("a · b" + "c" is not "a" + "b · c")', () => {
    const id = ['c1', 'c2', 'c3'];
    const customers = aq.table({ id, signup: ['2024-01-05', '2024-01-05', '2024-01-05'], x: ['a · b', 'a', 'a'], y: ['c', 'b · c', 'b · c'] });
    const activity = aq.table({ id, time: ['2024-01-05', '2024-01-05', '2024-01-05'] });
    const m = retention({ activity, customers }, { asOf: '2024-04-01', cohort: ['x', 'y'], columns: { id: 'id', time: 'time', signup: 'signup' } });
    expect(groupCurves(m).map((g) => g.size[0]).sort()).toEqual([1, 2]);
  });
});

describe('groupCurvesSection(r, by)', () => {
  it('draws a line for at most 20 groups, the largest, and says so; the table keeps every group', () => {
    const m = byChannel(Array.from({ length: 30 }, (_, g): [string, number] => [`g${String(g).padStart(2, '0')}`, 1 + g]));
    const html = groupCurvesSection(m, ['channel']).html;
    const legend = html.slice(html.indexOf('<ul'), html.indexOf('</ul>'));
    expect(legend).toContain('g29 (30)');
    expect(legend).toContain('g10 (11)');
    expect(legend).not.toContain('g09 (10)');
    expect(legend).toContain('the 20 largest of 30 groups are drawn; the table below has all');
    expect(html).toContain('<th scope="col">g00</th>');
  });
});

describe('averageCurveSection(r)', () => {
  it('describes its chart as "at each of 1 offset" for a one-offset matrix, "N offsets" otherwise', () => {
    const activity = aq.table({ id: ['a', 'b', 'a'], time: ['2024-01-05', '2024-01-09', '2024-02-05'] });
    const one = retention({ activity }, { asOf: '2024-03-01', maxOffset: 0, columns: { id: 'id', time: 'time' } });
    expect(averageCurveSection(one).html).toContain('at each of 1 offset, with the cohorts behind it');
    const two = retention({ activity }, { asOf: '2024-03-01', columns: { id: 'id', time: 'time' } });
    expect(averageCurveSection(two).html).toContain('at each of 2 offsets, with the cohorts behind it');
  });
});

describe('averageCurveSection(r) and groupCurvesSection(r, by) on low retention (leads that convert, CDNOW)', () => {
  /** Signup cohorts of 100 customers by channel, `active[g]` of them active in the signup month and the next. */
  function low(): MatrixResult {
    const id: string[] = [];
    const channel: string[] = [];
    const signup: string[] = [];
    const ev: string[] = [];
    const time: string[] = [];
    [['ads', 3], ['seo', 12]].forEach(([name, active], g) => {
      for (let i = 0; i < 100; ++i) {
        id.push(`${g}-${i}`);
        channel.push(name as string);
        signup.push('2024-01-05');
        if (i < (active as number)) ev.push(`${g}-${i}`, `${g}-${i}`), time.push('2024-01-09', '2024-02-09');
      }
    });
    return retention({ activity: aq.table({ id: ev, time }), customers: aq.table({ id, signup, channel }) }, {
      asOf: '2024-04-01', cohort: ['month', 'channel'], columns: { id: 'id', time: 'time', signup: 'signup' },
    });
  }
  const yTicks = (html: string): string[] => [...html.matchAll(/<text class="tick"[^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);

  it('scales the share axis to the next 10% above the curves when all are at most 50% (3% and 12% on a 0-100% axis both lay on the floor)', () => {
    expect(yTicks(groupCurvesSection(low(), ['channel']).html).at(-1)).toBe('20%');
    expect(yTicks(averageCurveSection(low()).html).at(-1)).toBe('20%');
  });

  it('keeps 0-100% for curves that reach above 50% (first-activity cohorts start at 100%)', () => {
    const activity = aq.table({ id: ['a', 'b', 'a'], time: ['2024-01-05', '2024-01-09', '2024-02-05'] });
    const m = retention({ activity }, { asOf: '2024-03-01', columns: { id: 'id', time: 'time' } });
    expect(yTicks(averageCurveSection(m).html).at(-1)).toBe('100%');
  });
});

describe('groupColours(r)', () => {
  it('gives each drawn group the colour of its line in groupCurvesSection, and none to a group past the 20 largest', () => {
    const m = byChannel(Array.from({ length: 22 }, (_, g): [string, number] => [`g${String(g).padStart(2, '0')}`, 1 + g]));
    const html = groupCurvesSection(m, ['channel']).html;
    const drawn = Object.fromEntries([...html.matchAll(/stroke="(#[0-9a-f]+)"[^>]*><title>(g\d\d) \(/g)].map((x) => [x[2], x[1]]));
    const colours = groupColours(m);
    expect(Object.keys(drawn)).toHaveLength(20);
    for (const [name, colour] of Object.entries(drawn)) expect(colours.get(groupKey([name]))).toBe(colour);
    expect(colours.has(groupKey(['g00']))).toBe(false);
  });
});
