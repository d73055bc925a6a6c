import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/load/csv/csv-parser.js';
import { bytes, cols } from '../helpers.js';

type Column = { kind: 'number'; values: (number | null)[] } | { kind: 'string'; values: (string | null)[] };

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', ',', ';', '|', '\t', '"', '\n', '\r', 'é', '東', '😀') });
// Digits and points make columns that look numeric for a while and then turn out not to be.
const digits = fc.string({ unit: fc.constantFrom('0', '1', '7', '.', 'e', ' ', ',', 'x'), maxLength: 6 });
const NUMBER = /^[ \t]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[ \t]*$/;
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

const table = fc.integer({ min: 1, max: 5 }).chain((ncols) =>
  fc.integer({ min: 1, max: 25 }).chain((nrows) =>
    fc.array(
      fc.oneof(
        fc.array(fc.option(number), { minLength: nrows, maxLength: nrows }).map((values): Column => ({ kind: 'number', values })),
        fc.array(fc.option(text), { minLength: nrows, maxLength: nrows }).map((values): Column => ({ kind: 'string', values })),
        fc.array(fc.option(digits), { minLength: nrows, maxLength: nrows }).map((values): Column => ({ kind: 'string', values })),
      ),
      { minLength: ncols, maxLength: ncols },
    ),
  ),
);

/** Write a table as CSV the way spreadsheet tools do, quoting when needed (or at random). */
function writeCSV(columns: Column[], delimiter: string, eol: string, quoteAll: boolean): string {
  const single = columns.length === 1;
  const field = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    // A lone empty field would be a blank line, which readers skip: quote it.
    const needs = /["\r\n]/.test(s) || s.includes(delimiter) || (single && s === '');
    return needs || (quoteAll && typeof v === 'string') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((_, i) => `c${i}`).join(delimiter)];
  for (let r = 0; r < columns[0].values.length; ++r) lines.push(columns.map((c) => field(c.values[r])).join(delimiter));
  return lines.join(eol) + eol;
}

/** What reading should give: blanks are missing; a column whose values all read as numbers is numeric. */
function expected(columns: Column[]): Record<string, unknown[]> {
  return Object.fromEntries(
    columns.map((c, i) => {
      if (c.kind === 'number') return [`c${i}`, c.values.map((v) => v ?? NaN)];
      const values = c.values.map((v) => (v === null || /^[ \t]*$/.test(v) ? null : v));
      const numeric = values.every((v) => v === null || NUMBER.test(v));
      return [`c${i}`, numeric ? values.map((v) => (v === null ? NaN : Number(v))) : values];
    }),
  );
}

function parse(data: Uint8Array, delimiter: string, chunk: number) {
  const p = new CsvParser({ file: 'p.csv', delimiter });
  const feed = () => {
    for (let i = 0; i < data.length && !p.done; i += chunk) p.push(data.subarray(i, i + chunk));
    p.end();
  };
  feed();
  if (p.needsRefill) {
    p.startRefill();
    feed();
  }
  return p.toDataset();
}

describe('readCSV(writeCSV(table))', () => {
  it('gives back the same values for random tables of strings and numbers', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom(1, 3, 17, 1 << 20),
        (columns, delimiter, eol, quoteAll, chunk) => {
          const csv = writeCSV(columns, delimiter, eol, quoteAll);
          const d = parse(bytes(csv), delimiter, chunk);
          expect(d.rowsRead).toBe(columns[0].values.length);
          expect(cols(d)).toEqual(expected(columns));
        },
      ),
      { numRuns: 400 },
    );
  });
});
