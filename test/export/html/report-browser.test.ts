/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHTMLReport } from '../../../src/export/html/to-html.js';
import { retentionReport } from '../../../src/api/report.js';
import type { ReportParts } from '../../../src/export/html/to-html.js';
import { hasChromium, launchChromium, openFile } from './browser.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = path.join(root, 'test-results', 'html');
const reference = fileURLToPath(new URL('__screenshots__/sample-report.png', import.meta.url));
const sample = (f: string): string => path.join(root, 'datasets/sample', f);

/** The sample report as `npm start` makes it: --by channel, reasons, value. */
async function sampleParts(): Promise<ReportParts> {
  return retentionReport(
    {
      input: { activity: sample('activity.csv'), customers: sample('customers.csv') },
      columns: { amount: 'amount' },
      by: ['channel'],
      reason: 'churn_reason',
      modes: ['classic', 'unbounded'],
    },
    { progress: false },
  );
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const chromium = hasChromium();

describe.skipIf(!chromium)('the sample report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let parts: ReportParts;
  let log: { errors: string[]; requests: string[] };
  const file = path.join(outDir, 'sample-report.html');

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    parts = await sampleParts();
    writeFileSync(file, toHTMLReport(parts));
    browser = await launchChromium();
    ({ page, log } = await openFile(browser, file));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console errors and no network requests', async () => {
    await page.waitForTimeout(100);
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
  });

  it('shows every cell of the triangle with the right text, and the weighted average row', async () => {
    const m = parts.matrices[0];
    const shown = await page.$$eval('#heat tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td:not(.f)'), (td) => td.textContent)));
    const labels = await page.$$eval('#heat tbody th', (ths) => ths.map((th) => th.textContent));
    expect(labels).toEqual(m.cohorts.label);
    expect(shown).toHaveLength(m.cohorts.count);
    for (let h = 0; h < m.cohorts.count; ++h) {
      const expected = [m.cohorts.size[h].toLocaleString('en-US')];
      for (let k = 0; k < m.width; ++k) if (m.cells.complete[h * m.width + k]) expected.push(pct(m.cells.value[h * m.width + k]));
      expect(shown[h]).toEqual(expected);
    }
    const avg = await page.$$eval('#heat tfoot td:not(.f)', (tds) => tds.slice(1).map((td) => td.textContent));
    expect(avg).toEqual(Array.from(m.average.value, pct));
  });

  it('shows a tooltip on hover with the count, the size and the period', async () => {
    await page.hover('#heat tbody tr:nth-child(3) td:nth-child(5)'); // cohort 3, offset 2
    const tip = page.locator('#heat-tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const m = parts.matrices[0];
    const i = 2 * m.width + 2;
    const text = await tip.innerText();
    expect(text).toContain(`${m.cohorts.label![2]} · month 2 (2022-05)`);
    expect(text).toContain(`${m.cells.active[i]} customers of ${m.cohorts.size[2]}`);
    expect(text).toContain(pct(m.cells.value[i]));
    await page.mouse.move(0, 0);
    await expect.poll(() => tip.isVisible()).toBe(false);
  });

  it('reaches every cell by keyboard (one tab stop, arrow keys) with the tooltip on focus', async () => {
    await page.locator('input[name="heat-view"]').last().focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.closest('#heat') !== null && document.activeElement?.tagName);
    expect(focused).toBe('TD');
    await expect.poll(() => page.locator('#heat-tip').isVisible()).toBe(true);
    expect(await page.locator('#heat-tip').innerText()).toContain('month 0');
    const visited = new Set<string>();
    const key = (): Promise<string> => page.evaluate(() => {
      const td = document.activeElement as HTMLTableCellElement;
      return `${(td.parentNode as HTMLTableRowElement).rowIndex}:${td.cellIndex}`;
    });
    const rows = await page.$$eval('#heat tbody tr, #heat tfoot tr', (trs) => trs.map((tr) => tr.querySelectorAll('td:not(.f)').length - 1));
    for (let r = 0; r < rows.length; ++r) {
      await page.keyboard.press('Home');
      visited.add(await key());
      for (let k = 1; k < rows[r]; ++k) {
        await page.keyboard.press('ArrowRight');
        visited.add(await key());
      }
      if (r < rows.length - 1) await page.keyboard.press('ArrowDown');
    }
    expect(visited.size).toBe(rows.reduce((a, b) => a + b, 0));
    expect(await page.locator('#heat [tabindex="0"]').count()).toBe(1);
  });

  it('switches the cells between percent and customers, and between the modes', async () => {
    const m = parts.matrices[0];
    const u = parts.matrices[1];
    const firstRow = (): Promise<string[]> => page.$$eval('#heat tbody tr:first-child td:not(.f)', (tds) => tds.slice(1).map((td) => td.textContent ?? ''));
    await page.check('input[name="heat-show"][value="count"]');
    expect(await firstRow()).toEqual(Array.from({ length: m.width }, (_, k) => String(m.cells.active[k])).filter((_, k) => m.cells.complete[k]));
    await page.check('input[name="heat-show"][value="value"]');
    await page.check('input[name="heat-view"][value="1"]');
    expect(await firstRow()).toEqual(Array.from({ length: u.width }, (_, k) => pct(u.cells.value[k])).filter((_, k) => u.cells.complete[k]));
    expect(await page.locator('#heat caption').innerText()).toContain('Unbounded retention');
    expect(await page.locator('#heatmap .legend:not([hidden])').count()).toBe(1);
    await page.check('input[name="heat-view"][value="0"]');
  });

  it('passes axe-core with no serious or critical violations', async () => {
    const axe = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
    await page.evaluate(axe);
    const result = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (result.length) console.log('axe (minor/moderate):', JSON.stringify(result.filter((v) => !serious.includes(v))));
    expect(serious).toEqual([]);
  });

  it('prints without the switches and with the data tables open; fits a phone without page-wide scrolling', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await phone.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await phone.goto(`file://${file}`);
    // Only the heatmap's own container scrolls sideways, never the page.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await phone.evaluate(() => getComputedStyle(document.getElementById('heat-scroll')!).overflowX)).toBe('auto');
    await phone.emulateMedia({ media: 'print' });
    await phone.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await phone.locator('.controls').first().isVisible()).toBe(false);
    expect(await phone.evaluate(() => [...document.querySelectorAll('details')].every((d) => d.open))).toBe(true);
    await ctx.close();
  });

  it('looks like the committed reference screenshot (pixelmatch, within a tolerance)', async () => {
    const { PNG } = await import('pngjs');
    const pixelmatch = (await import('pixelmatch')).default;
    const shot = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    await shot.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await shot.goto(`file://${file}`);
    const png = await shot.screenshot({ fullPage: false });
    await shot.close();
    writeFileSync(path.join(outDir, 'sample-report.png'), png);
    if (!existsSync(reference) || process.env.KOHORT_UPDATE_SCREENSHOTS) {
      mkdirSync(path.dirname(reference), { recursive: true });
      writeFileSync(reference, png);
      console.warn(`wrote the reference screenshot ${reference}`);
    }
    const a = PNG.sync.read(png);
    const b = PNG.sync.read(readFileSync(reference));
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    const diff = new PNG({ width: a.width, height: a.height });
    const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.2 });
    const share = differing / (a.width * a.height);
    if (differing) writeFileSync(path.join(outDir, 'sample-report-diff.png'), PNG.sync.write(diff));
    console.log(`screenshot: ${differing} of ${a.width * a.height} pixels differ (${(share * 100).toFixed(3)}%)`);
    expect(share).toBeLessThan(0.01);
  });
});

describe.skipIf(!chromium)('a heatmap with a long unbroken cohort label in headless Chromium', () => {
  it('keeps the tooltip text inside the tooltip (no overflow past its box)', async () => {
    const { matrix } = await import('../../../src/api/matrix.js');
    const { toHTMLMatrix } = await import('../../../src/export/html/to-html.js');
    mkdirSync(outDir, { recursive: true });
    const csv = path.join(outDir, 'long-label.csv');
    const label = `utm_${'x'.repeat(90)}`;
    writeFileSync(csv, ['id,time,channel', `a,2024-01-05,${label}`, `a,2024-02-05,${label}`, 'b,2024-01-06,ads', 'b,2024-03-06,ads'].join('\n'));
    const html = path.join(outDir, 'long-label.html');
    writeFileSync(html, toHTMLMatrix(await matrix({ input: { activity: csv }, cohort: ['month', 'channel'] })));
    const browser = await launchChromium();
    try {
      const { page } = await openFile(browser, html);
      const row = page.locator('#heat tbody tr', { hasText: 'utm_' });
      await row.locator('td:not(.f)').nth(1).hover();
      const tip = page.locator('#heat-tip');
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.innerText()).toContain(label);
      const [scroll, client] = await tip.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scroll).toBeLessThanOrEqual(client);
    } finally {
      await browser.close();
    }
  });
});
