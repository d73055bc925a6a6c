import { describe, expect, it } from 'vitest';
import { lineChart } from '../../../src/export/html/line-chart.js';
import { hasChromium, launchChromium } from './browser.js';

const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'];
const series = [{ name: 'CRR', x: months.map((_, i) => i), y: months.map((_, i) => 0.9 - i / 100), colour: '#4e79a7' }];
const chart = (labels: string[]): string =>
  lineChart(series, {
    title: 'CRR per month', desc: 'test', xLabel: 'month', yLabel: 'CRR', yPercent: true,
    xDomain: [0, labels.length - 1], xTicks: { at: [0, 2, 4, 6, 8], label: (p) => labels[p] },
  });
const ticks = (html: string): [string, string][] =>
  [...html.matchAll(/<text class="tick" x="[\d.]+" y="[\d.]+" text-anchor="(\w+)">([^<]*)<\/text>/g)].map((m) => [m[2], m[1]]);

describe('lineChart(series, options)', () => {
  it('ends the last x label at its tick when, centred, it would pass the right edge; short labels stay centred', () => {
    expect(ticks(chart(months))).toEqual([['2024-01', 'middle'], ['2024-03', 'middle'], ['2024-05', 'middle'], ['2024-07', 'middle'], ['2024-09', 'end']]);
    expect(ticks(chart(months.map((_, i) => String(i)))).every(([, a]) => a === 'middle')).toBe(true);
  });

  it.skipIf(!hasChromium())('draws every x label whole inside the chart (Chromium: no label past the SVG\'s right edge)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 500 } });
      await page.setContent(`<!doctype html><style>svg{width:720px;font-family:sans-serif} .tick{font-size:11px}</style>${chart(months)}`);
      const overflow = await page.$eval('svg', (svg) => {
        const r = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text.tick')].map((t) => t.getBoundingClientRect()).filter((b) => b.right > r.right + 0.5 || b.left < r.left - 0.5).length;
      });
      expect(overflow).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
