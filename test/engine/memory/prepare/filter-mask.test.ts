import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterMask, splitFilterMask, type FilterSource } from '../../../../src/engine/memory/prepare/filter-mask.js';
import { encodeStrings } from '../../../../src/load/dict/dict-column.js';
import type { ColumnKind } from '../../../../src/load/dataset.js';
import { timeZone } from '../../../../src/time/zone.js';

function source(cols: Record<string, [ColumnKind, unknown]>): FilterSource {
  const n = Object.values(cols)[0][1] as ArrayLike<unknown>;
  return {
    file: 't.csv',
    rows: n.length,
    column: (name) => cols[name][1] as ArrayLike<unknown>,
    kind: (name) => cols[name][0],
  };
}

const src = source({
  no: ['string', encodeStrings(['536365', 'C536379', null, '536366'])],
  qty: ['number', new Float64Array([6, -1, 3, NaN])],
  at: ['wallclock', new Float64Array([Date.UTC(2010, 11, 1, 8), Date.UTC(2011, 0, 1), Date.UTC(2011, 5, 1), NaN])],
});

describe('filterMask(filters, source)', () => {
  it('ANDs filters and fails missing values, as SQL does', () => {
    const m = filterMask([{ column: 'no', op: '!^=', value: 'C' }, { column: 'qty', op: '>', value: '0' }], src);
    expect(Array.from(m)).toEqual([1, 0, 0, 0]);
  });

  it('compares numbers in text columns numerically and text by code points', () => {
    // "C536379" is not a number: it compares as text, and "C" sorts after digits.
    expect(Array.from(filterMask([{ column: 'no', op: '>=', value: '536366' }], src))).toEqual([0, 1, 0, 1]);
    expect(Array.from(filterMask([{ column: 'no', op: '^=', value: 'C' }], src))).toEqual([0, 1, 0, 0]);
  });

  it('compares wall-clock times as wall-clock whatever the run zone', () => {
    const f = [{ column: 'at', op: '>=' as const, value: '2011-01-01' }];
    expect(Array.from(filterMask(f, src))).toEqual([0, 1, 1, 0]);
    expect(Array.from(filterMask(f, src, timeZone('America/New_York')))).toEqual([0, 1, 1, 0]);
  });

  it('names the column when a number is compared with text', () => {
    expect(() => filterMask([{ column: 'qty', op: '>', value: 'abc' }], src)).toThrow('t.csv, column "qty": where compares a number column with "abc"');
  });

  it('names the spec field the filter came from when a column read as times meets a value that is no date', () => {
    // A column of epoch seconds the run reads as times (src.times): a date compares as a time.
    const epochs = { ...source({ signup: ['number', new Float64Array([1704067200, 1706745600])] }), times: () => new Float64Array([1704067200000, 1706745600000]) };
    expect(Array.from(filterMask([{ column: 'signup', op: '>=', value: '2024-01-15' }], epochs))).toEqual([0, 1]);
    expect(() => filterMask([{ column: 'signup', op: '>', value: 'soon' }], epochs, timeZone('UTC'), 'by')).toThrow(/by compares/);
    expect(() => filterMask([{ column: 'signup', op: '>', value: 'soon' }], epochs)).toThrow(/where compares/);
  });
});

describe('splitFilterMask(filters, source)', () => {
  const group = { column: 'qty', op: '>' as const, value: '0', group: true as const };
  const where = { column: 'no', op: '!^=' as const, value: 'C' };

  it('gives keep (all filters ANDed) and where (all but the group filter) apart', () => {
    const m = splitFilterMask([where, group], src);
    expect(Array.from(m.keep)).toEqual([1, 0, 0, 0]);
    expect(Array.from(m.where!)).toEqual([1, 0, 0, 1]);
  });

  it('gives where the same array as keep without a group filter, and undefined with only one', () => {
    const plain = splitFilterMask([where], src);
    expect(plain.where).toBe(plain.keep);
    const only = splitFilterMask([group], src);
    expect(only.where).toBeUndefined();
    expect(Array.from(only.keep)).toEqual([1, 0, 1, 0]);
  });

  it('says keep holds every row (keepsAll) only when it does: dictionary columns whose every value passes', () => {
    const values = ['organic', 'referral', 'Cpaid'];
    const ops = ['^=', '!^=', '=', '!='] as const;
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom(...values), { nil: null }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.record({ op: fc.constantFrom(...ops), value: fc.constantFrom('', 'C', 'organic'), group: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        (channel, specs) => {
          const s = source({ channel: ['string', encodeStrings(channel)] });
          const filters = specs.map(({ op, value, group }) => ({ column: 'channel', op, value, ...(group ? { group: true as const } : {}) }));
          const { keep, keepsAll } = splitFilterMask(filters, s);
          expect(Array.from(keep)).toEqual(Array.from(filterMask(filters, s)));
          // Every row with a value passing every filter: keepsAll exactly when no value fails (and no null).
          const passes = (v: string | null): boolean => filters.every((f) => v !== null && filterMask([f], source({ channel: ['string', encodeStrings([v])] }))[0] === 1);
          const everyKey = [...new Set(channel)].every(passes);
          expect(keepsAll).toBe(everyKey);
          if (keepsAll) expect(keep.every((x) => x === 1)).toBe(true);
        },
      ),
    );
  });

  it('does not claim keepsAll for number or time filters, even when they keep every row', () => {
    const s = source({ qty: ['number', new Float64Array([1, 2, 3])] });
    const r = splitFilterMask([{ column: 'qty', op: '>', value: '0', group: true }], s);
    expect(Array.from(r.keep)).toEqual([1, 1, 1]);
    expect(r.keepsAll).toBe(false);
  });
});
