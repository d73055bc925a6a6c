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
  it('makes a column of numbers with a decimal point or an exponent numbers (19.00 is 19, as DuckDB reads a DOUBLE)', () => {
    const d = numericLabels(dataset({ p: ['19.00', '49', null], q: ['-0.5', '1e3', ''] }), ['p', 'q']);
    expect(d.kinds).toMatchObject({ p: 'number', q: 'number' });
    expect(Array.from(d.table.array('p') as Float64Array)).toEqual([19, 49, NaN]);
    expect(Array.from(d.table.array('q') as Float64Array)).toEqual([-0.5, 1000, NaN]);
  });

  it('keeps a column text when one value starts with a zero before a digit, signed or not, or is not a number', () => {
    const d = numericLabels(dataset({ zip: ['02139', '10.5', null], code: ['-01', '-1', '0.5'], half: ['00.5', '1.5', '2'], w: ['1.5', 'x', '2'] }), ['zip', 'code', 'half', 'w']);
    expect(d.kinds).toMatchObject({ zip: 'string', code: 'string', half: 'string', w: 'string' });
    expect(d.table.array('zip')).toEqual(['02139', '10.5', null]);
    expect(d.table.array('code')).toEqual(['-01', '-1', '0.5']);
  });

  it('keeps a column text when a value is a missing marker (NA and - are labels, as DuckDB reads them)', () => {
    const d = numericLabels(dataset({ t: ['1.5', 'NA', '-'], u: ['1', '2', 'NA'] }), ['t', 'u']);
    expect(d.kinds).toMatchObject({ t: 'string', u: 'string' });
    expect(d.table.array('t')).toEqual(['1.5', 'NA', '-']);
  });

  it('keeps a column of integers text (19-digit values stay three labels; -01 and -1 stay two)', () => {
    const d = numericLabels(dataset({ big: ['1234567890123456781', '1234567890123456782', '1234567890123456783'], n: ['1', '2', '-3'] }), ['big', 'n']);
    expect(d.kinds).toMatchObject({ big: 'string', n: 'string' });
    expect(d.table.array('big')).toEqual(['1234567890123456781', '1234567890123456782', '1234567890123456783']);
  });

  it('keeps a decimal column text when a value is beyond 2^53 (it would not read back exactly)', () => {
    const d = numericLabels(dataset({ x: ['1.5', '12345678901234567891.0', '2'], y: ['1.5', '9007199254740992', null] }), ['x', 'y']);
    expect(d.kinds).toMatchObject({ x: 'string', y: 'number' });
  });

  it('keeps a column of only missing markers text ("-" and "N/A" are its labels)', () => {
    expect(numericLabels(dataset({ m: ['-', 'N/A', null] }), ['m']).kinds.m).toBe('string');
  });

  it('leaves columns not named as labels alone', () => {
    const d = numericLabels(dataset({ id: ['1', '2', '3'] }), []);
    expect(d.kinds.id).toBe('string');
  });
});
