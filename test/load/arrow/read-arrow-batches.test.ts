import * as A from 'apache-arrow';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { readArrow } from '../../../src/load/arrow/read-arrow.js';
import { col, cols } from '../helpers.js';

/** A utf8 vector of strings. */
function utf8(values: string[]): A.Vector<A.Utf8> {
  return A.vectorFromArray(values, new A.Utf8());
}

/** A validity bitmap (bit set = present) for `nulls`, or undefined without nulls. */
function bitmap(n: number, nulls: Set<number>): Uint8Array | undefined {
  if (nulls.size === 0) return undefined;
  const b = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; ++i) if (!nulls.has(i)) b[i >> 3] |= 1 << (i & 7);
  return b;
}

/** A record batch of one dictionary column `s`: indices (null where null) into `dict`. */
function dictBatch(type: A.Dictionary<A.Utf8, A.Int32>, dict: A.Vector<A.Utf8>, idx: (number | null)[]): A.RecordBatch {
  const nulls = new Set(idx.flatMap((v, i) => (v === null ? [i] : [])));
  // Null slots hold an arbitrary index (here 0), as writers do.
  const data = A.makeData({
    type,
    length: idx.length,
    nullCount: nulls.size,
    nullBitmap: bitmap(idx.length, nulls),
    data: Int32Array.from(idx, (v) => v ?? 0),
    dictionary: dict,
  });
  const schema = new A.Schema([new A.Field('s', type, true)]);
  return new A.RecordBatch(schema, A.makeData({ type: new A.Struct(schema.fields), length: idx.length, nullCount: 0, children: [data] }));
}

function ipc(batches: A.RecordBatch[], format: 'file' | 'stream'): Uint8Array {
  return A.tableToIPC(new A.Table(batches), format);
}

describe('readArrow: dictionary columns over several record batches', () => {
  it('keys nulls of each batch by that batch’s own bitmap (Arquero 8 mis-keys them)', () => {
    const type = new A.Dictionary(new A.Utf8(), new A.Int32(), 0, false);
    const dict = utf8(['x', 'y', 'z']);
    // Batch lengths not multiples of 8, nulls near the batch ends.
    const parts: (number | null)[][] = [
      [0, 1, null, 2, 1, 0, 2, null, 1, 0, null],
      [null, 2, 2, 0, 1, null, 0],
      [1, 0, 2, 1, 0, 2, 1, 0, 2, null],
    ];
    const want = parts.flat().map((k) => (k === null ? null : ['x', 'y', 'z'][k]));
    for (const format of ['file', 'stream'] as const) {
      const d = readArrow(ipc(parts.map((p) => dictBatch(type, dict, p)), format), { file: 'd.arrow' });
      expect(d.kinds).toEqual({ s: 'string' });
      expect(col(d, 's')).toEqual(want);
      const s = d.table.column('s') as unknown as { values: string[]; keys: Int32Array };
      expect(s.values).toEqual(['x', 'y', 'z']);
      // Null is the key after the last value, for every null of every batch.
      expect(Array.from(s.keys).filter((k) => k === 3)).toHaveLength(want.filter((v) => v === null).length);
    }
  });

  it('follows dictionary replacements and deltas (stream format) to the same strings', () => {
    const type = new A.Dictionary(new A.Utf8(), new A.Int32(), 1, false);
    const first = utf8(['a', 'b']);
    // A delta: the dictionary grows by a chunk; then a replacement in another order.
    const grown = first.concat(utf8(['c', '']));
    const replaced = utf8(['c', 'a', 'd']);
    const batches = [
      dictBatch(type, first, [0, 1, null, 1]),
      dictBatch(type, grown, [2, 0, 3, null, 1]),
      dictBatch(type, replaced, [0, 1, 2, null]),
    ];
    const bytes = ipc(batches, 'stream');
    const d = readArrow(bytes, { file: 'delta.arrow' });
    expect(col(d, 's')).toEqual(['a', 'b', null, 'b', 'c', 'a', null, null, 'b', 'c', 'a', 'd', null]);
    // Equal strings from different dictionaries share a key; '' is a null.
    expect((d.table.column('s') as unknown as { values: string[] }).values).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads Arquero-written Arrow with nulls in a dictionary column over several batches', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 7 === 3 ? null : `v${i % 13}`));
    const t = aq.table({ s: values });
    const bytes = aq.toArrowIPC(t, { format: 'stream', maxBatchRows: 99 } as never);
    expect(col(readArrow(bytes, { file: 'aq.arrow' }), 's')).toEqual(values);
  });

  it('reads only the columns asked for', () => {
    const t = new A.Table({ a: A.vectorFromArray([1, 2], new A.Int32()), b: utf8(['p', 'q']), c: A.vectorFromArray([3, 4], new A.Float64()) });
    const d = readArrow(A.tableToIPC(t, 'file'), { file: 'p.arrow', columns: ['c', 'b', 'nope'] });
    expect(d.table.columnNames()).toEqual(['b', 'c']);
    expect(cols(d)).toEqual({ b: ['p', 'q'], c: [3, 4] });
  });
});

describe('readArrow: time units and 64-bit integers', () => {
  const t0 = Date.UTC(2024, 2, 10, 12, 30, 45, 123);

  /** A one-column table of int64 raw values with the given type. */
  function int64Table<T extends A.DataType>(type: T, raw: bigint[], nullAt = -1): Uint8Array {
    const data = A.makeData({
      type: type as unknown as A.Int64,
      length: raw.length,
      nullCount: nullAt >= 0 ? 1 : 0,
      nullBitmap: nullAt >= 0 ? bitmap(raw.length, new Set([nullAt])) : undefined,
      data: BigInt64Array.from(raw),
    });
    return A.tableToIPC(new A.Table({ v: A.makeVector(data) }), 'stream');
  }

  it('converts timestamps in s, ms, µs and ns to epoch ms, with or without a zone', () => {
    const cases: [A.DataType, bigint, number][] = [
      [new A.TimestampSecond('UTC'), BigInt(Math.floor(t0 / 1000)), Math.floor(t0 / 1000) * 1000],
      [new A.TimestampMillisecond(), BigInt(t0), t0],
      [new A.TimestampMicrosecond('Europe/Paris'), BigInt(t0) * 1000n + 456n, t0 + 0.456],
      [new A.TimestampNanosecond(), BigInt(t0) * 1_000_000n + 789_000n, t0 + 0.789],
    ];
    for (const [type, raw, ms] of cases) {
      const d = readArrow(int64Table(type, [raw, -raw, raw], 1), { file: 't.arrow' });
      expect(d.kinds.v).toBe((type as A.Timestamp).timezone ? 'timestamp' : 'wallclock');
      const v = col(d, 'v') as number[];
      expect(v[0]).toBeCloseTo(ms, 6);
      expect(v[1]).toBeNaN();
      expect(v[2]).toBeCloseTo(ms, 6);
    }
  });

  it('reads dates in days and ms as wall-clock ms', () => {
    const days = A.vectorFromArray([new Date(Date.UTC(2020, 0, 1)), null, new Date(Date.UTC(1969, 11, 31))], new A.DateDay());
    const ms = A.vectorFromArray([new Date(Date.UTC(2020, 0, 1)), new Date(0), null], new A.DateMillisecond());
    const d = readArrow(A.tableToIPC(new A.Table({ days, ms }), 'file'), { file: 'd.arrow' });
    expect(d.kinds).toEqual({ days: 'wallclock', ms: 'wallclock' });
    expect(cols(d)).toEqual({ days: [Date.UTC(2020, 0, 1), NaN, -86_400_000], ms: [Date.UTC(2020, 0, 1), 0, NaN] });
  });

  it('reads int64 and uint64 beyond 2^32 and 2^53 as Number(bigint) does', () => {
    const raw = [0n, -1n, 2n ** 40n + 7n, -(2n ** 52n) - 3n, 2n ** 60n + 12345n, -(2n ** 62n) - 999n];
    const d = readArrow(int64Table(new A.Int64(), raw), { file: 'i.arrow' });
    expect(col(d, 'v')).toEqual(raw.map(Number));
    const u = [0n, 2n ** 63n + 2n ** 40n, 2n ** 64n - 1n, 4294967295n];
    const data = A.makeData({ type: new A.Uint64(), length: u.length, nullCount: 0, data: BigUint64Array.from(u) });
    const du = readArrow(A.tableToIPC(new A.Table({ v: A.makeVector(data) }), 'stream'), { file: 'u.arrow' });
    expect(col(du, 'v')).toEqual(u.map(Number));
  });

  it('reads utf8 columns over several batches with nulls and blanks', () => {
    const a = utf8(['p', 'q', ' ', 'p']);
    const b = A.vectorFromArray(['q', null, 'r'], new A.Utf8());
    const t = new A.Table([new A.RecordBatch({ s: a.data[0] }), new A.RecordBatch({ s: b.data[0] })]);
    const d = readArrow(A.tableToIPC(t, 'stream'), { file: 's.arrow' });
    expect(col(d, 's')).toEqual(['p', 'q', null, 'p', 'q', null, 'r']);
  });
});
