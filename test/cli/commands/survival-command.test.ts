import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const telco = fileURLToPath(new URL('../../../../shared/datasets/telco/Telco-Customer-Churn.csv', import.meta.url));
const hasTelco = existsSync(telco);
if (!hasTelco) console.warn(`skipping the Telco CLI tests: ${telco} is absent (../shared/datasets)`);
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/survival/telco.json', import.meta.url), 'utf8')) as {
  curves: { by: string; group: string; curve: Record<string, { at: { time: number[]; surv: number[]; lower: (number | null)[]; upper: (number | null)[] } }> }[];
  log_rank: { by: string; groups: string[]; tests: { test: string; rho: number; q: number; chisq: number; df: number }[] }[];
};

let dir: string;
const file = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-survival-cli-'));
  // METRICS.md section 9: (5,1) (5,0) (8,1) (8,1) (12,0) (15,1).
  writeFileSync(file('km.csv'), 'id,days,event\na,5,1\nb,5,0\nc,8,1\nd,8,1\ne,12,0\nf,15,1\n');
  // The same as dates: churned customers signed up 2024-01-0x; censored ones that many days before as-of.
  writeFileSync(
    file('km-dates.csv'),
    [
      'customer_id,signup_at,churned_at',
      'a,2024-01-01,2024-01-06',
      'b,2024-02-25,',
      'c,2024-01-03,2024-01-11',
      'd,2024-01-04,2024-01-12',
      'e,2024-02-18,',
      'f,2024-01-06,2024-01-21',
    ].join('\n'),
  );
  writeFileSync(
    file('bad.csv'),
    [
      'customer_id,signup_at,churned_at,plan',
      'a,2024-01-10,2024-01-05,basic', // churn before signup
      'b,2024-01-01,2024-02-01,basic',
      'c,2024-01-01,,basic',
      'd,2024-01-02,2024-01-20,solo',
    ].join('\n'),
  );
  writeFileSync(file('tenure.csv'), 'id,months,churn\na,3,Yes\nb,-2,No\nc,7,No\nd,,Yes\ne,1,Yes\n');
  writeFileSync(
    file('orders.csv'),
    'id,time\na,2024-01-01\na,2024-01-11\nb,2024-01-01\nb,2024-03-20\nc,2024-02-01\n',
  );
});

const KM_CURVE = [
  { time: 5, n_risk: 6, events: 1, survival: 0.8333 },
  { time: 8, n_risk: 4, events: 2, survival: 0.4167 },
  { time: 15, n_risk: 1, events: 1, survival: 0 },
];
const pick = (xs: Record<string, number>[]) =>
  xs.map((x) => ({ time: x.time, n_risk: x.n_risk, events: x.events, survival: Number(x.survival.toFixed(4)) }));

describe('kohort survival: the Kaplan-Meier worked example', () => {
  it('from durations (--duration/--event), as JSON', async () => {
    const r = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--format', 'json', '--at', '5,8,15', '-q']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['groups', 'test', 'report']));
    const g = doc.groups[0];
    expect(g).toMatchObject({ key: {}, n: 6, events: 4, median: 8 });
    expect(pick(g.curve)).toEqual(KM_CURVE);
    // at --at times: events at or before each time, named so (the curve's are at its time)
    expect(g.at.map((a: { cumulative_events: number }) => a.cumulative_events)).toEqual([1, 3, 4]);
    expect(g.at.map((a: { survival: number }) => Number(a.survival.toFixed(4)))).toEqual([0.8333, 0.4167, 0]);
    expect(doc.test).toBeNull();
  });

  it('from signup and churn dates, the same curve', async () => {
    const r = await runCli(['survival', file('km-dates.csv'), '--as-of', '2024-03-01', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout).groups[0];
    expect(g.median).toBe(8);
    expect(pick(g.curve)).toEqual(KM_CURVE);
  });

  it('as CSV (every curve row, censored ones too) and as a table', async () => {
    const csv = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '-q']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('time,n_risk,events,censored,survival,std_err,lower,upper');
    expect(lines.map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'time,n_risk,events,censored', '5,6,1,1', '8,4,2,0', '12,2,0,1', '15,1,1,0',
    ]);
    expect(lines[4]).toBe('15,1,1,0,0,,,'); // S = 0: no standard error or interval (null, not NaN)
    const table = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--format', 'table', '--at', '5,8', '-q']);
    expect(table.stdout).toMatch(/median \(days\) \[95% CI\]\s+S\(5\)\s+S\(8\)/);
    expect(table.stdout).toMatch(/all\s+6\s+4\s+8 \[5, -\]\s+0\.8333\s+0\.4167/);
  });

  it('writes Arrow IPC atomically with --out, leaving no temp file', async () => {
    const out = file('km.arrow');
    const r = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--format', 'arrow', '--out', out, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const t = tableFromIPC(readFileSync(out));
    expect(t.numRows).toBe(4);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['time', 'n_risk', 'events', 'censored', 'survival', 'std_err', 'lower', 'upper']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('--no-curve leaves the curve out: JSON without it, CSV with S at --at per group', async () => {
    const json = JSON.parse((await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--format', 'json', '--no-curve', '-q'])).stdout);
    expect(json.groups[0].curve).toBeUndefined();
    const csv = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--no-curve', '--at', '8,10', '-q']);
    expect(csv.stdout.trim().split('\n')).toEqual([
      'n,time,n_risk,cumulative_events,survival,std_err,lower,upper,beyond_data',
      expect.stringMatching(/^6,8,4,3,0\.416666666667,.*,false$/),
      expect.stringMatching(/^6,10,2,3,0\.416666666667,.*,false$/),
    ]);
  });

  it('infers churn from activity with --inactive-after (the file is then the activity table)', async () => {
    const r = await runCli(['survival', file('orders.csv'), '--inactive-after', '30d', '--as-of', '2024-04-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout).groups[0];
    expect(g.curve.map((x: { time: number }) => x.time)).toEqual([30, 40]);
    expect(g).toMatchObject({ n: 3, events: 2 });
    expect(r.stderr).toMatch(/used 5 of 5 activity rows/);
  });
});

describe.skipIf(!hasTelco)('kohort survival on the published Telco data', () => {
  it('the Month-to-month, internet subset: n 3,351, 1,556 events, median 34, S(12) 0.6950, S(24) 0.5753', async () => {
    const r = await runCli([
      'survival', telco, '--duration', 'tenure', '--event', 'Churn=Yes',
      '--where', 'Contract = Month-to-month', '--where', 'InternetService != No',
      '--at', '12,24', '--format', 'json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.groups).toHaveLength(1);
    const g = doc.groups[0];
    expect([g.n, g.events, g.median]).toEqual([3351, 1556, 34]);
    expect(g.at.map((a: { survival: number }) => a.survival.toFixed(4))).toEqual(['0.6950', '0.5753']);
    expect([g.median_lower, g.median_upper]).toEqual([31, 37]); // R: quantile(fit, 0.5), log-log
    expect(doc.report.customers.excluded.filtered).toBe(7043 - 3351);
    expect(r.stderr).toMatch(/3,351 of 7,043 customers used/);
  });

  it('per Contract: the log-rank chi2 (and the weighted tests) equal the R fixture to 1e-6', async () => {
    const ref = fixture.log_rank.find((t) => t.by === 'Contract')!;
    const variants: [string[], { test: string; rho: number; q: number }][] = [
      [[], { test: 'log-rank', rho: 0, q: 0 }],
      [['--test', 'peto'], { test: 'peto', rho: 1, q: 0 }],
      [['--test', 'wilcoxon'], { test: 'wilcoxon', rho: 0, q: 0 }],
      [['--test', 'tarone-ware'], { test: 'tarone-ware', rho: 0, q: 0 }],
      [['--rho', '1', '--q', '1'], { test: 'fleming-harrington', rho: 1, q: 1 }],
      [['--test', 'fleming-harrington', '--q', '1'], { test: 'fleming-harrington', rho: 0, q: 1 }],
    ];
    for (const [args, want] of variants) {
      const r = await runCli(['survival', telco, '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--format', 'json', '--no-curve', '-q', ...args]);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      const expected = ref.tests.find((t) => t.test === want.test && t.rho === want.rho && t.q === want.q)!;
      expect(doc.groups.map((g: { key: { Contract: string } }) => g.key.Contract)).toEqual(ref.groups);
      expect(doc.test.test).toBe(want.test);
      expect(Math.abs(doc.test.chi2 - expected.chisq)).toBeLessThan(1e-6);
      expect(doc.test.df).toBe(expected.df);
      if (want.test === 'log-rank') {
        expect(doc.test.name).toBe('log-rank');
        expect(doc.test.p).toBe(0); // underflows; log10_p stays finite
        expect(doc.test.log10_p).toBeLessThan(-500);
      }
    }
  });

  it('per Contract, --ci log and log-log intervals at chosen times equal the R fixture', async () => {
    for (const ci of ['log', 'log-log', 'plain']) {
      const r = await runCli(['survival', telco, '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--ci', ci, '--at', '1,12,24,60', '--format', 'json', '--no-curve', '-q']);
      const doc = JSON.parse(r.stdout);
      for (const g of doc.groups) {
        const ref = fixture.curves.find((c) => c.by === 'Contract' && c.group === g.key.Contract)!.curve[ci].at;
        for (const a of g.at) {
          const j = ref.time.indexOf(a.time);
          expect(a.survival).toBeCloseTo(ref.surv[j], 10);
          if (ref.lower[j] === null) expect(a.lower).toBeNull();
          else expect(a.lower).toBeCloseTo(ref.lower[j]!, 10);
          if (ref.upper[j] === null) expect(a.upper).toBeNull();
          else expect(a.upper).toBeCloseTo(ref.upper[j]!, 10);
        }
      }
    }
  });

  it('prints a table per Contract with medians and the test', async () => {
    const r = await runCli(['survival', telco, '--duration', 'tenure', '--event', 'Churn=Yes', '--by', 'Contract', '--unit', 'months', '--at', '12,24', '--format', 'table', '-q']);
    expect(r.stdout).toMatch(/Month-to-month\s+3,875\s+1,655\s+35 \[32, 38\]\s+0\.7031\s+0\.5859/);
    expect(r.stdout).toMatch(/One year\s+1,473\s+166\s+not reached \[72, -\]/);
    expect(r.stdout).toMatch(/log-rank test across Contract: chi2 = 2352\.87, df = 2, p < 1e-300 \(log10 p = -5\d\d\.\d\d\)/);
  });
});

describe('kohort survival: bad input', () => {
  it('churn before signup is left out, counted in the JSON report and on stderr; a one-customer group is reported', async () => {
    const r = await runCli(['survival', file('bad.csv'), '--by', 'plan', '--as-of', '2024-03-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.report.customers.excluded.churn_before_anchor).toBe(1);
    expect(doc.report.single_customer_groups).toEqual(['plan=solo']);
    expect(r.stderr).toMatch(/left out 1 with a churn time before their signup/);
    expect(r.stderr).toMatch(/warning: 1 group has a single customer \(no interval\): plan=solo/);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    for (const g of doc.groups) for (const x of g.curve) expect(x.time).toBeGreaterThanOrEqual(0);
  });

  it('a duration below 0 and an empty one are left out and counted', async () => {
    const r = await runCli(['survival', file('tenure.csv'), '--duration', 'months', '--event', 'churn=Yes', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.report.customers.excluded).toMatchObject({ negative_duration: 1, missing_duration: 1 });
    expect(doc.groups[0]).toMatchObject({ n: 3, events: 2 });
    expect(r.stderr).toMatch(/left out 1 with a duration below 0/);
    expect(r.stderr).toMatch(/left out 1 with an empty or unreadable duration/);
  });

  it('an --event value that never occurs: exit 2, one line naming the file and column', async () => {
    const r = await runCli(['survival', file('tenure.csv'), '--duration', 'months', '--event', 'churn=Churned']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(file('tenure.csv'));
    expect(r.stderr).toContain('column "churn"');
    expect(r.stderr).toContain('"Churned" never occurs');
  });

  it('a missing column, a bad option value, no churn information: exit 2 with one line', async () => {
    const missing = await runCli(['survival', file('km.csv'), '--duration', 'tenure', '--event', 'event']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/km\.csv, column "tenure": no column "tenure" for duration/);
    const level = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--conf-level', '95']);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/--conf-level "95" must be between 0 and 1/);
    const noChurn = await runCli(['survival', file('orders.csv'), '--customers', file('orders.csv')]);
    expect(noChurn.code).toBe(2);
    expect(noChurn.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await runCli(['survival', file('km.csv'), '--duration', 'days', '--event', 'event', '--unit', 'years']);
    expect(bad.code).toBe(2);
  });
});

describe('kohort survival --duration --rejects FILE', () => {
  // Before, the run said "left out 1 with an empty or unreadable duration" and wrote no file.
  it('--rejects lists a duration that is present but no number (x7), with its row, column, value and reason; blanks and NA are not rejects', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kohort-survival-rejects-'));
    const data = path.join(work, 'customers.csv');
    writeFileSync(data, ['id,tenure,churned', 'a,3,1', 'b,x7,0', 'c,5,0', 'd,,1', 'e,NA,0', 'f,2,1'].join('\n'));
    const rejects = path.join(work, 'rej.csv');
    const r = await runCli(['survival', data, '--id', 'id', '--duration', 'tenure', '--event', 'churned=1', '--rejects', rejects, '--format', 'csv', '--out', path.join(work, 's.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/left out 3 with an empty or unreadable duration/);
    expect(readFileSync(rejects, 'utf8')).toBe(`file,row,column,value,reason\n${data},2,tenure,x7,is not a number\n`);
  });
});
