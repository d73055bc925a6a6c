import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/** Debian's chromium (never a downloaded browser build). */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser is here; logs why the browser tests are skipped when not. */
export function hasChromium(): boolean {
  const ok = existsSync(CHROMIUM);
  if (!ok) console.warn(`skipping the browser tests: ${CHROMIUM} is absent (apt-get install chromium; .ci/setup.d/20-chromium.sh does it in CI)`);
  return ok;
}

/** Launch headless Debian chromium through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--font-render-hinting=none', '--disable-gpu'] });
}

/** What a page did while it was open: console errors, page errors, requests other than the file itself. */
export interface PageLog {
  errors: string[];
  requests: string[];
}

/**
 * openFile: open an HTML file in a new page that refuses every request but the file
 * itself (all are recorded), and collects console and page errors.
 */
export async function openFile(browser: Browser, file: string, viewport = { width: 1100, height: 900 }): Promise<{ page: Page; log: PageLog; ms: number }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const log: PageLog = { errors: [], requests: [] };
  const url = pathToFileURL(file).href;
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    log.requests.push(u);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  const ms = performance.now() - t0;
  return { page, log, ms };
}
