import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCSV } from '../../../src/load/csv/read-csv.js';
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
});
