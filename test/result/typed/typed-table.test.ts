import { describe, expect, it } from 'vitest';
import { checkConforms, encodeText, fixedColumn, groupColumn, isNull, typedRows, type TypedTable } from '../../../src/result/typed/typed-table.js';

const average = (over: Partial<TypedTable> = {}): TypedTable => ({
  kind: 'matrix-average',
  length: 2,
  columns: [
    fixedColumn('matrix-average', 'offset', { numbers: [0, 1] }),
    fixedColumn('matrix-average', 'cohorts', { numbers: [2, 1] }),
    fixedColumn('matrix-average', 'cohort_size', { numbers: [10, 4] }),
    fixedColumn('matrix-average', 'active', { numbers: [10, 2] }),
    fixedColumn('matrix-average', 'value', { numbers: [1, NaN] }),
  ],
  ...over,
});

describe('encodeText', () => {
  it('numbers distinct values in first-seen order, -1 for null', () => {
    expect(encodeText(['b', null, 'a', 'b', undefined])).toEqual({ codes: Int32Array.from([0, -1, 1, 0, -1]), dictionary: ['b', 'a'] });
  });
});

describe('fixedColumn', () => {
  it('takes the type and nullability from the output schema; NaN and infinities are null in a nullable double', () => {
    const v = fixedColumn('crr', 'crr', { numbers: [50, Infinity, NaN] });
    expect(v).toMatchObject({ name: 'crr', type: 'float64', nullable: true });
    expect([0, 1, 2].map((i) => isNull(v, i))).toEqual([false, true, true]);
    expect(fixedColumn('crr', 'period_start', { numbers: [19723] })).toMatchObject({ type: 'date32', nullable: false });
    expect(() => fixedColumn('crr', 'no_such_column', { numbers: [] })).toThrow(/no column/);
  });
});

describe('checkConforms', () => {
  it('accepts a table of the schema, with optional and group columns', () => {
    expect(checkConforms(average())).toEqual([]);
    const crr: TypedTable = {
      kind: 'survival-summary',
      length: 1,
      columns: [
        groupColumn('survival-summary', 'key', 'channel', { text: [null] }),
        groupColumn('survival-summary', 'key', 'plan', { text: ['pro'] }),
        ...['n', 'events', 'median', 'median_lower', 'median_upper'].map((c) => fixedColumn('survival-summary', c, { numbers: [NaN] })),
      ],
    };
    expect(checkConforms(crr)).toEqual([]);
  });

  it('names a renamed, retyped, missing, extra or null column', () => {
    const t = average();
    t.columns[1] = { ...t.columns[1], name: 'n_cohorts' };
    expect(checkConforms(t)[0]).toMatch(/expected column cohorts at position 1, found n_cohorts/);
    const u = average();
    u.columns[2] = { name: 'cohort_size', type: 'float64', nullable: false, values: Float64Array.from([10, 4]) };
    expect(checkConforms(u)).toEqual(['matrix-average.cohort_size: type float64, schema says int64']);
    const v = average();
    v.columns.pop();
    expect(checkConforms(v)).toEqual(['matrix-average: expected column value at position 4, found the end']);
    const w = average();
    w.columns.push(fixedColumn('matrix-average', 'value', { numbers: [1, 1] }, 'extra'));
    expect(checkConforms(w)).toEqual(['matrix-average: unexpected column extra at position 5']);
    const x = average();
    x.columns[0] = { ...x.columns[0], valid: Uint8Array.from([1, 0]) } as never;
    expect(checkConforms(x)).toEqual(['matrix-average.offset: null in row 1 of a non-nullable column']);
  });
});

describe('typedRows', () => {
  it('gives plain rows: dates as YYYY-MM-DD, null for nulls', () => {
    const t: TypedTable = {
      kind: 'crr',
      length: 1,
      columns: [fixedColumn('crr', 'period_start', { numbers: [19783] }), fixedColumn('crr', 'crr', { numbers: [NaN] })],
    };
    expect(typedRows(t)).toEqual([{ period_start: '2024-03-01', crr: null }]);
  });
});
