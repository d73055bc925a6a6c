import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/load/dataset.js';
import { encodeStrings } from '../../src/load/dict/dict-column.js';
import { numericLabels } from '../../src/load/numeric-labels.js';

const dataset = (cols: Record<string, (string | null)[]>): Dataset => ({
  table: aq.table(new Map(Object.entries(cols).map(([k, v]) => [k, encodeStrings(v)]))),
  file: 'x.csv', format: 'csv', kinds: Object.fromEntries(Object.keys(cols).map((k) => [k, 'string' as const])), rowsRead: 3,
});

describe('numericLabels(data, labels)', () => {
  it('makes a column of plain numbers numbers (19.00 is 19; -01 is -1 and a marker is missing, as DuckDB reads them)', () => {
    const d = numericLabels(dataset({ p: ['19.00', '49.00', null], q: ['-01', '0.5', 'NA'] }), ['p', 'q']);
    expect(d.kinds).toMatchObject({ p: 'number', q: 'number' });
    expect(Array.from(d.table.array('p') as Float64Array)).toEqual([19, 49, NaN]);
    expect(Array.from(d.table.array('q') as Float64Array)).toEqual([-1, 0.5, NaN]);
  });

  it('keeps a column text when one value starts with a zero before a digit or is not a number', () => {
    const d = numericLabels(dataset({ zip: ['02139', '10001', null], code: ['007', '7', '7'], half: ['00.5', '1', '2'], w: ['1', 'x', '2'] }), ['zip', 'code', 'half', 'w']);
    expect(d.kinds).toMatchObject({ zip: 'string', code: 'string', half: 'string', w: 'string' });
    expect(d.table.array('zip')).toEqual(['02139', '10001', null]);
  });

  it('keeps a column of only missing markers text ("-" and "N/A" are its labels)', () => {
    expect(numericLabels(dataset({ m: ['-', 'N/A', null] }), ['m']).kinds.m).toBe('string');
  });

  it('leaves columns not named as labels alone', () => {
    const d = numericLabels(dataset({ id: ['1', '2', '3'] }), []);
    expect(d.kinds.id).toBe('string');
  });
});
