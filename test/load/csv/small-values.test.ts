import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/load/csv/csv-parser.js';
import { bytes, col } from '../helpers.js';

/**
 * Read `text` pushed in pieces cut at `cuts` (after the header, alone), with or without the
 * small tables; the column `v`'s values and its dictionary.
 */
function read(text: string, cuts: number[], small = true) {
  const data = bytes(text);
  const p = new CsvParser({ file: 's.csv', text: ['v'], delimiter: ',' });
  let at = text.indexOf('\n') + 1;
  p.push(data.subarray(0, at));
  for (const c of p.builders) c.small.on = small;
  for (const cut of cuts.map((c) => Math.max(at, c % (data.length + 1))).sort((a, b) => a - b)) {
    p.push(data.subarray(at, cut));
    at = cut;
  }
  p.push(data.subarray(at));
  p.end();
  const d = p.toDataset();
  return { values: col(d, 'v'), dict: (d.table.column('v') as unknown as { values?: unknown }).values };
}

describe('SmallValues (through CsvParser): a text column of few values', () => {
  it('reads every value, and the same dictionary as without the tables, over any chunks', () => {
    // Values whose slots meet, case variants, 007 and 7, a value longer than the table keeps,
    // quoted ones (the general path), blanks; sometimes more values than the table takes.
    const pool = ['organic', 'social', 'email', 'Email', 'referral', 'paid_search', '007', '7', 'x', 'y'.repeat(40), '"quo,ted"', '', ' '];
    const many = Array.from({ length: 40 }, (_, i) => `v${i}x`);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 600, maxLength: 2500 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom('\n', '\r\n'),
        (picks, wide, cuts, eol) => {
          const tokens = picks.map((k, i) => (wide && i % 3 === 0 ? many[(i * 7) % many.length] : pool[k]));
          const text = `id,v${eol}${tokens.map((t, i) => `${i},${t}`).join(eol)}${eol}`;
          const plain = (t: string) => (t.startsWith('"') ? t.slice(1, -1) : t);
          const got = read(text, cuts);
          expect(got.values).toEqual(tokens.map((t) => (plain(t).trim() === '' ? null : plain(t))));
          expect(got).toEqual(read(text, [], false));
        },
      ),
      { numRuns: 300 },
    );
  });
});
