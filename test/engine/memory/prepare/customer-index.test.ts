import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDict } from '../../../../src/load/dict/byte-dict.js';
import { CodeDict } from '../../../../src/load/dict/code-dict.js';
import { dictColumn, encodeStrings, type DictColumn } from '../../../../src/load/dict/dict-column.js';
import { customerIndex, type CustomerIndex } from '../../../../src/engine/memory/prepare/customer-index.js';
import { emptyReport, type LoadReport } from '../../../../src/report/load-report.js';

/** A string column as the loaders build it: keys interned from bytes by a ByteDict (null = missing). */
function loaded(values: (string | Uint8Array | null)[]): DictColumn {
  const dict = new ByteDict();
  const keys = new Int32Array(values.length);
  values.forEach((v, i) => {
    const b = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
    keys[i] = b === null ? -1 : dict.intern(b, 0, b.length);
  });
  for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = dict.size;
  return dictColumn(keys, dict.values);
}

/** A string column as the loaders build it from a CodeDict: ids of one shape numbered, the others hashed. */
function numbered(values: (string | null)[], batch: number): DictColumn {
  const dict = new CodeDict();
  const present = values.filter((v): v is string => v !== null);
  const all = Buffer.from(present.join(''), 'utf8');
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  const rows = new Int32Array(values.length);
  let n = 0;
  let o = 0;
  values.forEach((v, row) => {
    if (v === null) return;
    starts[n] = o;
    ends[n] = o += Buffer.byteLength(v, 'utf8');
    rows[n++] = row;
  });
  const codes = new Int32Array(values.length).fill(-1);
  for (let b = 0; b < n; b += batch) {
    const e = Math.min(n, b + batch);
    dict.internMany(all, starts.subarray(b, e), ends.subarray(b, e), rows.subarray(b, e), e - b, codes);
  }
  const keys = dict.settle(codes, codes.length, true);
  if (dict.settledNulls < 0) for (let i = 0; i < keys.length; ++i) if (keys[i] < 0) keys[i] = dict.size;
  return dictColumn(keys, dict.values);
}

/** The index as plain data, to compare two ways of building it. */
function plain(idx: CustomerIndex, r: LoadReport) {
  return {
    count: idx.count,
    activityCustomer: idx.activityCustomer && Array.from(idx.activityCustomer),
    customersRow: idx.customersRow && Array.from(idx.customersRow),
    ids: Array.from({ length: idx.count }, (_, c) => idx.id(c)),
    excluded: r.customers.excluded,
  };
}

/** The rules, written plainly: an id is its text without surrounding spaces and tabs; numbers are their text. */
function reference(activity: unknown[] | undefined, customers: unknown[]) {
  const text = (v: unknown): string | null => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return null;
    const s = String(v).replace(/^[ \t]+|[ \t]+$/g, '');
    return s === '' ? null : s;
  };
  const byText = new Map<string, number>();
  const customersRow: number[] = [];
  const ids: unknown[] = [];
  let duplicateId = 0;
  let missingId = 0;
  customers.forEach((v, row) => {
    const t = text(v);
    if (t === null) ++missingId;
    else if (byText.has(t)) ++duplicateId;
    else {
      byText.set(t, customersRow.length);
      customersRow.push(row);
      ids.push(typeof v === 'string' ? t : v);
    }
  });
  const activityCustomer = activity?.map((v) => {
    const t = text(v);
    return t === null ? -1 : byText.get(t) ?? -2;
  });
  return { count: customersRow.length, activityCustomer, customersRow, ids, duplicateId, missingId };
}

describe('customerIndex(activityIds, customerIds)', () => {
  it('numbers each distinct activity id when there is no customers table', () => {
    const r = emptyReport();
    const idx = customerIndex(encodeStrings(['b', 'a', null, 'b']), undefined, r, { strict: false });
    expect(idx.count).toBe(2);
    expect(Array.from(idx.activityCustomer!)).toEqual([0, 1, -1, 0]);
    expect(idx.id(1)).toBe('a');
  });

  it('keeps the first row of a duplicate id and counts the others', () => {
    const r = emptyReport();
    const idx = customerIndex(undefined, encodeStrings(['x', 'y', 'x', null, ' y']), r, { strict: false });
    expect(idx.count).toBe(2);
    expect(Array.from(idx.customersRow!)).toEqual([0, 1]);
    expect(r.customers.excluded).toMatchObject({ duplicateId: 2, missingId: 1 });
  });

  it('joins numeric activity ids to text customer ids and marks unknown ids -2', () => {
    const r = emptyReport();
    const idx = customerIndex(new Float64Array([17850, 12346, NaN, 99]), encodeStrings(['12346', '17850']), r, { strict: false });
    expect(Array.from(idx.activityCustomer!)).toEqual([1, 0, -1, -2]);
  });

  it('warns when no activity id is in the customers table, quoting an id of each', () => {
    const r = emptyReport();
    customerIndex(encodeStrings(['1', '2', null, '1']), encodeStrings(['01', '02']), r, { strict: false, activityFile: 'e.csv', customersFile: 'c.csv' });
    expect(r.warnings).toEqual([
      'none of the 3 activity rows with an id (e.csv) has its id in the customers table (c.csv): activity ids such as "1", customer ids such as "01"; ' +
        'check that both id columns hold the same ids in the same form (leading zeros, prefixes, case)',
    ]);
  });

  it('does not warn when some activity ids are in the customers table', () => {
    const r = emptyReport();
    customerIndex(encodeStrings(['1', '2']), encodeStrings(['1']), r, { strict: false });
    expect(r.warnings).toEqual([]);
  });

  it('fails on unknown ids with strict, quoting one', () => {
    expect(() => customerIndex(encodeStrings(['zz']), encodeStrings(['a']), emptyReport(), { strict: true, activityFile: 'e.csv' })).toThrow(
      'e.csv: 1 activity id has no row in the customers table, e.g. "zz" (strict)',
    );
  });
});

describe('customerIndex on loaded bytes', () => {
  it('joins byte dictionaries without decoding them', () => {
    const activity = loaded(['C2', 'C1', null, 'C3', 'C2']);
    const customers = loaded(['C1', 'C2']);
    expect(activity.bytes).toBeDefined();
    const idx = customerIndex(activity, customers, emptyReport(), { strict: false });
    expect(Array.from(idx.activityCustomer!)).toEqual([1, 0, -1, -2, 1]);
    expect(idx.id(1)).toBe('C2');
  });

  it('trims ids on both sides, counts blank ids as missing and trimmed repeats as duplicates', () => {
    const r = emptyReport();
    const customers = loaded([' a', 'b\t', '\t ', 'a', ' ', 'c']);
    const activity = loaded(['a ', '\tb', 'c', '  ', 'd']);
    const idx = customerIndex(activity, customers, r, { strict: false });
    expect(idx.count).toBe(3);
    expect(Array.from(idx.customersRow!)).toEqual([0, 1, 5]);
    expect(idx.id(0)).toBe('a');
    expect(r.customers.excluded).toMatchObject({ duplicateId: 1, missingId: 2 });
    expect(Array.from(idx.activityCustomer!)).toEqual([0, 1, 2, -1, -2]);
  });

  it('joins numbers to loaded text, either way round', () => {
    const idx = customerIndex(new Float64Array([17850, 12346, NaN, 99]), loaded([' 12346', '17850']), emptyReport(), { strict: false });
    expect(Array.from(idx.activityCustomer!)).toEqual([1, 0, -1, -2]);
    const back = customerIndex(loaded(['12346', '17850 ', '7']), new Float64Array([17850, 12346]), emptyReport(), { strict: false });
    expect(Array.from(back.activityCustomer!)).toEqual([1, 0, -2]);
  });

  it('compares ids as text: UTF-8 and Windows-1252 bytes of one text; spaces and tabs trimmed, other spaces kept (as SQL does)', () => {
    const cp1252 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in Windows-1252
    const r = emptyReport();
    const customers = loaded(['café', '\u00a0x\u3000', 'y', ' é\t']);
    const idx = customerIndex(loaded([cp1252, 'x', '\u2003y', 'é']), customers, r, { strict: false });
    expect(Array.from(idx.activityCustomer!)).toEqual([0, -2, -2, 3]);
    const dup = emptyReport();
    customerIndex(undefined, loaded(['café', cp1252, 'x', '\u00a0x', '\tx ']), dup, { strict: false });
    expect(dup.customers.excluded.duplicateId).toBe(2);
  });

  it('fails on unknown ids with strict, quoting one as loaded', () => {
    expect(() => customerIndex(loaded(['a', ' zz ']), loaded(['a']), emptyReport(), { strict: true, activityFile: 'e.csv' })).toThrow(
      'e.csv: 1 activity id has no row in the customers table, e.g. " zz " (strict)',
    );
  });

  it('leaves out blank ids without a customers table, and trims ids there too: " a" and "a" are one customer', () => {
    const r = emptyReport();
    const idx = customerIndex(loaded(['b', ' ', 'a', null, ' a', 'b', '\ta ', '7', '007 ']), undefined, r, { strict: false, activityFile: 'e.csv' });
    expect(idx.count).toBe(4);
    expect(Array.from(idx.activityCustomer!)).toEqual([0, -1, 1, -1, 1, 0, 1, 2, 3]);
    expect(idx.id(1)).toBe('a');
    expect(idx.id(3)).toBe('007');
    expect(r.warnings).toEqual([
      '3 distinct ids of e.csv had surrounding spaces or tabs, e.g. "\\ta ": ids are read without them on every engine; 2 of them then named the same customer as another id and count as one',
    ]);
  });

  it('trims numbers-and-text columns (NDJSON, Arrow) the same way: 5, "5" and " 5" are one customer', () => {
    const idx = customerIndex(['5', 5, ' 5', 'x', null] as unknown as string[], undefined, emptyReport(), { strict: false });
    expect(idx.count).toBe(2);
    expect(Array.from(idx.activityCustomer!)).toEqual([0, 0, 0, 1, -1]);
    const plainText = customerIndex(['5', 'x', '5'], undefined, emptyReport(), { strict: false });
    expect(Array.from(plainText.activityCustomer!)).toEqual([0, 1, 0]);
  });

  it('gives what the plain rules give, for strings and numbers, loaded or not (fast-check)', () => {
    const id = fc.oneof(
      fc.constantFrom(null, '', ' ', 'a', ' a', 'a ', 'b', '7', ' 7', '7.5', 'é', ' é', '\u00a0b'),
      fc.integer({ min: 0, max: 9 }).map(String),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 30 }), fc.array(id, { minLength: 1, maxLength: 20 }), (act, cus) => {
        const want = reference(act, cus);
        for (const [a, c] of [
          [loaded(act), loaded(cus)],
          [encodeStrings(act), loaded(cus)],
          [loaded(act), encodeStrings(cus)],
          [encodeStrings(act), encodeStrings(cus)],
        ]) {
          const r = emptyReport();
          const got = plain(customerIndex(a, c, r, { strict: false }), r);
          expect(got.count).toBe(want.count);
          expect(got.customersRow).toEqual(want.customersRow);
          expect(got.activityCustomer).toEqual(want.activityCustomer);
          expect(got.ids).toEqual(want.ids);
          expect(got.excluded).toMatchObject({ duplicateId: want.duplicateId, missingId: want.missingId });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('joins a million-scale layout: big dictionaries, values decoded only on demand', () => {
    const n = 100_000;
    const cus = Array.from({ length: n }, (_, i) => `C${String((i * 7919) % n).padStart(7, '0')}`);
    const act = Array.from({ length: 3 * n }, (_, i) => (i % 1000 === 0 ? null : `C${String((i * 104729) % (n + 500)).padStart(7, '0')}`));
    const r = emptyReport();
    const got = plain(customerIndex(loaded(act), loaded(cus), r, { strict: false }), r);
    const want = reference(act, cus);
    expect(got.activityCustomer).toEqual(want.activityCustomer);
    expect(got.customersRow).toEqual(want.customersRow);
    expect(got.ids.slice(0, 3)).toEqual(cus.slice(0, 3));
  });

  it('joins ids that ascend by key (as loaders number them) by a walk, as the plain rules do (fast-check)', () => {
    // Customers in numeric order (shortlex for digits without leading zeros), some with a
    // prefix or spaces; the activity's ids sorted, then a shuffled tail of known, unknown,
    // blank and missing ones: both the forward walk and the searches are exercised.
    const shape = fc.constantFrom((n: number) => String(n), (n: number) => `C${String(n).padStart(7, '0')}`, (n: number) => `u-${n}`);
    fc.assert(
      fc.property(
        shape,
        fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -3, max: 5010 }), { maxLength: 80 }),
        fc.array(fc.integer({ min: -3, max: 5010 }), { maxLength: 20 }),
        fc.boolean(),
        (write, nums, head, tail, padded) => {
          nums.sort((a, b) => a - b);
          const cus = nums.map((n, i) => (padded && i % 3 === 1 ? ` ${write(n)}` : write(n)));
          const act = [...head.sort((a, b) => a - b), ...tail].map((n) => (n === -1 ? null : n === -2 ? ' ' : n === -3 ? '' : write(n)));
          const want = reference(act, cus);
          const r = emptyReport();
          const got = plain(customerIndex(loaded(act), loaded(cus), r, { strict: false }), r);
          expect(got.count).toBe(want.count);
          expect(got.customersRow).toEqual(want.customersRow);
          expect(got.activityCustomer).toEqual(want.activityCustomer);
          expect(got.ids).toEqual(want.ids);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('joins ids numbered on both sides (CodeDict) through their numbers, as the plain rules do, whatever the two shapes (fast-check)', () => {
    // Each side writes its numbers in a shape of its own (7, 007, C0000007, C7), with
    // values of other shapes hashed after them: one number written two ways is two ids.
    const shapes = [
      (n: number) => String(n),
      (n: number) => String(n).padStart(3, '0'),
      (n: number) => `C${String(n).padStart(7, '0')}`,
      (n: number) => `C${n}`,
    ];
    const other = fc.constantFrom(null, 'x', ' 7', '07', 'C07', 'C0000007 ', '1000', 'C12345678');
    const side = (size: number) =>
      fc.tuple(
        fc.nat({ max: shapes.length - 1 }),
        fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 120 }) }, { weight: 1, arbitrary: other }), { minLength: 1, maxLength: size }),
      );
    fc.assert(
      fc.property(side(80), side(40), fc.integer({ min: 1, max: 64 }), ([as, av], [cs, cv], batch) => {
        const text = (s: number) => (v: number | string | null) => (typeof v === 'number' ? shapes[s](v) : v);
        const act = av.map(text(as));
        const cus = cv.map(text(cs));
        const want = reference(act, cus);
        const r = emptyReport();
        const got = plain(customerIndex(numbered(act, batch), numbered(cus, batch), r, { strict: false }), r);
        expect(got.count).toBe(want.count);
        expect(got.customersRow).toEqual(want.customersRow);
        expect(got.activityCustomer).toEqual(want.activityCustomer);
        expect(got.ids).toEqual(want.ids);
        const ordered = plain(customerIndex(numbered(act, batch), numbered(cus, batch), emptyReport(), { strict: false, activityOrder: true }), emptyReport());
        expect(ordered.activityCustomer!.map((c) => (c < 0 ? c : ordered.ids[c]))).toEqual(want.activityCustomer!.map((c) => (c < 0 ? c : want.ids[c])));
      }),
      { numRuns: 500 },
    );
  });

  it('numbers customers in the activity keys\' order as the general path does when every id is numbered and rows are keys (fast-check)', () => {
    const shapes = [(n: number) => String(n), (n: number) => `C${String(n).padStart(7, '0')}`];
    fc.assert(
      fc.property(
        fc.nat({ max: 1 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        (s, nums, picks, batch) => {
          nums.sort((a, b) => a - b);
          const cus = nums.map(shapes[s]);
          const act = picks.map((p) => cus[p % cus.length]);
          const a = numbered(act, batch);
          const got = customerIndex(a, numbered(cus, batch), emptyReport(), { strict: false, activityOrder: true });
          const want = reference(act, cus);
          expect(got.activityCustomer).toBe(a.keys);
          const g = plain(got, emptyReport());
          expect(g.count).toBe(want.count);
          expect(g.activityCustomer!.map((c) => g.ids[c])).toEqual(want.activityCustomer!.map((c) => want.ids[c]));
          const rowOf = (ids: unknown[], rows: number[]) => new Map(ids.map((id, c) => [id, rows[c]]));
          expect(rowOf(g.ids, g.customersRow!)).toEqual(rowOf(want.ids, want.customersRow));
          // Those without activity follow, in the customers' order.
          const rest = g.customersRow!.slice(new Set(act).size);
          expect(rest).toEqual([...rest].sort((x, y) => x - y));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hands the activity keys over as the customer numbers when they are (no pass over the rows)', () => {
    const cus = Array.from({ length: 1000 }, (_, i) => `C${String(i).padStart(7, '0')}`);
    const act = Array.from({ length: 5000 }, (_, i) => cus[(i * 7) % 1000]).sort();
    const a = loaded(act);
    const r = emptyReport();
    const idx = customerIndex(a, loaded(cus), r, { strict: false });
    expect(idx.activityCustomer).toBe((a as unknown as { keys: Int32Array }).keys);
    expect(Array.from(idx.activityCustomer!)).toEqual(reference(act, cus).activityCustomer);
  });
});
