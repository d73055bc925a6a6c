import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLabels } from '../../src/result/label-order.js';

describe('compareLabels', () => {
  it('puts numbers first by value (ties by code units), then texts by code units', () => {
    const labels = ['b', 'B', 'é', 'É', '10', '2', '1a', '007', '7', '1.0', '1', '-', '', ' ', '-3', 'Infinity', '0x10'];
    expect([...labels].sort(compareLabels)).toEqual(['-3', '1', '1.0', '2', '007', '7', '10', '0x10', 'Infinity', '', ' ', '-', '1a', 'B', 'b', 'É', 'é']);
  });

  it('is a total order: every arrival order sorts to the same labels', () => {
    const label = fc.oneof(
      fc.constantFrom('1', '1.0', '01', '2', '10', '1a', '-1', '-01', 'a', 'A', 'é', '', ' 1', '1e1', 'NaN'),
      fc.string({ maxLength: 4 }),
      fc.integer({ min: -20, max: 20 }).map(String),
    );
    fc.assert(
      fc.property(fc.uniqueArray(label, { maxLength: 12 }), fc.infiniteStream(fc.nat()), (labels, seeds) => {
        const sorted = [...labels].sort(compareLabels);
        const shuffled = [...labels];
        for (let i = shuffled.length - 1; i > 0; --i) {
          const j = seeds.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(shuffled.sort(compareLabels)).toEqual(sorted);
        for (const a of labels) expect(compareLabels(a, a)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
