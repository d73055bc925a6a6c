import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withGroupColumn } from '../../../../src/engine/memory/compare/group-column.js';
import { inputSchema, toInputTables } from '../../../../src/load/input-tables.js';
import { resolveGroupBy } from '../../../../src/spec/compare-spec.js';
import { timeZone } from '../../../../src/time/zone.js';

describe('withGroupColumn(input, by, groups, zone)', () => {
  it('gives each row its group (null outside the groups asked for), the groups present in first-seen order, and counts the rows outside as the column\'s nulls', () => {
    const labels = ['referral', 'organic', 'paid', 'ads'];
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom(...labels), { nil: null }), { minLength: 1, maxLength: 60 }),
        fc.option(fc.subarray(labels, { minLength: 1 }), { nil: undefined }),
        (channel, asked) => {
          const customers = aq.table({ id: channel.map((_, i) => `c${i}`), channel });
          const tables = toInputTables({ customers }, 'customers');
          const by = resolveGroupBy('channel', inputSchema(tables));
          const present = [...new Set(channel.filter((c) => c !== null))] as string[];
          const groups = asked?.filter((g) => present.includes(g));
          if (asked && groups!.length !== asked.length) {
            // A group asked for but absent is an error naming the groups present.
            expect(() => withGroupColumn(tables, by, asked, timeZone('UTC'))).toThrow();
            return;
          }
          const g = withGroupColumn(tables, by, groups, timeZone('UTC'));
          expect(g.present).toEqual(present);
          const want = channel.map((c) => (c === null || (groups && !groups.includes(c)) ? null : c));
          const col = g.tables.customers!.table.column(g.name) as unknown as { at(i: number): unknown; nullCount: number; length: number };
          expect(Array.from({ length: col.length }, (_, i) => col.at(i))).toEqual(want);
          expect(g.outside).toBe(want.filter((v) => v === null).length);
          expect(col.nullCount).toBe(g.outside);
        },
      ),
      { numRuns: 300 },
    );
  });
});
