import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { CompareJSON } from '../../../src/result/compare-result.js';
import { hasSharedDataset, sharedDataset } from '../../shared-datasets.js';
import { runCli } from '../run-cli.js';

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  return (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const MAVEN = 'maven_telecom/telecom_customer_churn.csv';

describe.runIf(hasSharedDataset(MAVEN))('kohort compare --by "Number of Referrals > 0" on Maven telecom', () => {
  const file = sharedDataset(MAVEN);
  const args = [
    'compare', file, '--id', 'Customer ID', '--by', 'Number of Referrals > 0', '--duration', 'Tenure in Months',
    '--event', 'Customer Status=Churned', '--unit', 'months', '--amount', 'Total Revenue', '--format', 'json', '-q',
  ];
  // Durations given directly (METRICS.md section 7): duration = tenure, event = churned.
  const base = `SELECT "Number of Referrals" > 0 AS g, "Tenure in Months" AS t, ("Customer Status" = 'Churned')::INTEGER AS ev,
    "Total Revenue" AS rev FROM read_csv(${q(file)}, header=true)`;

  it('runs end to end; sizes, churned counts and revenue per customer agree with DuckDB', async () => {
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJSON;
    const sql = await duck(`WITH d AS (${base}) SELECT g::VARCHAR AS g, count(*) AS n, sum(ev) AS events, sum(rev) AS total, avg(rev) AS mean,
      stddev_samp(rev) AS sd FROM d GROUP BY g ORDER BY g DESC`);
    expect(sql.map((x) => [x.g, Number(x.n)])).toEqual([
      ['true', 3222],
      ['false', 3821],
    ]);
    expect(doc.groups.map((g) => [g.key, g.n])).toEqual(sql.map((x) => [x.g, Number(x.n)]));
    const km = doc.survival!.groups;
    for (const s of sql) {
      const g = km.find((x) => Object.values(x.key)[0] === s.g)!;
      expect([g.n, g.events]).toEqual([Number(s.n), Number(s.events)]);
      const v = doc.revenue.find((x) => x.group === s.g)!;
      expect(v.customers).toBe(Number(s.n));
      expect(v.total).toBeCloseTo(Number(s.total), 6);
      expect(v.mean!).toBeCloseTo(Number(s.mean), 9);
      expect(v.sd!).toBeCloseTo(Number(s.sd), 9);
    }
    // Churned customers of both groups: the 1,869 of the data set's README.
    expect(km.reduce((a, g) => a + g.events, 0)).toBe(1869);
    expect(doc.survival!.test!.p).toBeLessThan(1e-6);
    expect(doc.summary).toMatch(/^customers with Number of Referrals > 0 are \d+\.\d points .* more likely to still be customers at the end of month \d+ than customers not matching Number of Referrals > 0/);
  });

  it('the per-offset curves are Kaplan-Meier S at each month end, as DuckDB computes it from the definition', async () => {
    const r = await runCli(args);
    const doc = JSON.parse(r.stdout) as CompareJSON;
    // S(t) = product over event times t_i <= t of (1 - d_i / n_i); at risk = durations >= t_i.
    const sql = await duck(`WITH d AS (${base}),
      tt AS (SELECT g, t, sum(ev) AS d, count(*) AS c FROM d GROUP BY g, t),
      rk AS (SELECT g, t, d, sum(c) OVER (PARTITION BY g ORDER BY t DESC) AS n FROM tt),
      km AS (SELECT g, t, exp(sum(ln(1 - d / n)) OVER (PARTITION BY g ORDER BY t)) AS s, n FROM rk),
      ends AS (SELECT range AS k FROM range(0, 72))
      SELECT km.g::VARCHAR AS g, ends.k, arg_max(km.s, km.t) AS s,
        (SELECT count(*) FROM d WHERE d.g = km.g AND d.t >= ends.k + 1) AS at_risk
      FROM km, ends WHERE km.t <= ends.k + 1 GROUP BY km.g, ends.k ORDER BY 1, 2`);
    let checked = 0;
    for (const row of sql) {
      if (Number(row.at_risk) === 0) continue;
      const p = doc.groups.find((g) => g.key === row.g)!.average.find((a) => a.offset === Number(row.k))!;
      expect(p.value).toBeCloseTo(Number(row.s), 10);
      expect(p.eligible).toBe(Number(row.at_risk));
      ++checked;
    }
    expect(checked).toBeGreaterThan(100);
    expect(doc.differences.length).toBe(doc.groups[0].average.length);
  });
});

const LEADS = 'olist_marketing/olist_marketing_qualified_leads_dataset.csv';
const DEALS = 'olist_marketing/olist_closed_deals_dataset.csv';

describe.runIf(hasSharedDataset(LEADS) && hasSharedDataset(DEALS))('kohort compare --by origin --until first-activity on Olist leads', () => {
  const leads = sharedDataset(LEADS);
  const deals = sharedDataset(DEALS);
  const args = [
    'compare', deals, '--customers', leads, '--id', 'mql_id', '--time', 'won_date', '--signup', 'first_contact_date',
    '--by', 'origin', '--groups', 'referral,organic_search,paid_search', '--until', 'first-activity', '--at', '30,90,180',
    '--format', 'json', '-q',
  ];
  // Leads anchored at first contact (DD-MM-YYYY), a won deal the first activity after it;
  // as-of: the end of the latest day among first contacts and won deals.
  const base = `l AS (SELECT mql_id AS id, strptime(first_contact_date, '%d-%m-%Y') AS s, origin AS g
      FROM read_csv(${q(leads)}, header=true, all_varchar=true) WHERE origin IN ('referral', 'organic_search', 'paid_search')),
    d AS (SELECT mql_id AS id, CAST(won_date AS TIMESTAMP) AS w FROM read_csv(${q(deals)}, header=true, all_varchar=true)),
    ao AS (SELECT date_trunc('day', greatest((SELECT max(w) FROM d), (SELECT max(s) FROM l))) + INTERVAL 1 DAY AS a),
    -- w: the first deal at or after first contact (the survival event); m0: a deal in the
    -- first contact's own month, earlier that month included (calendar offset 0, METRICS.md section 2)
    c AS (SELECT l.g, l.s, min(d.w) FILTER (WHERE d.w >= l.s) AS w,
      coalesce(bool_or(date_trunc('month', d.w) = date_trunc('month', l.s)), false) AS m0
      FROM l LEFT JOIN d ON d.id = l.id, ao WHERE l.s < ao.a GROUP BY l.id, l.g, l.s)`;

  it('lead counts, won deals and first-month conversions agree with DuckDB', async () => {
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJSON;
    const sql = await duck(`WITH ${base}
      SELECT g, count(*) AS n, count(w) AS won,
        count(*) FILTER (WHERE date_trunc('month', s) < date_trunc('month', (SELECT a FROM ao))) AS eligible0,
        count(*) FILTER (WHERE date_trunc('month', s) < date_trunc('month', (SELECT a FROM ao)) AND m0) AS active0
      FROM c GROUP BY g ORDER BY g`);
    expect(sql.length).toBe(3);
    for (const s of sql) {
      const g = doc.groups.find((x) => x.key === s.g)!;
      expect(g.n).toBe(Number(s.n));
      const k0 = g.average.find((a) => a.offset === 0)!;
      expect([k0.active, k0.eligible]).toEqual([Number(s.active0), Number(s.eligible0)]);
      const km = doc.survival!.groups.find((x) => Object.values(x.key)[0] === s.g)!;
      expect([km.n, km.events]).toEqual([Number(s.n), Number(s.won)]);
    }
    expect(doc.groups.find((g) => g.key === 'organic_search')!.n).toBe(2296);
    expect(doc.differences.every((d) => d.reference === 'organic_search')).toBe(true);
  });

  it('S(t), the share not yet won t days after first contact, agrees with DuckDB', async () => {
    const doc = JSON.parse((await runCli(args)).stdout) as CompareJSON;
    const sql = await duck(`WITH ${base},
      dd AS (SELECT g, (epoch_ms(coalesce(w, (SELECT a FROM ao))) - epoch_ms(s)) / 86400000.0 AS t, (w IS NOT NULL)::INTEGER AS ev FROM c),
      tt AS (SELECT g, t, sum(ev) AS d, count(*) AS n0 FROM dd GROUP BY g, t),
      rk AS (SELECT g, t, d, sum(n0) OVER (PARTITION BY g ORDER BY t DESC) AS n FROM tt),
      km AS (SELECT g, t, exp(sum(ln(1 - d / n)) OVER (PARTITION BY g ORDER BY t)) AS s FROM rk),
      pts AS (SELECT unnest([30, 90, 180]) AS p)
      SELECT km.g, pts.p, arg_max(km.s, km.t) AS s FROM km, pts WHERE km.t <= pts.p GROUP BY km.g, pts.p ORDER BY 1, 2`);
    expect(sql.length).toBe(9);
    for (const s of sql) {
      const g = doc.survival!.groups.find((x) => Object.values(x.key)[0] === s.g)!;
      expect(g.at.find((a) => a.time === Number(s.p))!.survival!).toBeCloseTo(Number(s.s), 10);
    }
  });
});

describe.runIf(hasSharedDataset(MAVEN))('kohort compare --by "Number of Referrals" --groups 0,1,2 on Maven telecom', () => {
  it('the groups of a number column are 0, 1, 2 (as DuckDB reads the column), not "0.0"', async () => {
    const r = await runCli([
      'compare', sharedDataset(MAVEN), '--id', 'Customer ID', '--by', 'Number of Referrals', '--groups', '0,1,2', '--duration', 'Tenure in Months',
      '--event', 'Customer Status=Churned', '--unit', 'months', '--format', 'json', '-q',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as CompareJSON;
    const sql = await duck(`SELECT "Number of Referrals"::VARCHAR AS g, count(*) AS n FROM read_csv(${q(sharedDataset(MAVEN))}, header=true)
      WHERE "Number of Referrals" IN (0, 1, 2) GROUP BY 1 ORDER BY 1`);
    expect(doc.groups.map((g) => [g.key, g.n]).sort()).toEqual(sql.map((x) => [x.g, Number(x.n)]));
  });
});
