import * as A from 'apache-arrow';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { isDictionary } from '../../../src/load/dict/dict-column.js';
import { readArrow } from '../../../src/load/arrow/read-arrow.js';
import { cols, expectKohortError } from '../helpers.js';

const day = 86_400_000;

function arrowTable(): A.Table {
  return new A.Table({
    utf8: A.vectorFromArray(['a', null, '', 'a'], new A.Utf8()),
    dict: A.vectorFromArray(['x', 'y', null, 'x'], new A.Dictionary(new A.Utf8(), new A.Int32())),
    int64: A.vectorFromArray([1n, 2n, null, 2n ** 40n], new A.Int64()),
    int32: A.vectorFromArray([1, 2, 3, 4], new A.Int32()),
    float: A.vectorFromArray([1.5, NaN, null, -2], new A.Float64()),
    bool: A.vectorFromArray([true, false, null, true], new A.Bool()),
    tsUtc: A.vectorFromArray([new Date(0), null, new Date(1000), new Date(day)], new A.TimestampMillisecond('UTC')),
    tsNaive: A.vectorFromArray([new Date(5), new Date(6), null, new Date(7)], new A.TimestampMicrosecond()),
    date32: A.vectorFromArray([new Date(0), new Date(day), new Date(2 * day), null], new A.DateDay()),
    date64: A.vectorFromArray([new Date(day), null, new Date(0), new Date(0)], new A.DateMillisecond()),
  });
}

const expectedKinds = {
  utf8: 'string', dict: 'string', int64: 'number', int32: 'number', float: 'number', bool: 'boolean',
  tsUtc: 'timestamp', tsNaive: 'wallclock', date32: 'wallclock', date64: 'wallclock',
};

const expectedValues = {
  utf8: ['a', null, null, 'a'],
  dict: ['x', 'y', null, 'x'],
  int64: [1, 2, NaN, 2 ** 40],
  int32: [1, 2, 3, 4],
  float: [1.5, NaN, NaN, -2],
  bool: [true, false, null, true],
  tsUtc: [0, NaN, 1000, day],
  tsNaive: [5, 6, NaN, 7],
  date32: [0, day, 2 * day, NaN],
  date64: [day, NaN, 0, 0],
};

describe('readArrow(bytes, {file})', () => {
  for (const format of ['file', 'stream'] as const) {
    it(`converts every type of an apache-arrow IPC ${format}`, () => {
      const d = readArrow(A.tableToIPC(arrowTable(), format), { file: `t.${format}` });
      expect(d.kinds).toEqual(expectedKinds);
      expect(cols(d)).toEqual(expectedValues);
      expect(d.rowsRead).toBe(4);
      expect(d.format).toBe('arrow');
      for (const name of ['int64', 'float', 'tsUtc', 'date32']) expect(d.table.column(name)).toBeInstanceOf(Float64Array);
      for (const name of ['utf8', 'dict']) {
        const c = d.table.column(name) as unknown as { keys: Int32Array; values: string[] };
        expect(isDictionary(c)).toBe(true);
        expect(c.keys).toBeInstanceOf(Int32Array);
      }
      expect((d.table.column('utf8') as unknown as { values: string[] }).values).toEqual(['a']);
    });
  }

  it('reads what Arquero (flechette) writes, several record batches included', () => {
    const t = aq.table({ s: ['a', 'b', null, 'a'], n: [1, 2, 3, 4] });
    for (const format of ['stream', 'file'] as const) {
      const d = readArrow(aq.toArrowIPC(t, { format, maxBatchRows: 3 } as never), { file: 'aq.arrow' });
      expect(d.kinds).toEqual({ s: 'string', n: 'number' });
      expect(cols(d)).toEqual({ s: ['a', 'b', null, 'a'], n: [1, 2, 3, 4] });
    }
  });

  it('fails with badFile on bytes that are not Arrow', async () => {
    const err = await expectKohortError(() => readArrow(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), { file: 'x.arrow' }), 'badFile');
    expect(err.message).toMatch(/^x\.arrow: not a readable Arrow file/);
  });
});
