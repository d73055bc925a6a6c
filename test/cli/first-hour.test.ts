/**
 * Issue 12, "a new user's first hour": each numbered trap reproduced through the CLI on a
 * small file, and where ../shared/datasets is present on the real data set the issue names.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedDataset, sharedDataset } from '../shared-datasets.js';
import { runCli } from './run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);

const RETAIL = 'online_retail/Online_Retail.parquet';
const TELCO = 'telco/Telco-Customer-Churn.csv';
const CDNOW_SAMPLE = 'cdnow/CDNOW_sample.txt';
const OLIST = 'olist_marketing/olist_marketing_qualified_leads_dataset.csv';
const SAMPLE_ACTIVITY = 'datasets/sample/activity.csv';
const SAMPLE_CUSTOMERS = 'datasets/sample/customers.csv';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-first-hour-'));
  // Activity through 2024-03-09: an as-of of 2024-04-01 leaves March with 9 days of data.
  writeFileSync(
    file('orders.csv'),
    [
      'id,time,quantity,country,price',
      'a,2024-01-05,1,FR,10', 'a,2024-02-10,2,FR,10', 'a,2024-03-01,1,FR,10',
      'b,2024-01-20,1,DE,10', 'b,2024-02-15,-1,DE,10',
      'c,2024-02-01,3,FR,10', 'c,2024-03-09,1,FR,10',
    ].join('\n'),
  );
  writeFileSync(file('tenure.csv'), 'id,tenure,Churn,Contract\na,3,Yes,monthly\nb,10,No,monthly\nc,24,Yes,yearly\nd,40,No,yearly\ne,72,No,yearly\nf,12,Yes,monthly\n');
  writeFileSync(file('customers.csv'), 'customer_id,signup_at,channel\na,2024-01-01,ads\nb,2024-01-02,ads\nc,2024-01-03,seo\nz,2024-01-04,seo\n');
  writeFileSync(file('headerless.txt'), ' 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n 00005 0002 19970102  1   10.00\n');
  writeFileSync(file('twice.csv'), 'id,time,time\na,2024-01-05,2023-01-01\nb,2024-02-01,2023-01-01\n');
  writeFileSync(file('revenue.csv'), ['id,time,amount', 'a,2024-01-05,0.1', 'a,2024-01-06,0.2', 'b,2024-01-07,0.7', 'a,2024-02-05,0.3', 'b,2024-03-01,1'].join('\n'));
});

describe('1. kohort matrix --as-of past the latest activity', () => {
  it('warns on stderr and in the JSON report warnings, naming the thin month and its days of data', async () => {
    const r = await runCli(['matrix', file('orders.csv'), '--as-of', '2024-04-01', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const warning =
      '--as-of 2024-04-01 is 22 days past the latest activity (2024-03-09): the month 2024-03, with data on 9 of its 31 days, ' +
      'counts as complete, so its cells read as churn; use --as-of 2024-03-01 or leave --as-of out (the default is the end of the latest active day)';
    expect(r.stderr).toBe(`kohort: warning: ${warning}\n`);
    const doc = JSON.parse(r.stdout);
    expect(doc.report.warnings).toEqual([warning]);
    expect(doc.report.latest_activity).toBe('2024-03-09T00:00:00.000Z');
  });

  it('says nothing with the default as-of, or one a few days past the data', async () => {
    for (const extra of [[], ['--as-of', '2024-03-12']]) {
      const r = await runCli(['matrix', file('orders.csv'), ...extra, '--format', 'json', '-q']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).report.warnings).toEqual([]);
    }
  });

  it('kohort crr and survival with --inactive-after warn too: inferred churn needs data up to the as-of', async () => {
    for (const cmd of ['crr', 'survival']) {
      const r = await runCli([cmd, file('orders.csv'), '--inactive-after', '30d', '--as-of', '2024-06-01', '--format', 'json', '-q']);
      expect(r.code).toBe(0);
      const line = '--as-of 2024-06-01 is 83 days past the latest activity (2024-03-09): churn inferred from inactivity (--inactive-after 30d)';
      expect(r.stderr).toContain(`kohort: warning: ${line}`);
      expect(JSON.parse(r.stdout).report.warnings[0]).toContain(line);
      const fine = await runCli([cmd, file('orders.csv'), '--inactive-after', '30d', '--format', 'json', '-q']);
      expect(fine.stderr).toBe('');
    }
  });

  it.skipIf(!hasSharedDataset(RETAIL))('Online Retail with --as-of 2012-01-01: December 2011 has 9 days of data (the old README example)', async () => {
    const args = ['matrix', sharedDataset(RETAIL), '--id', 'CustomerID', '--time', 'InvoiceDate', '--where', 'InvoiceNo !^= C', '--where', 'Quantity > 0'];
    const bad = await runCli([...args, '--as-of', '2012-01-01', '-q']);
    expect(bad.code).toBe(0);
    expect(bad.stderr).toContain('latest activity (2011-12-09): the month 2011-12, with data on 9 of its 31 days');
    // The README's example now stops at the end of the data: December 2011 is incomplete.
    const good = await runCli([...args, '--as-of', '2011-12-10', '--format', 'json', '-q']);
    expect(good.stderr).toBe('');
    const rows = JSON.parse(good.stdout).rows as { cohort: string; offset: number; value: number }[];
    expect(rows.some((x) => x.cohort === '2010-12' && x.offset === 12)).toBe(false);
    expect(rows.find((x) => x.cohort === '2010-12' && x.offset === 11)!.value).toBeCloseTo(0.5028, 4);
  });
});

describe('2. kohort matrix --out with an extension and no --format', () => {
  it('writes Arrow to .arrow, JSON to .json, TSV to .tsv, CSV to .csv', async () => {
    const base = ['matrix', file('orders.csv'), '--as-of', '2024-03-01', '-q'];
    expect((await runCli([...base, '--out', file('r.arrow')])).code).toBe(0);
    expect(tableFromIPC(readFileSync(file('r.arrow'))).schema.fields.map((f) => f.name)).toContain('cohort_size');
    expect((await runCli([...base, '--out', file('r.json')])).code).toBe(0);
    expect(JSON.parse(readFileSync(file('r.json'), 'utf8')).as_of).toBe('2024-03-01T00:00:00.000Z');
    expect((await runCli([...base, '--out', file('r.tsv')])).code).toBe(0);
    expect(readFileSync(file('r.tsv'), 'utf8').split('\n')[0]).toBe('cohort\tcohort_size\t0\t1');
    expect((await runCli([...base, '--out', file('r.csv')])).code).toBe(0);
    expect(readFileSync(file('r.csv'), 'utf8').split('\n')[0]).toBe('cohort,cohort_size,0,1');
  });

  it('refuses an extension that contradicts --format or is unknown; says which formats are not built yet', async () => {
    const base = ['matrix', file('orders.csv'), '-q'];
    const contra = await runCli([...base, '--format', 'csv', '--out', file('x.json')]);
    expect(contra.code).toBe(2);
    expect(contra.stderr).toMatch(/^kohort: --out ".*x\.json" names a \.json file but --format is "csv"/);
    // A format the registry does not have (yet) says so; one it has is picked by its extension.
    const html = await runCli([...base, '--out', file('x.html')]);
    if (html.code !== 0) expect(html.stderr).toMatch(/html output is not available yet/);
    const parquet = await runCli([...base, '--out', file('x.parquet')]);
    expect(parquet.code).toBe(0);
    expect(readFileSync(file('x.parquet')).subarray(0, 4).toString()).toBe('PAR1');
    const unknown = await runCli([...base, '--out', file('x.xlsx')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/cannot tell the output format from "\.xlsx"/);
  });

  it('survival and crr take the format from --out too', async () => {
    const s = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--out', file('s.json'), '-q']);
    expect(s.code).toBe(0);
    expect(JSON.parse(readFileSync(file('s.json'), 'utf8')).unit).toBe('tenure units');
    const c = await runCli(['crr', SAMPLE_CUSTOMERS, '--out', file('c.arrow'), '-q']);
    expect(c.code).toBe(0);
    expect(tableFromIPC(readFileSync(file('c.arrow'))).schema.fields.map((f) => f.name)).toContain('crr');
  });
});

describe('3. kohort survival --duration', () => {
  it("labels times in the column's unit, reports S at round times inside the range, flags times past the data", async () => {
    const table = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--format', 'table', '-q']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/median \(tenure units\) \[95% CI\]\s+S\(20\)\s+S\(40\)\s+S\(60\)\n/);
    expect(table.stdout).toContain('times in tenure units');
    expect(table.stdout).not.toContain('days');
    const past = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--at', '12,90', '--format', 'json', '-q']);
    const at = JSON.parse(past.stdout).groups[0].at;
    expect(at.map((a: { time: number; beyond_data: boolean }) => [a.time, a.beyond_data])).toEqual([[12, false], [90, true]]);
    const marked = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--at', '12,90', '--format', 'table', '-q']);
    expect(marked.stdout).toMatch(/\d\*\n/);
    expect(marked.stdout).toContain("* past the group's last observed time");
    const months = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--unit', 'months', '--format', 'table', '-q']);
    expect(months.stdout).toContain('median (months)');
  });

  it.skipIf(!hasSharedDataset(TELCO))('Telco by Contract: tenure units, S at 20, 40, 60 (longest tenure 72), nothing past the data', async () => {
    const r = await runCli(['survival', sharedDataset(TELCO), '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.unit).toBe('tenure units');
    for (const g of doc.groups) {
      expect(g.at.map((a: { time: number }) => a.time)).toEqual([20, 40, 60]);
      expect(g.at.every((a: { beyond_data: boolean }) => !a.beyond_data)).toBe(true);
    }
    const table = await runCli(['survival', sharedDataset(TELCO), '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--format', 'table', '-q']);
    expect(table.stdout).toContain('median (tenure units)');
    expect(table.stdout).toMatch(/Month-to-month\s+3,875\s+1,655\s+35 \[32, 38\]/);
  });
});

describe('4. kohort survival --at piped as CSV', () => {
  it('writes S at the --at times (cumulative_events), not the whole curve', async () => {
    const r = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--at', '5,24', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'n,time,n_risk,cumulative_events,survival,std_err,lower,upper,beyond_data',
      expect.stringMatching(/^6,5,5,1,0\.833333333333,/),
      expect.stringMatching(/^6,24,3,3,/),
    ]);
    // Without --at the curve rows are written, and their `events` are those at each time.
    const curve = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '-q']);
    expect(curve.stdout.split('\n')[0]).toBe('time,n_risk,events,censored,survival,std_err,lower,upper');
  });

  it.skipIf(!hasSharedDataset(TELCO))('Telco by Contract --at 12,24: two rows per contract', async () => {
    const r = await runCli(['survival', sharedDataset(TELCO), '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--at', '12,24', '-q']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Contract,n,time,n_risk,cumulative_events,survival,std_err,lower,upper,beyond_data');
    expect(lines.length).toBe(1 + 3 * 2);
  });
});

describe('5. hints that lead the right way', () => {
  it('kohort crr on an activity file hints --inactive-after, not --signup then --churn', async () => {
    const r = await runCli(['crr', file('orders.csv'), '--period', 'quarter']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kohort: .*orders\.csv: kohort crr needs churn, .*time column \("time"\).*--inactive-after 90d/);
    expect(r.stderr).not.toContain('--signup');
    const s = await runCli(['survival', file('orders.csv')]);
    expect(s.stderr).toContain('--inactive-after 90d');
  });

  it('--inactive-after where the mode does not use it is an error, never ignored', async () => {
    const m = await runCli(['matrix', file('orders.csv'), '--inactive-after', '30d']);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe('kohort: --inactive-after infers churn, which --mode classic does not use: drop it, or pass --mode survival (churn from inactivity)\n');
    expect((await runCli(['matrix', file('orders.csv'), '--inactive-after', '30d', '--mode', 'survival', '-q'])).code).toBe(0);
    const c = await runCli(['survival', SAMPLE_CUSTOMERS, '--activity', SAMPLE_ACTIVITY, '--churn', 'churned_at', '--inactive-after', '30d']);
    expect(c.code).toBe(2);
    expect(c.stderr).toBe('kohort: --inactive-after infers churn from activity, but --churn "churned_at" names churn times: drop one of them\n');
    const d = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--inactive-after', '30d']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--duration and --event already give lifetimes/);
  });

  it.skipIf(!hasSharedDataset(RETAIL))('Online Retail: kohort crr --period quarter hints --inactive-after', async () => {
    const r = await runCli(['crr', sharedDataset(RETAIL), '--period', 'quarter']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('infer churn from inactivity with --inactive-after 90d');
    const ok = await runCli(['crr', sharedDataset(RETAIL), '--period', 'quarter', '--inactive-after', '90d', '--id', 'CustomerID', '-q']);
    expect(ok.code).toBe(0);
  });
});

describe('6. kohort matrix --anchor first-activity with customers who have no activity', () => {
  it('counts them on stderr and in the JSON report', async () => {
    const args = ['matrix', file('orders.csv'), '--customers', file('customers.csv'), '--anchor', 'first-activity'];
    const r = await runCli([...args, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out 1 customer without activity in the window');
    expect(JSON.parse(r.stdout).report.customers.without_activity).toBe(1);
  });

  it('the bundled sample: 34 customers without activity', async () => {
    const r = await runCli(['matrix', SAMPLE_ACTIVITY, '--customers', SAMPLE_CUSTOMERS, '--anchor', 'first-activity', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out 34 customers without activity in the window');
    const doc = JSON.parse(r.stdout);
    expect(doc.report.customers.in_cohorts + doc.report.customers.without_activity).toBe(2000);
  });
});

describe('8. inputs: "-", FIFOs, --no-header --columns', () => {
  it('reads a FIFO as the activity file', async () => {
    const fifo = file('orders.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat "${file('orders.csv')}" > "${fifo}"`]);
    const closed = new Promise((resolve) => writer.on('close', resolve));
    const r = await runCli(['matrix', fifo, '--as-of', '2024-03-01']);
    await closed;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCli(['matrix', file('orders.csv'), '--as-of', '2024-03-01', '-q'])).stdout);
    expect(r.stderr).toContain(`read 7 rows of activity from ${fifo}`);
  });

  it('reads standard input for "-"', async () => {
    const { Readable } = await import('node:stream');
    const r = await runCli(['matrix', '-', '--as-of', '2024-03-01'], { stdin: () => Readable.from([readFileSync(file('orders.csv'))]) });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('cohort,cohort_size,0,1');
    expect(r.stderr).toContain('read 7 rows of activity from standard input');
  });

  it('names standard input in errors, not the copy it reads', async () => {
    const { Readable } = await import('node:stream');
    const r = await runCli(['matrix', '-', '--time', 'when'], { stdin: () => Readable.from([Buffer.from('id,time\na,2024-01-01\n')]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kohort: standard input, column "when": no column "when"/);
    const bad = await runCli(['matrix', '-'], { stdin: () => Readable.from([Buffer.from('id,time\na,yesterday\n')]) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kohort: standard input, column "time": no value of the time column could be read/);
  });

  it('warns when a header names a column twice, saying what each is read as', async () => {
    const r = await runCli(['matrix', file('twice.csv'), '--as-of', '2024-03-01', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^kohort: warning: .*twice\.csv: the header row names "time" in columns 2 and 3, read as "time" and "time_2": name the one you mean exactly/m);
  });

  it('warns when a header looks like data, and --no-header --columns names the columns', async () => {
    const warned = await runCli(['matrix', file('headerless.txt'), '--id', '00004', '--time', '19970101', '-q']);
    expect(warned.stderr).toMatch(/^kohort: warning: .*headerless\.txt: the header row \("00004", "0001", "19970101", "2", "29\.33"\) looks like data; if the file has no header, pass --no-header --columns/);
    const r = await runCli(['matrix', file('headerless.txt'), '--no-header', '--columns', 'master_id,sample_id,date,cds,dollars', '--id', 'master_id', '--time', 'date', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    // No header warning (three days of January: the only warning says no cell is complete yet).
    expect(r.stderr).not.toContain('looks like data');
    expect(r.stderr).toMatch(/^kohort: warning: no cell is complete as of 1997-01-19/);
    expect(JSON.parse(r.stdout).report.rows_read).toBe(3);
    const wrong = await runCli(['matrix', file('headerless.txt'), '--no-header', '--columns', 'a,b', '--id', 'a', '--time', 'b']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--columns names 2 columns, but the first row has 5 fields/);
    const noFlag = await runCli(['matrix', file('headerless.txt'), '--columns', 'a,b']);
    expect(noFlag.stderr).toMatch(/pass --no-header with it/);
  });

  it.skipIf(!hasSharedDataset(CDNOW_SAMPLE))('CDNOW_sample.txt: a warning without --no-header; 6,919 rows and 2,357 customers with it', async () => {
    const warned = await runCli(['matrix', sharedDataset(CDNOW_SAMPLE), '--id', '00004', '--time', '19970101', '-q']);
    expect(warned.stderr).toContain('looks like data');
    const r = await runCli([
      'matrix', sharedDataset(CDNOW_SAMPLE), '--no-header', '--columns', 'master_id,sample_id,date,cds,dollars',
      '--id', 'master_id', '--time', 'date', '--format', 'json', '-q',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.report.rows_read).toBe(6919);
    expect(doc.report.customers.in_cohorts).toBe(2357);
  });
});

describe('10. output polish', () => {
  it('gross revenue retention at offset 0 is exactly 1; CSV numbers carry at most 12 significant digits', async () => {
    const r = await runCli(['matrix', file('revenue.csv'), '--mode', 'gross-revenue', '--as-of', '2024-04-01', '--format', 'tidy-csv', '-q']);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.filter((x) => x[1] === '0').map((x) => x[4])).toEqual(['1']);
    for (const x of rows) for (const v of x) if (/^\d*\.\d+$/.test(v)) expect(v.replace(/^0\.0*|\./g, '').length).toBeLessThanOrEqual(12);
    const json = JSON.parse((await runCli(['matrix', file('revenue.csv'), '--mode', 'gross-revenue', '--as-of', '2024-04-01', '--format', 'json', '-q'])).stdout);
    expect(json.rows[0].value).toBe(1);
  });

  it.skipIf(!hasSharedDataset(RETAIL))('Online Retail gross revenue retention: 1 at offset 0, no float noise in the CSV', async () => {
    const r = await runCli([
      'matrix', sharedDataset(RETAIL), '--id', 'CustomerID', '--time', 'InvoiceDate', '--amount', 'Quantity*UnitPrice',
      '--mode', 'gross-revenue', '--as-of', '2011-12-01', '--where', 'Quantity > 0', '-q',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(1);
    expect(lines.every((l) => l.split(',')[2] === '1')).toBe(true);
    // At most 12 significant digits: summation noise such as 0.9999999999999675 is gone.
    const numbers = r.stdout.match(/\d*\.\d+/g) ?? [];
    expect(numbers.length).toBeGreaterThan(50);
    for (const x of numbers) expect(x.replace(/^0*\.?0*/, '').replace('.', '').length).toBeLessThanOrEqual(12);
  });

  it('the table says which mode and measure it shows and what offset 0 is', async () => {
    const r = await runCli(['matrix', file('orders.csv'), '--as-of', '2024-03-01', '--format', 'table', '-q']);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('classic retention: % of cohort by month since first activity; blank = not yet observed (as of 2024-03-01), not 0');
    const nrr = await runCli(['matrix', file('revenue.csv'), '--mode', 'revenue', '--as-of', '2024-04-01', '--format', 'table', '-q']);
    expect(nrr.stdout.trim().split('\n').at(-1)).toMatch(/^net revenue retention: % of offset-0 revenue by month since first activity;/);
  });

  it('JSON keys are snake_case in every command', async () => {
    const m = JSON.parse((await runCli(['matrix', file('orders.csv'), '--format', 'json', '-q'])).stdout);
    const s = JSON.parse((await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--format', 'json', '-q'])).stdout);
    const c = JSON.parse((await runCli(['crr', SAMPLE_CUSTOMERS, '--format', 'json', '-q'])).stdout);
    const keys = (v: unknown, out: string[] = []): string[] => {
      if (Array.isArray(v)) v.forEach((x) => keys(x, out));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(k), keys(x, out);
      return out;
    };
    // Group keys and attribute columns are data (e.g. "Contract"): look at field names only.
    for (const doc of [m, s, c]) {
      const names = keys({ ...doc, groups: undefined, rows: undefined });
      expect(names.filter((k) => /[A-Z]/.test(k))).toEqual([]);
    }
    expect(m.as_of).toBeDefined();
    expect(s).toHaveProperty('as_of');
    expect(c.as_of).toBeDefined();
  });

  it('usage and input errors start "kohort:"; -v prints the version', async () => {
    for (const args of [['matrix', '--bogus'], ['matrix', file('orders.csv'), '--period', 'fortnight'], ['matrix', file('nope.csv')], ['crr']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kohort: /);
    }
    const v = await runCli(['-v']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('medians are printed one way: estimate [lower, upper]', async () => {
    const r = await runCli(['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--format', 'table', '-q']);
    const rows = r.stdout.split('\n').filter((l) => /^(monthly|yearly)/.test(l));
    expect(rows).toHaveLength(2);
    for (const l of rows) expect(l).toMatch(/(\d+|not reached) \[(\d+|-), (\d+|-)\]/);
  });

  it('a forced --date-format that leaves most values unreadable fails with exit 2', async () => {
    writeFileSync(file('euro.csv'), 'id,time\na,13/01/2024\nb,25/02/2024\nc,28/02/2024\nd,05/03/2024\n');
    const r = await runCli(['matrix', file('euro.csv'), '--date-format', 'MM/DD/YYYY']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kohort: .*euro\.csv, column "time": --date-format MM\/DD\/YYYY leaves 3 of 4 values unreadable \(rows 1, 2, 3, \.\.\.\)/);
    // A few unreadable values under the right format stay a counted, reported rejection.
    writeFileSync(file('euro-ok.csv'), 'id,time\na,13/01/2024\nb,25/02/2024\nc,28/02/2024\nd,31/02/2024\n');
    const ok = await runCli(['matrix', file('euro-ok.csv'), '--date-format', 'DD/MM/YYYY', '--max-rejects', '1']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/left out 1: unreadable time/);
  });

  it.skipIf(!hasSharedDataset(OLIST))('Olist leads (DD-MM-YYYY) forced as MM-DD-YYYY fail instead of reporting one line', async () => {
    const r = await runCli(['matrix', sharedDataset(OLIST), '--id', 'mql_id', '--time', 'first_contact_date', '--date-format', 'MM-DD-YYYY']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--date-format MM-DD-YYYY leaves 4,942 of 8,000 values unreadable/);
  });

  it('--cohort week alone gives weekly offsets; --period still wins', async () => {
    const weekly = await runCli(['matrix', file('orders.csv'), '--cohort', 'week', '--as-of', '2024-03-01', '--format', 'json', '-q']);
    const doc = JSON.parse(weekly.stdout);
    expect(doc.spec.period).toBe('week');
    expect(Math.max(...doc.rows.map((x: { offset: number }) => x.offset))).toBeGreaterThan(3);
    const monthly = await runCli(['matrix', file('orders.csv'), '--cohort', 'week', '--period', 'month', '--format', 'json', '-q']);
    expect(JSON.parse(monthly.stdout).spec.period).toBe('month');
    const quarterly = await runCli(['matrix', file('orders.csv'), '--cohort', 'quarter', '--format', 'json', '-q']);
    expect(JSON.parse(quarterly.stdout).spec.period).toBe('month');
  });
});

describe('9. kohort matrix on a plain CSV: progress on a terminal only', () => {
  const stderr = process.stderr as NodeJS.WriteStream & { isTTY: boolean };
  async function run(isTTY: boolean): Promise<string> {
    const original = { isTTY: stderr.isTTY, write: stderr.write };
    const out: string[] = [];
    process.env.KOHORT_PROGRESS_DELAY_MS = '0'; // the bar shows at once, not after a second
    stderr.isTTY = isTTY;
    stderr.write = ((s: string) => (out.push(String(s)), true)) as typeof stderr.write;
    try {
      const r = await runCli(['matrix', SAMPLE_ACTIVITY]);
      expect(r.code).toBe(0);
    } finally {
      stderr.isTTY = original.isTTY;
      stderr.write = original.write;
      delete process.env.KOHORT_PROGRESS_DELAY_MS;
    }
    return out.join('');
  }

  it('draws a bar while a plain CSV loads on a terminal', async () => {
    expect(await run(true)).toContain('Reading activity.csv [');
  });

  it('writes nothing on a pipe', async () => {
    expect(await run(false)).toBe('');
  });
});
describe('7. one column-name rule for every option, with "did you mean"', () => {
  it('--cohort month,country, --where "quantity > 0" and --by contract find Country, Quantity and Contract', async () => {
    writeFileSync(file('caps.csv'), 'CustomerID,InvoiceDate,Quantity,Country\na,2024-01-05,1,FR\na,2024-02-10,2,FR\nb,2024-01-20,-1,DE\nb,2024-02-15,1,DE\nc,2024-02-01,3,FR\n');
    const cohort = await runCli(['matrix', file('caps.csv'), '--cohort', 'month,country', '--as-of', '2024-03-01', '--format', 'json', '-q']);
    expect(cohort.code).toBe(0);
    expect(JSON.parse(cohort.stdout).rows[0]).toMatchObject({ cohort: '2024-01', Country: 'DE' });
    const where = await runCli(['matrix', file('caps.csv'), '--where', 'quantity > 0', '--as-of', '2024-03-01', '--format', 'json', '-q']);
    expect(where.code).toBe(0);
    expect(JSON.parse(where.stdout).report.excluded.filtered).toBe(1);
    const by = await runCli(['survival', file('tenure.csv'), '--duration', 'TENURE', '--event', 'churn=Yes', '--by', 'contract', '--format', 'json', '-q']);
    expect(by.code).toBe(0);
    expect(JSON.parse(by.stdout).groups.map((g: { key: Record<string, string> }) => g.key.Contract)).toEqual(['monthly', 'yearly']);
    const ids = await runCli(['matrix', file('caps.csv'), '--id', 'customer id', '--time', 'invoice_date', '-q']);
    expect(ids.code).toBe(0);
  });

  it('a misspelt column gets a suggestion, in every option', async () => {
    const cases: string[][] = [
      ['matrix', file('caps.csv'), '--cohort', 'month,countyr'],
      ['matrix', file('caps.csv'), '--where', 'Quantty > 0'],
      ['matrix', file('caps.csv'), '--id', 'CustomrID'],
      ['survival', file('tenure.csv'), '--duration', 'tenur', '--event', 'Churn=Yes'],
      ['survival', file('tenure.csv'), '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contrac'],
    ];
    const expected = ['Country', 'Quantity', 'CustomerID', 'tenure', 'Contract'];
    for (const [i, args] of cases.entries()) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kohort: /);
      expect(r.stderr).toContain(`Did you mean "${expected[i]}"?`);
    }
  });

  it.skipIf(!hasSharedDataset(RETAIL) || !hasSharedDataset(TELCO))('the real data: Online Retail by country, lower-case filters; Telco --by contract', async () => {
    const r = await runCli([
      'matrix', sharedDataset(RETAIL), '--id', 'customerid', '--time', 'invoicedate', '--cohort', 'quarter,country',
      '--where', 'quantity > 0', '--as-of', '2011-12-01', '--format', 'json', '-q',
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { Country: string }[];
    expect(new Set(rows.map((x) => x.Country)).has('United Kingdom')).toBe(true);
    const t = await runCli(['survival', sharedDataset(TELCO), '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'contract', '--format', 'json', '-q']);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout).groups).toHaveLength(3);
  });
});
