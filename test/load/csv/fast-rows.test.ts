import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCSV } from '../../../src/load/csv/read-csv.js';
import { CsvParser } from '../../../src/load/csv/csv-parser.js';
import { KohortError } from '../../../src/errors.js';
import { parseTimeColumn } from '../../../src/load/times/parse-time-column.js';
import { parseTimeString } from '../../../src/time/parse-time.js';
import { timeZone } from '../../../src/time/zone.js';
import { bytes, col } from '../helpers.js';

const UTC = timeZone('UTC');
const PARIS = timeZone('Europe/Paris');
const read = (text: string) => readCSV(bytes(text), { file: 'f.csv' });
const digitRun = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));

describe('fastRows (through readCSV)', () => {
  it('reads integer and decimal texts of any length exactly as Number() does (long ones four digits at a time)', () => {
    const number = fc
      .tuple(fc.constantFrom('', '-'), fc.oneof(digitRun(1, 20), fc.constantFrom('1640995329129', '1640995329', '9007199254740993')), fc.option(digitRun(0, 9)))
      .map(([sign, int, frac]) => `${sign}${int}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 40 }), (texts) => {
        const d = read(`n,x\n${texts.map((t) => `${t},1`).join('\n')}\n`);
        expect(d.kinds.n).toBe('number');
        expect(col(d, 'n')).toEqual(texts.map(Number));
      }),
      { numRuns: 1500 },
    );
  });

  it('reads ISO times in the word-at-a-time layouts as parseTimeString does, zoned or not', () => {
    const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(2, '0'));
    const time = fc
      .tuple(fc.integer({ min: 1900, max: 2199 }), two(1, 12), two(1, 28), two(0, 23), two(0, 59), two(0, 59), fc.option(digitRun(3, 3)), fc.constantFrom('T', ' '))
      .map(([y, m, d, h, mi, s, f, sep]) => `${y}-${m}-${d}${sep}${h}:${mi}:${s}${f === null ? '' : `.${f}`}`);
    const zone = fc.constantFrom('', 'Z', '+05:30', '-08:00', '+00:00');
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 40 }), zone, (texts, z) => {
        const all = texts.map((t) => t + z);
        const d = read(`id,t,x\n${all.map((t, i) => `c${i},${t},${i}`).join('\n')}\n`);
        expect(d.kinds.t).toBe(z === '' ? 'wallclock' : 'timestamp');
        expect(col(d, 't')).toEqual(all.map((t) => parseTimeString(t, UTC)));
      }),
      { numRuns: 800 },
    );
  });

  it('gives wall-clock times that read in a zone with DST as the texts do (Paris, around both changes of 2022)', () => {
    const texts = ['2022-03-27 01:59:59', '2022-03-27 02:30:00', '2022-03-27 03:00:00', '2022-10-30 02:30:00', '2022-10-30 03:00:00.125', '2022-10-30T01:59:59'];
    const d = read(`id,t
${texts.map((t, i) => `c${i},${t}`).join('\n')}\n`);
    expect(d.kinds.t).toBe('wallclock');
    const parsed = parseTimeColumn(d.table.column('t'), 'wallclock', { zone: PARIS });
    expect(Array.from(parsed.ms)).toEqual(texts.map((t) => parseTimeString(t, PARIS)));
  });

  it('reads the columns asked for the same when the others are skipped (runs of them at once), over any chunks', () => {
    // Skipped fields with quotes (whole or inside), delimiters in quotes, '-' after ',', blanks,
    // CRLF, blank lines, a BOM, rows with a field too few or too many; ids 007 and 7.
    const value = fc.constantFrom('', '007', '7', 'x', '-5', '-', '#', 'a b', '"q,uoted"', '"two\nlines"', 'in"side', '2024-01-02 03:04:05', '1.5');
    const csv = fc
      .record({
        ncols: fc.integer({ min: 2, max: 9 }),
        rows: fc.array(fc.array(value, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 30 }),
        ragged: fc.boolean(),
        eol: fc.constantFrom('\n', '\r\n'),
        bom: fc.boolean(),
        blank: fc.boolean(),
      })
      .map(({ ncols, rows, ragged, eol, bom, blank }) => {
        const lines = rows.map((r) => Array.from({ length: ncols }, (_, c) => r[c % r.length]).slice(0, ragged && r.length === 3 ? ncols - 1 : ncols).join(','));
        if (blank) lines.splice(lines.length >> 1, 0, '');
        const names = Array.from({ length: ncols }, (_, c) => `c${c}`);
        return { names, text: `${bom ? '\ufeff' : ''}${names.join(',')}${eol}${lines.join(eol)}${eol}` };
      });
    const outcome = (text: string, columns: string[] | undefined, cuts: number[]) => {
      try {
        const data = bytes(text);
        const p = new CsvParser({ file: 'f.csv', columns });
        let at = 0;
        for (const cut of [...cuts.map((c) => c % (data.length + 1))].sort((a, b) => a - b)) {
          p.push(data.subarray(at, cut));
          at = cut;
        }
        p.push(data.subarray(at));
        p.end();
        if (p.needsRefill) {
          p.startRefill();
          p.push(data);
          p.end();
        }
        const d = p.toDataset();
        return { kinds: d.kinds, cols: Object.fromEntries((columns ?? []).map((c) => [c, col(d, c)])) };
      } catch (err) {
        if (!(err instanceof KohortError)) throw err;
        return { error: err.message };
      }
    };
    fc.assert(
      fc.property(csv, fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), fc.array(fc.nat(), { maxLength: 4 }), ({ names, text }, keep, cuts) => {
        const columns = names.filter((_, c) => keep[c]);
        const all = outcome(text, undefined, []);
        const some = outcome(text, columns, cuts);
        if ('error' in all) expect(some).toEqual(all);
        else {
          const full = outcome(text, names, []) as { kinds: Record<string, unknown>; cols: Record<string, unknown[]> };
          expect(some).toEqual({ kinds: Object.fromEntries(columns.map((c) => [c, full.kinds[c]])), cols: Object.fromEntries(columns.map((c) => [c, full.cols[c]])) });
        }
      }),
      { numRuns: 3000 },
    );
  });
});
