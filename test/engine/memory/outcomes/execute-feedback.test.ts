import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { feedbackFromTables } from '../../../../src/api/feedback.js';
import { feedbackTable } from '../../../../src/result/feedback-table.js';

// A worked example in the style of METRICS.md section 9 (section 8's definitions):
//
// id segment nps csat ces
// a  A       10  5    2
// b  A        9  4    3
// c  A        7  3    -
// d  A        3  2    6
// e  B        6  -    1
// f  B       12  5    7      12 is off 0-10: rejected
// g  B        8  4    9      9 is off 1-7: rejected
// h  B        -  1    4
//
// A: NPS on {10, 9, 7, 3}: 2 promoters, 1 passive, 1 detractor = (2 - 1) / 4 = 25;
//    CSAT {5, 4, 3, 2}: 2 of 4 at 4-5 = 50%, mean 3.5; CES {2, 3, 6} = 11/3, n 3.
// B: NPS on {6, 8}: 0 promoters, 1 detractor = -50 (n 2); CSAT {5, 4, 1}: 2 of 3 = 66.7%,
//    mean 10/3; CES {1, 7, 4} = 4 (n 3); 2 scores rejected.
// All: NPS on 6 answers: 2 promoters, 2 detractors = 0.
const survey = () =>
  aq.table({
    id: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    segment: ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'],
    nps: [10, 9, 7, 3, 6, 12, 8, null],
    csat: [5, 4, 3, 2, null, 5, 4, 1],
    ces: [2, 3, null, 6, 1, 7, 9, 4],
  });

describe('feedbackFromTables (executeFeedback)', () => {
  it('computes the worked example by segment', () => {
    const r = feedbackFromTables(survey(), { columns: { id: 'id' }, by: ['segment'], nps: 'nps', csat: 'csat', ces: 'ces' });
    const rows = feedbackTable(r).objects() as Record<string, number>[];
    expect(rows.map((x) => x.segment)).toEqual(['A', 'B']);
    const [a, b] = rows;
    expect(a).toMatchObject({ answers: 4, nps: 25, nps_n: 4, promoters: 2, passives: 1, detractors: 1, csat: 50, csat_mean: 3.5, csat_n: 4, ces_n: 3, rejected: 0 });
    expect(a.ces).toBeCloseTo(11 / 3, 12);
    expect(a.nps_lower).toBeCloseTo(-44.15976852989918, 9);
    expect(a.nps_upper).toBeCloseTo(72.73119710132777, 9);
    expect(b).toMatchObject({ answers: 4, nps: -50, nps_n: 2, promoters: 0, passives: 1, detractors: 1, csat_n: 3, ces: 4, ces_n: 3, rejected: 2 });
    expect(b.csat).toBeCloseTo(200 / 3, 12);
    expect(b.csat_mean).toBeCloseTo(10 / 3, 12);
    const all = feedbackTable(r, { overall: true }).objects()[0] as Record<string, number>;
    expect(all).toMatchObject({ answers: 8, nps: 0, nps_n: 6, promoters: 2, detractors: 2, rejected: 2 });
    expect(r.report.rejected.nps).toMatchObject({ count: 1, rows: [6], examples: ['12'] });
    expect(r.report.rejected.ces).toMatchObject({ count: 1, rows: [7], examples: ['9'] });
  });

  it('takes the CES and CSAT scales as options (off-scale rejected, never clipped)', () => {
    const r = feedbackFromTables(survey(), { nps: 'nps', ces: 'ces', cesScale: '1-10', csat: 'csat', csatScale: '1-4' });
    const all = feedbackTable(r).objects()[0] as Record<string, number>;
    // CES on 1-10: 9 is valid now: {2, 3, 6, 1, 7, 9, 4}; CSAT on 1-4: two 5s rejected, top two = 3-4.
    expect(all.ces_n).toBe(7);
    expect(all.ces).toBeCloseTo(32 / 7, 12);
    expect(all.csat_n).toBe(5);
    expect(all.csat).toBeCloseTo(60, 12); // {4, 3, 2, 4, 1}: 3 of 5 at 3-4
    expect(all.rejected).toBe(3);
  });

  it('groups by nps_class when an NPS column is named', () => {
    const r = feedbackFromTables(survey(), { by: ['nps_class'], nps: 'nps', csat: 'csat' });
    const rows = feedbackTable(r).objects() as Record<string, unknown>[];
    expect(rows.map((x) => [x.nps_class, x.answers, x.csat_mean])).toEqual([
      ['detractor', 2, 2],
      ['passive', 2, 3.5],
      ['promoter', 2, 4.5],
      [null, 2, 3],
    ]);
  });

  it('keeps the first answer of a repeated id and counts the others', () => {
    const t = aq.table({ id: ['a', 'a', 'b'], nps: [10, 0, 0] });
    const r = feedbackFromTables(t, { columns: { id: 'id' }, nps: 'nps' });
    expect(r.report.duplicateId).toBe(1);
    expect((feedbackTable(r).objects()[0] as Record<string, number>).nps).toBe(0);
  });

  it('fails without a score column, and on a bad scale', () => {
    expect(() => feedbackFromTables(survey(), {})).toThrow(/needs at least one score column/);
    expect(() => feedbackFromTables(survey(), { ces: 'ces', cesScale: '7-1' })).toThrow(/cesScale "7-1" is not a scale/);
    expect(() => feedbackFromTables(survey(), { by: ['nps_class'], csat: 'csat' })).toThrow(/nps <column>/);
  });
});

describe('feedbackFromTables: missing-value tokens in a text score column', () => {
  it('reads "NA", "n/a", "null" as no answer, as in a numeric column, and rejects the rest', () => {
    const t = aq.table({ id: ['a', 'b', 'c', 'd', 'e'], nps: ['9', 'NA', 'n/a', ' null ', '10/10'] });
    const r = feedbackFromTables(t, { columns: { id: 'id' }, nps: 'nps' });
    expect(feedbackTable(r).objects()[0]).toMatchObject({ answers: 5, nps_n: 1, promoters: 1, rejected: 1 });
    expect(r.report.rejected.nps).toMatchObject({ count: 1, rows: [5], examples: ['10/10'] });
  });
});
