import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

let dir: string;
const file = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-crr-cli-'));
  // METRICS.md section 9, CRR: customers (id, signup, churn).
  writeFileSync(
    file('customers.csv'),
    [
      'customer_id,signup_at,churned_at,plan',
      'p,2023-12-01,,basic',
      'q,2024-01-10,2024-03-05,basic',
      'r,2024-02-15,2024-04-02,pro',
      's,2024-03-03,2024-03-20,pro',
      't,2024-03-10,,pro',
    ].join('\n'),
  );
  writeFileSync(file('bad.csv'), 'customer_id,signup_at,churned_at\na,2024-01-10,2024-01-05\nb,2024-01-01,\n');
  writeFileSync(file('orders.csv'), 'id,time\na,2024-01-05\na,2024-01-20\nb,2024-01-10\nc,2024-02-02\nc,2024-03-30\n');
});

const HEADER = 'period,customers_start,new_customers,customers_end,retained,lost,crr,churn_rate,crr_exact,period_start';

describe('kohort crr: the METRICS.md worked example', () => {
  it('CSV: March 2024 has CI 3, CN 2, CF 3, CRR 33.3, churn 66.7, exact 66.7', async () => {
    const r = await runCli(['crr', file('customers.csv'), '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      '2023-12,0,1,1,0,0', '2024-01,1,1,2,1,0', '2024-02,2,1,3,2,0', '2024-03,3,2,3,2,1',
    ]);
    expect(lines[1]).toBe('2023-12,0,1,1,0,0,,,,2023-12-01'); // no rate where customers_start = 0
    const [crr, churn, exact] = lines[4].split(',').slice(6, 9).map(Number);
    expect([crr.toFixed(1), churn.toFixed(1), exact.toFixed(1)]).toEqual(['33.3', '66.7', '66.7']);
  });

  it('JSON, table and Arrow', async () => {
    const json = await runCli(['crr', file('customers.csv'), '--from', '2024-03', '--to', '2024-03', '--format', 'json', '-q']);
    const doc = JSON.parse(json.stdout);
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]).toMatchObject({ period: '2024-03', customers_start: 3, new_customers: 2, customers_end: 3, retained: 2, lost: 1 });
    expect(doc.rows[0].crr).toBeCloseTo(100 / 3, 12);
    expect(doc.as_of).toBe('2024-04-03T00:00:00.000Z');
    const table = await runCli(['crr', file('customers.csv'), '--format', 'table', '-q']);
    expect(table.stdout).toMatch(/2024-03\s+3\s+2\s+3\s+2\s+1\s+33\.3%\s+66\.7%\s+66\.7%/);
    const out = file('crr.arrow');
    const arrow = await runCli(['crr', file('customers.csv'), '--format', 'arrow', '--out', out, '-q']);
    expect(arrow.code).toBe(0);
    const t = tableFromIPC(readFileSync(out));
    expect(t.schema.fields.map((f) => f.name).join(',')).toBe(HEADER);
    expect(t.numRows).toBe(4);
  });

  it('per --by group (group columns first) and per quarter', async () => {
    const r = await runCli(['crr', file('customers.csv'), '--by', 'plan', '--period', 'quarter', '--as-of', '2024-07-01', '-q']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`plan,${HEADER}`);
    expect(lines.map((l) => l.split(',').slice(0, 5).join(',')).slice(1)).toEqual([
      'basic,2023-Q4,0,1,1', 'basic,2024-Q1,1,1,1', 'basic,2024-Q2,1,0,1',
      'pro,2023-Q4,0,0,0', 'pro,2024-Q1,0,3,2', 'pro,2024-Q2,2,0,1',
    ]);
  });

  it('from activity with --inactive-after, the report on stderr', async () => {
    const r = await runCli(['crr', file('orders.csv'), '--inactive-after', '30d', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '2024-01,0,2,2', '2024-02,2,1,1', '2024-03,1,0,1',
    ]);
    expect(r.stderr).toMatch(/read 5 rows of activity/);
  });
});

describe('kohort crr: bad input', () => {
  it('churn before signup: counted on stderr and in the JSON report', async () => {
    const r = await runCli(['crr', file('bad.csv'), '--as-of', '2024-03-01', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).report.customers.excluded.churn_before_anchor).toBe(1);
    expect(r.stderr).toMatch(/left out 1 with a churn time before their signup/);
  });

  it('a bad --from, a missing churn column, no churn at all: exit 2 with one line', async () => {
    const from = await runCli(['crr', file('customers.csv'), '--from', 'March']);
    expect(from.code).toBe(2);
    expect(from.stderr).toMatch(/--from "March" is not a date or a period/);
    const missing = await runCli(['crr', file('customers.csv'), '--churn', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/customers\.csv, column "nope": no column "nope" for churn time/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const noChurn = await runCli(['crr', file('orders.csv')]);
    expect(noChurn.code).toBe(2);
  });

  it('notes a --to past the as-of date', async () => {
    const r = await runCli(['crr', file('customers.csv'), '--to', '2025-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--to is past the last period/);
  });
});
