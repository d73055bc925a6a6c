#!/usr/bin/env node
// Screenshots of reports/retention-report.html for the README (docs/*.png), taken in
// Debian's headless chromium. Run `npm start` first.
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const file = pathToFileURL('reports/retention-report.html').href;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1240, height: 1080 }, deviceScaleFactor: 1 });
await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
await page.goto(file);
await page.hover('#heat tbody tr:nth-child(4) td:nth-child(7)');
await page.screenshot({ path: 'docs/report.png' });
await page.mouse.move(0, 0);
await page.locator('#survival').screenshot({ path: 'docs/report-survival.png' });
await browser.close();
console.error('wrote docs/report.png, docs/report-survival.png');
