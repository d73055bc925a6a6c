#!/usr/bin/env node
// Render time of big HTML reports in headless Chromium (Debian's /usr/bin/chromium).
// Goal (issue 14): the Online Retail report (4,372 customers, 13 cohorts) and a
// 200-cohort weekly report each render in under 1 s and weigh under 1 MB.
// Usage: npm run bench:report -- [--reps 5]   (builds first; run on a quiet machine)
// Prints one line per report: size, median / min load time (navigation to the load
// event, the heatmap drawn by then); exits 1 when a goal is missed.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../dist/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench-results', 'report');
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 5;
mkdirSync(OUT, { recursive: true });

// 200 weekly cohorts of 30 customers from 2020-01-06, active weekly until they churn
// (6% a week), skipping 35% of weeks: seeded, so every run has the same data.
function weeklyCsv(file) {
  let a = 7;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines = ['customer_id,event_time'];
  const start = Date.UTC(2020, 0, 6);
  const week = 7 * 86400000;
  let n = 0;
  for (let c = 0; c < 200; ++c) {
    for (let j = 0; j < 30; ++j) {
      const id = `W${++n}`;
      const signup = start + c * week + Math.floor(rand() * 6 * 86400000);
      for (let k = 0; k < 200 - c; ++k) {
        if (k > 0 && rand() < 0.06) break;
        if (k > 0 && rand() < 0.35) continue;
        lines.push(`${id},${new Date(signup + k * week).toISOString().slice(0, 19).replace('T', ' ')}`);
      }
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const quiet = { stdout: () => {}, stderr: () => {}, stdoutIsTTY: false };
const reports = [];
const retail = path.resolve(ROOT, '../shared/datasets/online_retail/Online_Retail.parquet');
if (existsSync(retail)) {
  const out = path.join(OUT, 'online-retail.html');
  await main(['node', 'kohort', 'report', retail, '--id', 'CustomerID', '--time', 'InvoiceDate', '--as-of', '2012-01-01',
    '--inactive-after', '90d', '--out', out, '-q'], quiet);
  reports.push(['Online Retail (13 monthly cohorts)', out]);
} else console.error(`skipping Online Retail: ${retail} is absent`);
const weekly = path.join(OUT, 'weekly-200.csv');
weeklyCsv(weekly);
const weeklyOut = path.join(OUT, 'weekly-200.html');
await main(['node', 'kohort', 'report', weekly, '--cohort', 'week', '--period', 'week', '--as-of', '2023-11-06', '--out', weeklyOut, '-q'], quiet);
reports.push(['200 weekly cohorts (20,100 cells, 2 modes)', weeklyOut]);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
let failed = 0;
for (const [name, file] of reports) {
  const times = [];
  for (let i = 0; i < reps; ++i) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    times.push(performance.now() - t0);
    await page.close();
  }
  times.sort((x, y) => x - y);
  const median = times[Math.floor(times.length / 2)];
  const kb = statSync(file).size / 1024;
  const ok = median < 1000 && kb < 1024;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'SLOW'} ${name}: ${kb.toFixed(0)} KB, median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms over ${reps} loads`);
}
await browser.close();
process.exitCode = failed ? 1 : 0;
