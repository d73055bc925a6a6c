import { describe, expect, it } from 'vitest';
import { BINS, PALETTE, binOf, textOn } from '../../../src/export/html/colour-scale.js';
import { escapeHTML, jsonForScript } from '../../../src/export/html/escape.js';
import { heatRows } from '../../../src/export/html/heat-rows.js';
import { heatView, heatmapData } from '../../../src/export/html/heatmap-data.js';
import { toHTMLCrr, toHTMLMatrix, toHTMLReport, toHTMLSurvival, toHTMLTables } from '../../../src/export/html/to-html.js';
import { crrTable } from '../../../src/result/crr-table.js';
import { retention } from '../../../src/api/matrix.js';
import { differencesTable, groupCurves } from '../../../src/export/html/average-curves.js';
import { diffProportions } from '../../../src/stats/newcombe.js';
import { activity, customers, fixtureByChannel, fixtureCrr, fixtureMatrix, fixtureSurvival } from './fixtures.js';

/** The cells of a <tbody> as text, row by row (tags stripped). */
function cellTexts(tbody: string): string[][] {
  return tbody.split('</tr>').filter(Boolean).map((tr) => [...tr.matchAll(/<td(?! class="x f")[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]));
}

function contrast(a: [number, number, number], hexText: string): number {
  const lum = ([r, g, b]: number[]): number => {
    const lin = (c: number): number => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const n = parseInt(hexText.slice(1), 16);
  const [l1, l2] = [lum(a), lum([n >> 16, (n >> 8) & 255, n & 255])].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

describe('colour scale', () => {
  it('binOf clamps to the domain and keeps NaN out', () => {
    expect(binOf(0, 0, 1)).toBe(0);
    expect(binOf(1, 0, 1)).toBe(BINS - 1);
    expect(binOf(2, 0, 1)).toBe(BINS - 1);
    expect(binOf(-1, 0, 1)).toBe(0);
    expect(binOf(0.5, 0, 1)).toBe(BINS / 2);
    expect(binOf(NaN, 0, 1)).toBe(-1);
  });

  it('textOn gives every bin text of at least WCAG AA contrast (4.5:1)', () => {
    for (const c of PALETTE) expect(contrast(c, textOn(c))).toBeGreaterThanOrEqual(4.5);
  });

  it('the palette runs light to dark (sequential, one direction)', () => {
    const lum = PALETTE.map(([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b);
    for (let i = 1; i < lum.length; ++i) expect(lum[i]).toBeLessThan(lum[i - 1]);
  });
});

describe('escape', () => {
  it('escapeHTML and jsonForScript keep input data inert', () => {
    expect(escapeHTML(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
    const json = jsonForScript({ label: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json).label).toBe('</script><script>alert(1)</script>');
  });
});

describe('heatView and heatRows', () => {
  const r = fixtureMatrix();
  const view = heatView(r);

  it('keeps each cohort\'s shown cells, 4 decimals, the counts and the sizes', () => {
    expect(view.rows.map((row) => row.label)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(view.rows.map((row) => row.size)).toEqual([3, 3, 3, 3]);
    expect(view.rows[0].v).toEqual([100, 66.7, 33.3, 33.3, 33.3]); // percent as shown
    expect(view.rows[0].c).toEqual([3, 2, 1, 1, 1]);
    expect(view.rows[3].c).toEqual([3, 1]);
    expect(view.lo).toBe(0);
    expect(view.hi).toBe(1);
  });

  it('renders percentages or counts, a weighted average row, hatched gaps', () => {
    const [body, foot] = heatRows(view, 'value');
    expect(cellTexts(body)).toEqual([
      ['3', '100.0%', '66.7%', '33.3%', '33.3%', '33.3%'],
      ['3', '100.0%', '66.7%', '66.7%', '33.3%'],
      ['3', '100.0%', '100.0%', '66.7%'],
      ['3', '100.0%', '33.3%'],
    ]);
    expect(foot).toContain('Weighted average');
    expect(cellTexts(foot)[0]).toEqual(['12', '100.0%', '66.7%', '55.6%', '33.3%', '33.3%']);
    const [counts] = heatRows(view, 'count');
    expect(cellTexts(counts)[0]).toEqual(['3', '3', '2', '1', '1', '1']);
  });

  it('spans the not-yet-observed rest of a row with one hatched cell', () => {
    const [body] = heatRows(view, 'value');
    const rows = body.split('</tr>').filter(Boolean);
    expect(rows[0]).not.toContain('class="x f"');
    expect(rows[3]).toContain('<td class="x f" colspan="3"></td>');
  });

  it('flags incomplete cells (partial) with * and the hatched overlay', () => {
    const v = heatView(fixtureMatrix('classic', true));
    const [body] = heatRows(v, 'value');
    expect(v.rows.some((row) => row.inc?.length)).toBe(true);
    expect(body).toMatch(/<td class="q\d+ p">[\d.]+%\*<\/td>/);
  });

  it('heatmapData labels the periods of every cell', () => {
    const d = heatmapData([r, fixtureMatrix('unbounded')]);
    expect(d.views.map((v) => v.mode)).toEqual(['classic', 'unbounded']);
    expect(d.periods!.labels[0]).toBe('2024-01');
    expect(d.periods!.labels.at(-1)).toBe('2024-08'); // the last cohort's last offset
  });

  it('reads eligible counts and intervals when the matrix carries them', () => {
    const m = fixtureMatrix();
    const cells = m.cells as typeof m.cells & { eligible: Int32Array; lower: Float64Array; upper: Float64Array };
    cells.eligible = Int32Array.from(m.cells.active, () => 3);
    cells.lower = Float64Array.from(m.cells.value, (x) => x / 2);
    cells.upper = Float64Array.from(m.cells.value, (x) => Math.min(1, x * 1.5));
    const v = heatView(m);
    expect(v.rows[0].e).toEqual([3, 3, 3, 3, 3]);
    expect(v.rows[0].lo![1]).toBeCloseTo(0.3333, 4);
  });
});

describe('toHTML pages (snapshots with rounded numbers)', () => {
  it('toHTMLMatrix: a self-contained page, nothing fetched', async () => {
    const html = toHTMLMatrix([fixtureMatrix(), fixtureMatrix('unbounded')], { generated: '2024-06-01' });
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(\s*['"]?http/);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).toContain('name="viewport"');
    await expect(html).toMatchFileSnapshot('__snapshots__/matrix.html');
  });

  it('toHTMLMatrix writes the headline cohort count with a thousands separator, as the customers', async () => {
    const aq = await import('arquero');
    const ids = Array.from({ length: 1200 }, (_, i) => `c${i}`);
    const events = aq.table({ customer_id: ids, event_time: ids.map((_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString()) });
    const html = toHTMLMatrix(retention({ activity: events }, { cohort: ['day'] }));
    expect(html).toMatch(/>1,200<\/[a-z]+>\s*<[^>]+>cohorts by day/);
  });

  it('toHTMLMatrix says no period is complete yet (not "only one") when every cell is blank', async () => {
    const aq = await import('arquero');
    const events = aq.table({ customer_id: ['a', 'b'], event_time: ['2024-01-05', '2024-01-20'] });
    const html = toHTMLMatrix(retention({ activity: events }, {}));
    expect(html).toContain('No month is complete for any cohort yet: no curve yet.');
    expect(html).not.toContain('Only one month');
  });

  it('toHTMLMatrix escapes cohort labels from the data', () => {
    const html = toHTMLMatrix(fixtureByChannel());
    expect(html).not.toContain('<b>paid</b>');
    expect(html).toContain('&lt;b&gt;paid&lt;/b&gt;');
  });

  it('toHTMLSurvival: step curves, medians, the log-rank sentence, a table', async () => {
    const html = toHTMLSurvival(fixtureSurvival());
    expect(html).toContain('log-rank test across channel');
    expect(html).toContain('class="band"');
    expect(html).toMatch(/<table class="plain">/);
    await expect(html).toMatchFileSnapshot('__snapshots__/survival.html');
  });

  it('toHTMLCrr: CRR per period with its table', async () => {
    const html = toHTMLCrr(fixtureCrr());
    expect(html).toMatch(/<th scope="row">2024-03<\/th><td class="r">5<\/td><td class="r">3<\/td><td class="r">7<\/td><td class="r">4<\/td><td class="r">1<\/td><td class="r">80\.0%<\/td>/);
    await expect(html).toMatchFileSnapshot('__snapshots__/crr.html');
  });

  it('toHTMLReport: heatmap, average curve, CRR, the comparison and notes', async () => {
    const html = toHTMLReport({
      matrices: [fixtureMatrix(), fixtureMatrix('unbounded')],
      crr: fixtureCrr(),
      byMatrix: { result: fixtureByChannel(), by: ['channel'] },
      survival: fixtureSurvival(),
      notes: ['Value of lost customers: needs --amount'],
    });
    for (const id of ['heatmap', 'average', 'crr', 'by-group', 'survival', 'notes']) expect(html).toContain(`<section id="${id}"`);
    await expect(html).toMatchFileSnapshot('__snapshots__/report.html');
  });

  it('renders every mode and shape: revenue, ltv (amounts), one offset, cohorts without a time part', () => {
    const base = { asOf: '2024-06-01', columns: { signup: 'signup_at', amount: 'amount' } };
    const revenue = retention({ activity, customers }, { ...base, mode: 'revenue' });
    const ltv = retention({ activity, customers }, { ...base, mode: 'ltv' });
    const html = toHTMLMatrix([revenue, ltv]);
    expect(html).toContain('Net revenue retention');
    expect(heatView(ltv).kind).toBe('amount');
    expect(cellTexts(heatRows(heatView(ltv), 'value')[0])[0][1]).toMatch(/^\d+\.\d\d$/);
    const one = retention({ activity, customers }, { ...base, maxOffset: 0 });
    expect(cellTexts(heatRows(heatView(one), 'value')[0])).toEqual([['3', '100.0%'], ['3', '100.0%'], ['3', '100.0%'], ['3', '100.0%']]);
    expect(toHTMLMatrix(one)).toContain('<section id="average"');
    const byChannel = retention({ activity, customers }, { ...base, cohort: ['channel'], partial: true });
    const v = heatView(byChannel);
    expect(v.rows.map((r) => r.base)).toEqual([null, null]);
    expect(toHTMLMatrix(byChannel)).toContain('&lt;b&gt;paid&lt;/b&gt;');
  });

  it('differencesTable: each group minus the largest at month 1, 3..., Newcombe 95% intervals', () => {
    const m = fixtureByChannel();
    // Pooled by hand from the cells: channel of each cohort row, complete cells at offset 1.
    const pooled = (channel: string, k: number): [number, number] => {
      let x = 0;
      let n = 0;
      const ch = m.cohorts.attributes[0].values;
      for (let h = 0; h < m.cohorts.count; ++h) {
        const i = h * m.width + k;
        if (ch[h] === channel && m.cells.complete[i]) {
          x += m.cells.active[i];
          n += m.cohorts.size[h];
        }
      }
      return [x, n];
    };
    const [x1, n1] = pooled('<b>paid</b>', 1);
    const [x2, n2] = pooled('organic', 1);
    const d = diffProportions(x1, n1, x2, n2);
    const pp = (v: number): string => `${v >= 0 ? '+' : '\u2212'}${Math.abs(v * 100).toFixed(1)}`;
    const html = differencesTable(m, groupCurves(m));
    expect(html).toContain('Differences against organic (the largest group)');
    expect(html).toContain(`${pp(d.diff!)} pp [${pp(d.lower!)}, ${pp(d.upper!)}]`);
    expect(differencesTable(fixtureMatrix(), groupCurves(fixtureMatrix()))).toBe(''); // one group
  });

  it('toHTMLTables: any result table (the comparison commands\' results)', () => {
    const html = toHTMLTables('CRR rows', [{ heading: 'CRR by month', table: crrTable(fixtureCrr()), note: 'per month' }]);
    expect(html).toContain('<th scope="col">customers_start</th>');
    expect(html).toContain('<details class="data" open>');
  });
});
