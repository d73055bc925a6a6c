import { describe, expect, it } from 'vitest';
import { alignToWidth } from '../../../src/export/terminal/align-rows.js';

const rows = [
  ['group', 'n', 'S(30)', 'S(90)', 'S(180)', 'S(365)'],
  ['ads', '1,200', '0.9000', '0.8000', '0.7000', '0.6000'],
  ['organic', '30', '0.9500', '0.9000', '0.8500', '0.8000'],
];

describe('alignToWidth(rows, keys, width)', () => {
  it('is one block with a rule under the header when there is no width or the table fits', () => {
    const one = alignToWidth(rows, 1, undefined, { rule: true });
    expect(one).toEqual([
      'group        n   S(30)   S(90)  S(180)  S(365)',
      '----------------------------------------------',
      'ads      1,200  0.9000  0.8000  0.7000  0.6000',
      'organic     30  0.9500  0.9000  0.8500  0.8000',
    ]);
    expect(alignToWidth(rows, 1, 46, { rule: true })).toEqual(one);
  });

  it('wraps the columns that do not fit into blocks below, each repeating the key columns; no line is wider than the width', () => {
    const lines = alignToWidth(rows, 1, 30, { rule: true });
    expect(lines).toEqual([
      'group        n   S(30)   S(90)',
      '------------------------------',
      'ads      1,200  0.9000  0.8000',
      'organic     30  0.9500  0.9000',
      '',
      'group    S(180)  S(365)',
      '-----------------------',
      'ads      0.7000  0.6000',
      'organic  0.8500  0.8000',
    ]);
  });

  it('takes one column per block when even one does not fit beside the keys', () => {
    const lines = alignToWidth(rows, 2, 10);
    expect(lines.filter((l) => l.startsWith('group'))).toHaveLength(4);
    expect(lines.join('\n')).toContain('S(365)');
  });

  it('paints cells by their column in the whole table', () => {
    const seen: number[] = [];
    alignToWidth(rows, 1, 30, { paintCell: (_i, j, padded) => (seen.push(j), padded) });
    expect([...new Set(seen)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
