import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../../src/api/matrix.js';
import { toHTMLMatrix } from '../../../src/export/html/to-html.js';
import { hasChromium, launchChromium, openFile } from './browser.js';

const chromium = hasChromium();

/** The average row's tooltip at offset 0 of a matrix page, hovered in headless Chromium. */
async function averageTip(csv: string, spec: Record<string, unknown>): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-page-script-'));
  writeFileSync(path.join(dir, 'a.csv'), csv);
  const html = path.join(dir, 'a.html');
  writeFileSync(html, toHTMLMatrix(await matrix({ input: { activity: path.join(dir, 'a.csv') }, asOf: '2024-04-01', ...spec })));
  const browser = await launchChromium();
  try {
    const { page } = await openFile(browser, html);
    await page.locator('#heat tfoot td:not(.f)').nth(1).hover({ timeout: 5000 });
    const tip = page.locator('#heat-tip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    return await tip.innerText();
  } finally {
    await browser.close();
  }
}

describe.skipIf(!chromium)('pageScript: the average row\'s tooltip', () => {
  it('says the complete cohorts have no revenue base when none has revenue at offset 0 (revenue mode), not "No complete cohort yet" nor a hatched not-yet-observed row', async () => {
    const text = await averageTip('id,time,amount\na,2024-01-05,0\na,2024-02-05,50\nb,2024-01-07,0\n', { mode: 'revenue', amount: 'amount' });
    expect(text).not.toContain('No complete cohort yet');
    expect(text).toContain('1 complete cohort, none with revenue above 0 at month 0: no base for net revenue retention');
  });
});
