import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

// Differential test of rolling completeness (METRICS.md section 3) on the generated sample
// (2,000 customers, 40,000 events): kohort's tidy output against SQL written from the
// definition. A customer's offset-k period is counted once it has ended at or before
// as-of; eligible(c, k) is the number of such members, the cell's denominator.
const SAMPLE = path.resolve(__dirname, '../../datasets/sample');
const events = path.join(SAMPLE, 'activity.csv');
const customers = path.join(SAMPLE, 'customers.csv');
const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Rolling cells per (attribute, k): eligible, active, value. anchor: first activity or signup. */
function rollingSql(o: { anchor: 'first-activity' | 'signup'; mode: 'classic' | 'unbounded'; by: string; period: 'month' | 'week' }): string {
  const p = o.period;
  const ev = `SELECT customer_id AS id, CAST(event_time AS TIMESTAMP) AS t FROM read_csv(${q(events)}, header=true, all_varchar=true)`;
  const cu = `SELECT customer_id AS id, CAST(signup_at AS TIMESTAMP) AS s, ${o.by} AS g FROM read_csv(${q(customers)}, header=true, all_varchar=true)`;
  // Default as-of: midnight after the latest timestamp read (activity, and signup when it anchors).
  const latest = o.anchor === 'signup' ? 'greatest((SELECT max(t) FROM ev), (SELECT max(s) FROM cu))' : '(SELECT max(t) FROM ev)';
  const members =
    o.anchor === 'signup'
      ? `SELECT cu.id, date_trunc('${p}', cu.s) AS cm, cu.g FROM cu, ao WHERE cu.s < ao.a`
      : `SELECT am.id, min(am.m) AS cm, any_value(cu.g) AS g FROM am LEFT JOIN cu ON cu.id = am.id GROUP BY am.id`;
  const active =
    o.mode === 'classic'
      ? `EXISTS (SELECT 1 FROM am WHERE am.id = gr.id AND am.m = gr.cm + to_${p}s(CAST(gr.k AS INTEGER)))`
      : `EXISTS (SELECT 1 FROM am WHERE am.id = gr.id AND am.m >= gr.cm + to_${p}s(CAST(gr.k AS INTEGER)))`;
  return `WITH ev AS (${ev}), cu AS (${cu}),
  ao AS (SELECT date_trunc('day', ${latest}) + INTERVAL 1 DAY AS a),
  am AS (SELECT id, date_trunc('${p}', t) AS m FROM ev, ao WHERE t < ao.a GROUP BY ALL),
  f AS (${members}),
  -- the last offset whose period ended at or before as-of: the one before the as-of period
  fl AS (SELECT f.*, datediff('${p}', f.cm, date_trunc('${p}', ao.a)) - 1 AS lim FROM f, ao),
  gr AS (SELECT fl.id, fl.cm, fl.g, r.k FROM fl, range(0, 1200) r(k) WHERE r.k <= fl.lim),
  cells AS (SELECT g, k, count(*) AS eligible, count(*) FILTER (WHERE ${active}) AS active FROM gr GROUP BY g, k)
  SELECT g, k AS "offset", eligible, active, active / eligible AS value FROM cells ORDER BY g NULLS FIRST, k`;
}

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

const CASES = [
  { anchor: 'first-activity', mode: 'classic', by: 'channel', period: 'month' },
  { anchor: 'first-activity', mode: 'unbounded', by: 'plan', period: 'week' },
  { anchor: 'signup', mode: 'classic', by: 'onboarding', period: 'month' },
] as const;

describe.each(CASES)('kohort matrix --cohort <attribute> (rolling) vs DuckDB SQL: %o', (c) => {
  it('gives the same eligible and active counts, values to 1e-12', async () => {
    const args = ['matrix', events, '--customers', customers, '--id', 'customer_id', '--time', 'event_time', '--cohort', c.by, '--period', c.period, '--mode', c.mode, '--format', 'tidy-csv', '-q'];
    if (c.anchor === 'signup') args.push('--signup', 'signup_at');
    else args.push('--anchor', 'first-activity');
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const mine = aq.fromCSV(r.stdout, { parse: { [c.by]: String } }).objects() as Record<string, unknown>[];
    const theirs = await duck(rollingSql(c));
    expect(theirs.length).toBeGreaterThan(10);
    const key = (g: unknown, k: unknown): string => `${g ?? ''}|${Number(k)}`;
    const mineBy = new Map(mine.map((x) => [key(x[c.by], x.offset), x]));
    expect(mine.length).toBe(theirs.length);
    for (const t of theirs) {
      const m = mineBy.get(key(t.g, t.offset));
      expect(m, key(t.g, t.offset)).toBeDefined();
      expect([Number(m!.eligible), Number(m!.active)]).toEqual([Number(t.eligible), Number(t.active)]);
      expect(Number(m!.value)).toBeCloseTo(Number(t.value), 12);
    }
  });
});
