import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { toCSV } from '../../../src/export/csv/to-csv.js';
import { matrix } from '../../../src/api/matrix.js';
import { tidyTable } from '../../../src/result/tidy-table.js';
import { wideTable } from '../../../src/result/wide-table.js';

const sample = (name: string): string => new URL(`../../../datasets/sample/${name}`, import.meta.url).pathname;

/** Round every number of a table to 4 decimals, so snapshots do not churn on float noise. */
function rounded(t: aq.ColumnTable): aq.ColumnTable {
  const cols: Record<string, unknown[]> = {};
  for (const name of t.columnNames()) {
    cols[name] = (t.array(name) as unknown[]).map((v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v));
  }
  return aq.table(cols, t.columnNames());
}

describe('toCSV(table)', () => {
  it('writes nulls as empty fields and quotes what needs quoting', () => {
    const t = aq.table({ a: ['x,y', null, 'q"'], b: [1.5, null, 2] });
    expect(toCSV(t)).toBe('a,b\n"x,y",1.5\n,\n"q""",2\n');
  });
});

describe('toCSV(wideTable(matrix(sample))) snapshots', () => {
  const spec = { input: { activity: sample('activity.csv'), customers: sample('customers.csv') } };

  it('monthly classic retention (wide)', async () => {
    const r = await matrix(spec);
    await expect(toCSV(rounded(wideTable(r)))).toMatchFileSnapshot('__snapshots__/sample-monthly-wide.csv');
  });

  it('monthly retention by channel (tidy)', async () => {
    const r = await matrix({ ...spec, cohort: ['month', 'channel'] });
    await expect(toCSV(rounded(tidyTable(r)))).toMatchFileSnapshot('__snapshots__/sample-by-channel-tidy.csv');
  });

  it('net revenue retention (wide)', async () => {
    const r = await matrix({ ...spec, mode: 'revenue', columns: { amount: 'amount' } });
    await expect(toCSV(rounded(wideTable(r)))).toMatchFileSnapshot('__snapshots__/sample-revenue-wide.csv');
  });
});

describe('textNumber(x)', () => {
  it('writes at most 12 significant digits, whole numbers whole', async () => {
    const { textNumber } = await import('../../../src/export/csv/to-csv.js');
    expect(textNumber(0.9999999999999675)).toBe('1');
    expect(textNumber(0.36610169491525424)).toBe('0.366101694915');
    expect(textNumber(1234567.891234567)).toBe('1234567.89123');
    expect(textNumber(123456789012345)).toBe('123456789012345');
    expect(textNumber(1e-7 / 3)).toBe('3.33333333333e-8');
    expect(textNumber(NaN)).toBe('NaN');
  });
});
