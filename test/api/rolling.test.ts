import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { averageTable } from '../../src/result/average-table.js';
import { tidyTable } from '../../src/result/tidy-table.js';
import { retention } from '../../src/api/matrix.js';
import { runCli } from '../cli/run-cli.js';

// METRICS.md section 9: rolling completeness on the worked example's activity, cohort =
// channel alone, a and c referral, b and d organic, as-of 2024-04-01T00:00Z.
const activity = aq.table({
  id: ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'd'],
  time: ['2024-01-05', '2024-02-10', '2024-03-01', '2024-01-20', '2024-03-15', '2024-02-01', '2024-02-28', '2024-03-31T23:59Z'],
});
const customers = aq.table({ id: ['a', 'b', 'c', 'd'], channel: ['referral', 'organic', 'referral', 'organic'] });
const AS_OF = '2024-04-01T00:00Z';

interface Row {
  channel: string;
  offset: number;
  cohort_size: number;
  eligible: number;
  active: number;
  value: number;
  complete: boolean;
}

// cohort -> [value, eligible] per offset; offsets not listed are absent.
const EXPECTED: Record<string, [number, number][]> = {
  referral: [
    [1.0, 2],
    [0.5, 2],
    [1.0, 1],
  ],
  organic: [
    [1.0, 2],
    [0.0, 1],
    [1.0, 1],
  ],
};

function checkRows(rows: Row[]): void {
  for (const [channel, cells] of Object.entries(EXPECTED)) {
    const mine = rows.filter((r) => r.channel === channel).sort((x, y) => x.offset - y.offset);
    expect(mine.map((r) => [r.value, r.eligible])).toEqual(cells);
    expect(mine.every((r) => r.complete && r.cohort_size === 2)).toBe(true);
  }
  expect(rows.length).toBe(6);
}

describe('retention(tables, {cohort: ["channel"]}): rolling completeness, the METRICS.md worked example', () => {
  it('is rolling by default for a cohort without a time part, with eligible as each denominator', () => {
    const r = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['channel'], asOf: AS_OF, anchor: 'first-activity' });
    expect(r.spec.completeness).toBe('rolling');
    checkRows(tidyTable(r).objects() as unknown as Row[]);
    // Absent at k = 3: eligible 0.
    expect(r.width).toBe(3);
  });

  it('the average row uses eligible: (2+1)/4, (1+0)/3, (1+1)/2', () => {
    const r = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['channel'], asOf: AS_OF });
    const avg = averageTable(r).objects() as { offset: number; eligible: number; active: number; value: number }[];
    expect(avg.map((a) => [a.eligible, a.active])).toEqual([
      [4, 4],
      [3, 1],
      [2, 2],
    ]);
    expect(avg.map((a) => a.value)).toEqual([1, 1 / 3, 1]);
  });

  it('strictly, organic has only k = 0 (its latest member, d, starts in March)', () => {
    const r = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['channel'], asOf: AS_OF, completeness: 'strict' });
    const rows = tidyTable(r).objects() as unknown as Row[];
    expect(rows.filter((x) => x.channel === 'organic').map((x) => x.offset)).toEqual([0]);
    expect('eligible' in rows[0]).toBe(false);
  });

  it('both paths (period masks and compacted events) agree, and a time cohort may ask for rolling', () => {
    const byMonth = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['month'], asOf: AS_OF, completeness: 'rolling' });
    const strict = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['month'], asOf: AS_OF });
    // A time cohort's members share one period: rolling equals strict.
    expect(Array.from(byMonth.cells.value).map((v) => (v === v ? v : null))).toEqual(
      Array.from(strict.cells.value).map((v, i) => (strict.cells.complete[i] ? v : null)),
    );
    const elapsed = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['channel'], asOf: AS_OF, offsets: 'elapsed' });
    expect(elapsed.cells.eligible).toBeDefined();
  });

  it('refuses --partial with rolling, and partial alone falls back to strict', () => {
    expect(() => retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['channel'], completeness: 'rolling', partial: true })).toThrow(/partial shows cells before their period ended, which completeness rolling never has/);
    const r = retention({ activity, customers }, { columns: { id: 'id', time: 'time' }, cohort: ['channel'], partial: true });
    expect(r.spec.completeness).toBe('strict');
  });
});

describe('kohort matrix --cohort channel (rolling) on the worked example', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-rolling-'));
  const events = path.join(dir, 'events.csv');
  const cust = path.join(dir, 'customers.csv');
  writeFileSync(events, aq.toCSV(activity));
  writeFileSync(cust, aq.toCSV(customers));
  const base = ['matrix', events, '--customers', cust, '--id', 'id', '--time', 'time', '--anchor', 'first-activity', '--cohort', 'channel', '--as-of', AS_OF, '-q'];

  it('tidy-csv carries eligible', async () => {
    const r = await runCli([...base, '--format', 'tidy-csv']);
    expect(r.code).toBe(0);
    const rows = aq.fromCSV(r.stdout, { parse: { channel: String } }).objects() as unknown as Row[];
    checkRows(rows);
  });

  it('json rows and average carry eligible', async () => {
    const r = await runCli([...base, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { rows: Row[]; average: { eligible: number; value: number }[] };
    checkRows(doc.rows);
    expect(doc.average.map((a) => a.eligible)).toEqual([4, 3, 2]);
  });

  it('arrow carries eligible', async () => {
    const out = path.join(dir, 'm.arrow');
    const r = await runCli([...base, '--format', 'arrow', '--out', out]);
    expect(r.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const t = tableFromIPC(readFileSync(out));
    const rows = t.toArray().map((x) => {
      const o = x.toJSON() as Record<string, unknown>;
      return { ...o, eligible: Number(o.eligible), offset: Number(o.offset), cohort_size: Number(o.cohort_size), active: Number(o.active) } as unknown as Row;
    });
    checkRows(rows);
  });

  it('--completeness strict leaves organic with k = 0 only; a bad value is named', async () => {
    const r = await runCli([...base, '--format', 'tidy-csv', '--completeness', 'strict']);
    const rows = aq.fromCSV(r.stdout).objects() as unknown as Row[];
    expect(rows.filter((x) => x.channel === 'organic').length).toBe(1);
    const bad = await runCli([...base, '--completeness', 'loose']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/completeness/);
  });
});
