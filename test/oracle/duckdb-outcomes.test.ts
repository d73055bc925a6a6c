import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { hasSharedDataset, sharedDataset } from '../shared-datasets.js';

// Differential tests: `kohort reasons`, `kohort value` and `kohort feedback` against SQL
// written straight from METRICS.md section 8 and run in DuckDB. kohort's own CSV output is
// read back by DuckDB too, so both sides are compared as DuckDB rows.

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
let dir: string;
let con: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-outcomes-'));
  con = await (await DuckDBInstance.create(':memory:')).connect();
});

async function sql(text: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(text)).getRowObjectsJson() as Record<string, unknown>[];
}

/** Run kohort with `--format tidy-csv --out`, then read its CSV back with DuckDB. */
async function kohort(name: string, args: string[]): Promise<Record<string, unknown>[]> {
  const out = path.join(dir, `${name}.csv`);
  const r = await runCli([...args, '--format', 'tidy-csv', '--out', out, '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return sql(`SELECT * FROM read_csv(${q(out)}, header=true, all_varchar=true)`);
}

const num = (x: unknown): number | null => (x === null || x === undefined || x === '' ? null : Number(x));
const key = (row: Record<string, unknown>, cols: string[]): string => JSON.stringify(cols.map((c) => row[c]));
/** Rows of both sides matched on `keys`; numbers compared to 1e-9 relative. */
function expectSameRows(mine: Record<string, unknown>[], theirs: Record<string, unknown>[], keys: string[], measures: string[]): void {
  expect(mine.length).toBe(theirs.length);
  const byKey = new Map(theirs.map((r) => [key(r, keys), r]));
  for (const row of mine) {
    const other = byKey.get(key(row, keys));
    expect(other, `no SQL row for ${key(row, keys)}`).toBeDefined();
    for (const m of measures) {
      const a = num(row[m]);
      const b = num(other![m]);
      if (a === null || b === null) expect([m, a]).toEqual([m, b]);
      else expect(Math.abs(a - b), `${m} of ${key(row, keys)}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    }
  }
}

const MAVEN = 'maven_telecom/telecom_customer_churn.csv';
const maven = hasSharedDataset(MAVEN);
const STATUS = ['--id', 'Customer ID', '--event', 'Customer Status=Churned'];
const mavenRel = (): string => `read_csv(${q(sharedDataset(MAVEN))}, header=true, all_varchar=true)`;

describe.skipIf(!maven)('kohort reasons vs DuckDB SQL on maven_telecom', () => {
  const reasonSql = (by: string[], levels: string[]): string => {
    const keys = [...by.map((b) => `"${b}"`), ...levels.map((l) => `coalesce(nullif(trim("${l}"), ''), '(none)') AS "${l}"`)];
    const part = by.length ? `PARTITION BY ${by.map((b) => `"${b}"`).join(', ')}` : '';
    return `
      WITH t AS (SELECT * FROM ${mavenRel()}),
      seg AS (SELECT ${by.length ? by.map((b) => `"${b}"`).join(', ') + ',' : ''} count(*) AS segment_customers,
                     count(*) FILTER (WHERE "Customer Status" = 'Churned') AS segment_churned
              FROM t ${by.length ? 'GROUP BY ALL' : ''}),
      c AS (SELECT ${keys.join(', ')}, count(*) AS churned FROM t WHERE "Customer Status" = 'Churned' GROUP BY ALL)
      SELECT c.*, churned / sum(churned) OVER (${part}) AS share, churned / sum(churned) OVER () AS share_of_all,
             seg.segment_churned, seg.segment_customers
      FROM c ${by.length ? `JOIN seg USING (${by.map((b) => `"${b}"`).join(', ')})` : 'CROSS JOIN seg'}`;
  };
  const measures = ['churned', 'share', 'share_of_all', 'segment_churned', 'segment_customers'];

  it('by Contract, Churn Category: every count and share, summing to the 1,869 churned', async () => {
    const mine = await kohort('reasons-category', ['reasons', sharedDataset(MAVEN), ...STATUS, '--reason', 'Churn Category', '--by', 'Contract']);
    const theirs = await sql(reasonSql(['Contract'], ['Churn Category']));
    expectSameRows(mine, theirs, ['Contract', 'Churn Category'], measures);
    expect(mine.reduce((s, r) => s + Number(r.churned), 0)).toBe(1869);
    expect(mine.length).toBe(15);
  });

  it('by Contract, Churn Category then Churn Reason: every count and share, summing to 1,869', async () => {
    const mine = await kohort('reasons-two', ['reasons', sharedDataset(MAVEN), ...STATUS, '--reason', 'Churn Category,Churn Reason', '--by', 'Contract']);
    const theirs = await sql(reasonSql(['Contract'], ['Churn Category', 'Churn Reason']));
    expectSameRows(mine, theirs, ['Contract', 'Churn Category', 'Churn Reason'], measures);
    expect(mine.reduce((s, r) => s + Number(r.churned), 0)).toBe(1869);
    // No churned customer is without a category in this data set: no "(none)" row.
    expect(mine.some((r) => r['Churn Category'] === '(none)')).toBe(false);
  });

  it('the Parquet output reads back in DuckDB with its types and the same rows', async () => {
    const out = path.join(dir, 'reasons.parquet');
    const r = await runCli(['reasons', sharedDataset(MAVEN), ...STATUS, '--reason', 'Churn Category,Churn Reason', '--by', 'Contract', '--format', 'parquet', '--out', out, '-q']);
    expect(r.code).toBe(0);
    const types = await sql(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${q(out)}))`);
    expect(types.map((t) => `${t.column_name}:${t.column_type}`)).toEqual([
      'Contract:VARCHAR', 'Churn Category:VARCHAR', 'Churn Reason:VARCHAR', 'churned:INTEGER', 'share:DOUBLE',
      'share_of_all:DOUBLE', 'segment_churned:INTEGER', 'segment_customers:INTEGER',
    ]);
    const theirs = await sql(reasonSql(['Contract'], ['Churn Category', 'Churn Reason']));
    const mine = await sql(`SELECT * FROM read_parquet(${q(out)})`);
    expectSameRows(mine, theirs, ['Contract', 'Churn Category', 'Churn Reason'], measures);
  });

  it('overall (no --by): Churn Reason alone', async () => {
    const mine = await kohort('reasons-overall', ['reasons', sharedDataset(MAVEN), ...STATUS, '--reason', 'Churn Reason']);
    expectSameRows(mine, await sql(reasonSql([], ['Churn Reason'])), ['Churn Reason'], measures);
  });
});

describe.skipIf(!maven)('kohort value vs DuckDB SQL on maven_telecom', () => {
  // Both statuses of every segment, a status without customers as a row of zeros (kohort's rows).
  const valueSql = (by: string[]): string => {
    const cols = by.map((b) => `"${b}"`).join(', ');
    return `
    WITH t AS (SELECT *, CAST("Total Revenue" AS DOUBLE) AS v,
                      CASE WHEN "Customer Status" = 'Churned' THEN 'churned' ELSE 'retained' END AS status
               FROM ${mavenRel()}),
    k AS (SELECT * FROM (SELECT DISTINCT ${cols || '1 AS one'} FROM t) CROSS JOIN (VALUES ('churned'), ('retained')) AS st(status)),
    s AS (SELECT k.*, count(v) + count(*) FILTER (WHERE t.status IS NOT NULL AND v IS NULL) AS customers, avg(v) AS mean,
                 median(v) AS median, coalesce(sum(v), 0) AS total,
                 count(*) FILTER (WHERE t.status IS NOT NULL AND v IS NULL) AS missing
          FROM k LEFT JOIN t ON k.status = t.status ${by.map((b) => `AND k."${b}" = t."${b}"`).join(' ')} GROUP BY ALL)
    SELECT *, total / sum(total) OVER (${by.length ? `PARTITION BY ${cols}` : ''}) AS share_of_total FROM s`;
  };
  const measures = ['customers', 'mean', 'median', 'total', 'share_of_total', 'missing'];

  it('splits Total Revenue of churned vs stayed customers', async () => {
    const mine = await kohort('value', ['value', sharedDataset(MAVEN), ...STATUS, '--value', 'Total Revenue']);
    const theirs = await sql(valueSql([]));
    expectSameRows(mine, theirs, ['status'], measures);
    const churned = mine.find((r) => r.status === 'churned')!;
    expect(Number(churned.customers)).toBe(1869);
    expect(Number(mine.find((r) => r.status === 'retained')!.customers)).toBe(7043 - 1869);
  });

  it('churned vs Stayed alone (--where "Customer Status != Joined" leaves the new customers out)', async () => {
    const mine = await kohort('value-stayed', ['value', sharedDataset(MAVEN), ...STATUS, '--value', 'Total Revenue', '--where', 'Customer Status != Joined']);
    const theirs = await sql(`
      SELECT CASE WHEN "Customer Status" = 'Churned' THEN 'churned' ELSE 'retained' END AS status, count(*) AS customers,
             avg(CAST("Total Revenue" AS DOUBLE)) AS mean, median(CAST("Total Revenue" AS DOUBLE)) AS median,
             sum(CAST("Total Revenue" AS DOUBLE)) AS total, 0 AS missing,
             sum(CAST("Total Revenue" AS DOUBLE)) / sum(sum(CAST("Total Revenue" AS DOUBLE))) OVER () AS share_of_total
      FROM ${mavenRel()} WHERE "Customer Status" IN ('Churned', 'Stayed') GROUP BY ALL`);
    expectSameRows(mine, theirs, ['status'], measures);
    expect(Number(theirs.find((r) => r.status === 'retained')!.customers)).toBe(4720);
  });

  it('by Contract and Offer', async () => {
    const mine = await kohort('value-by', ['value', sharedDataset(MAVEN), ...STATUS, '--value', 'Total Revenue', '--by', 'Contract,Offer']);
    expectSameRows(mine, await sql(valueSql(['Contract', 'Offer'])), ['Contract', 'Offer', 'status'], measures);
  });
});

// The bundled sample: churn from a time column at an as-of inside the data.
describe('kohort reasons and value vs DuckDB SQL on the sample (--churn, --as-of)', () => {
  const sample = path.resolve(__dirname, '../../datasets/sample/customers.csv');
  const asOf = '2023-01-01';
  const base = `
    WITH t AS (SELECT *, CAST(signup_at AS TIMESTAMP) AS s, CAST(churned_at AS TIMESTAMP) AS c
               FROM read_csv(${q(sample)}, header=true, all_varchar=true)),
    -- METRICS section 1/7: in the run when signed up before as-of (churn before signup would be left out);
    -- churned when the churn time is at or before as-of.
    r AS (SELECT *, c IS NOT NULL AND c <= TIMESTAMP '${asOf}' AS churned FROM t WHERE s < TIMESTAMP '${asOf}')`;

  it('reasons by plan', async () => {
    const mine = await kohort('sample-reasons', ['reasons', sample, '--signup', 'signup_at', '--churn', 'churned_at', '--reason', 'churn_reason', '--by', 'plan', '--as-of', asOf]);
    const theirs = await sql(`${base},
      c AS (SELECT plan, coalesce(nullif(trim(churn_reason), ''), '(none)') AS churn_reason, count(*) AS churned FROM r WHERE churned GROUP BY ALL),
      seg AS (SELECT plan, count(*) AS segment_customers, count(*) FILTER (WHERE churned) AS segment_churned FROM r GROUP BY ALL)
      SELECT c.*, churned / sum(churned) OVER (PARTITION BY plan) AS share, churned / sum(churned) OVER () AS share_of_all,
             segment_churned, segment_customers FROM c JOIN seg USING (plan)`);
    expectSameRows(mine, theirs, ['plan', 'churn_reason'], ['churned', 'share', 'share_of_all', 'segment_churned', 'segment_customers']);
  });

  it('reasons by signup quarter (--cohort quarter)', async () => {
    const mine = await kohort('sample-reasons-cohort', ['reasons', sample, '--signup', 'signup_at', '--churn', 'churned_at', '--reason', 'churn_reason', '--cohort', 'quarter', '--as-of', asOf]);
    const theirs = await sql(`${base},
      q AS (SELECT *, strftime(s, '%Y') || '-Q' || quarter(s) AS cohort FROM r),
      c AS (SELECT cohort, coalesce(nullif(trim(churn_reason), ''), '(none)') AS churn_reason, count(*) AS churned FROM q WHERE churned GROUP BY ALL),
      seg AS (SELECT cohort, count(*) AS segment_customers, count(*) FILTER (WHERE churned) AS segment_churned FROM q GROUP BY ALL)
      SELECT c.*, churned / sum(churned) OVER (PARTITION BY cohort) AS share, churned / sum(churned) OVER () AS share_of_all,
             segment_churned, segment_customers FROM c JOIN seg USING (cohort)`);
    expectSameRows(mine, theirs, ['cohort', 'churn_reason'], ['churned', 'share', 'share_of_all', 'segment_churned', 'segment_customers']);
  });

  it('value of monthly_price by channel', async () => {
    const mine = await kohort('sample-value', ['value', sample, '--signup', 'signup_at', '--churn', 'churned_at', '--value', 'monthly_price', '--by', 'channel', '--as-of', asOf]);
    const theirs = await sql(`${base},
      s AS (SELECT channel, CASE WHEN churned THEN 'churned' ELSE 'retained' END AS status, count(*) AS customers,
                   avg(CAST(monthly_price AS DOUBLE)) AS mean, median(CAST(monthly_price AS DOUBLE)) AS median,
                   sum(CAST(monthly_price AS DOUBLE)) AS total FROM r GROUP BY ALL)
      SELECT *, total / sum(total) OVER (PARTITION BY channel) AS share_of_total FROM s`);
    expectSameRows(mine, theirs, ['channel', 'status'], ['customers', 'mean', 'median', 'total', 'share_of_total']);
  });
});

describe('kohort feedback vs DuckDB SQL on the generated survey', () => {
  const survey = path.resolve(__dirname, '../fixtures/feedback/survey.csv');
  // Missing-value tokens of the loaders (src/load/parse-number.ts): no answer, not rejected.
  const missing = `('', 'NA', 'N/A', 'n/a', 'NULL', 'null', 'NaN', 'nan', '#N/A', '-')`;
  const score = (col: string, lo: number, hi: number): string =>
    `CASE WHEN TRY_CAST(${col} AS DOUBLE) BETWEEN ${lo} AND ${hi} AND TRY_CAST(${col} AS DOUBLE) = floor(TRY_CAST(${col} AS DOUBLE))
          THEN TRY_CAST(${col} AS DOUBLE) END`;
  const bad = (col: string, lo: number, hi: number): string =>
    `(CASE WHEN ${col} IS NOT NULL AND trim(${col}) NOT IN ${missing} AND (${score(col, lo, hi)}) IS NULL THEN 1 ELSE 0 END)`;

  it('NPS, CSAT, CES and rejections per segment (first answer per id)', async () => {
    const mine = await kohort('feedback', ['feedback', survey, '--id', 'id', '--by', 'segment', '--nps', 'nps', '--csat', 'csat', '--ces', 'ces']);
    await con.run('SET threads = 1');
    const theirs = await sql(`
      WITH raw AS (SELECT *, row_number() OVER () AS rn FROM read_csv(${q(survey)}, header=true, all_varchar=true)),
      t AS (SELECT * FROM raw QUALIFY row_number() OVER (PARTITION BY id ORDER BY rn) = 1),
      s AS (SELECT *, ${score('nps', 0, 10)} AS n, ${score('csat', 1, 5)} AS c, ${score('ces', 1, 7)} AS e,
                   ${bad('nps', 0, 10)} + ${bad('csat', 1, 5)} + ${bad('ces', 1, 7)} AS r FROM t)
      SELECT segment, count(*) AS answers,
             100.0 * (count(*) FILTER (WHERE n >= 9) - count(*) FILTER (WHERE n <= 6)) / count(n) AS nps,
             count(n) AS nps_n, count(*) FILTER (WHERE n >= 9) AS promoters, count(*) FILTER (WHERE n IN (7, 8)) AS passives,
             count(*) FILTER (WHERE n <= 6) AS detractors,
             100.0 * count(*) FILTER (WHERE c >= 4) / count(c) AS csat, avg(c) AS csat_mean, count(c) AS csat_n,
             avg(e) AS ces, count(e) AS ces_n, sum(r) AS rejected
      FROM s GROUP BY segment`);
    expectSameRows(mine, theirs, ['segment'], ['answers', 'nps', 'nps_n', 'promoters', 'passives', 'detractors', 'csat', 'csat_mean', 'csat_n', 'ces', 'ces_n', 'rejected']);
    expect(mine.reduce((s, r) => s + Number(r.rejected), 0)).toBe(7);
  });
});
