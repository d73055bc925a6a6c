// `npm start`: the main job on the bundled sample data (datasets/sample), writing reports/.
import { mkdirSync } from 'node:fs';
import { main } from '../dist/cli/main.js';

const data = 'datasets/sample';
const base = [`${data}/activity.csv`, '--customers', `${data}/customers.csv`, '--quiet'];
const jobs = [
  ['monthly retention (wide CSV)', [...base, '--format', 'csv', '--out', 'reports/retention-monthly.csv']],
  ['monthly retention (tidy CSV)', [...base, '--format', 'tidy-csv', '--out', 'reports/retention-monthly-tidy.csv']],
  ['monthly retention (JSON)', [...base, '--format', 'json', '--out', 'reports/retention-monthly.json']],
  ['monthly retention (Arrow)', [...base, '--format', 'arrow', '--out', 'reports/retention-monthly.arrow']],
  ['by signup month and channel', [...base, '--cohort', 'month,channel', '--format', 'tidy-csv', '--out', 'reports/retention-by-channel.csv']],
  ['unbounded retention', [...base, '--mode', 'unbounded', '--format', 'csv', '--out', 'reports/retention-unbounded.csv']],
  ['net revenue retention', [...base, '--mode', 'revenue', '--amount', 'amount', '--format', 'csv', '--out', 'reports/revenue-retention.csv']],
  ['cumulative revenue per customer', [...base, '--mode', 'ltv', '--amount', 'amount', '--format', 'csv', '--out', 'reports/ltv.csv']],
];

mkdirSync('reports', { recursive: true });
let failed = 0;
for (const [name, args] of jobs) {
  const code = await main(['node', 'kohort', 'matrix', ...args]);
  const out = args[args.indexOf('--out') + 1];
  console.error(`${code === 0 ? 'wrote' : 'FAILED'} ${out}  (${name})`);
  if (code !== 0) failed++;
}
// The HTML report: heatmap (retention, unbounded, net revenue), curves, CRR, and by channel.
{
  const out = 'reports/retention-report.html';
  const code = await main(['node', 'kohort', 'report', ...base, '--by', 'channel', '--reason', 'churn_reason', '--modes', 'classic,unbounded,revenue',
    '--amount', 'amount', '--title', 'Customer retention: sample data', '--out', out]);
  console.error(code === 0 ? `open ${out} in a browser (self-contained: no server, nothing fetched)` : `FAILED ${out}  (HTML report)`);
  if (code !== 0) failed++;
}
// The BI outputs (typed Parquet and Arrow, docs/schema.md) of a spec file.
{
  const code = await main(['node', 'kohort', 'run', 'examples/sample-retention.json', '--quiet']);
  console.error(`${code === 0 ? 'wrote' : 'FAILED'} reports/bi/  (kohort run examples/sample-retention.json)`);
  if (code !== 0) failed++;
}
// And the matrix itself on the terminal.
await main(['node', 'kohort', 'matrix', ...base, '--format', 'table']);
process.exitCode = failed ? 1 : 0;
