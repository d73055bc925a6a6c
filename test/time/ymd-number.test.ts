import { describe, expect, it } from 'vitest';
import { parseTimeColumn } from '../../src/load/times/parse-time-column.js';
import { DAY_MS } from '../../src/time/civil.js';
import { mostlyYmd, ymdNumberDay } from '../../src/time/ymd-number.js';
import { timeZone } from '../../src/time/zone.js';
import { mulberry32 } from '../seeded-random.js';
import { thrown } from '../thrown.js';

const utc = timeZone('UTC');
const days = (col: Float64Array): number => col.reduce((k, v) => k + (ymdNumberDay(v) >= 0 ? 1 : 0), 0);

/** n epoch seconds drawn evenly from [lo, hi) seconds. */
function epochSeconds(n: number, lo: number, hi: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n }, () => Math.floor(lo + r() * (hi - lo)));
}

/** n YYYYMMDD dates of 2000-2030, drawn from `seed`, with `bad` at rows every `every` (1-based: every, 2*every, ...). */
function ymdDates(n: number, seed: number, every: number, bad: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, i) => {
    if ((i + 1) % every === 0) return bad;
    const d = new Date(Date.UTC(2000, 0, 1) + Math.floor(r() * 11_000) * DAY_MS);
    return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  });
}

describe('mostlyYmd(valid, present)', () => {
  it('is false for every column that is all days or has none, true from half the values', () => {
    expect([mostlyYmd(0, 10), mostlyYmd(10, 10), mostlyYmd(4, 10), mostlyYmd(5, 10), mostlyYmd(9, 10), mostlyYmd(9_999, 10_000)]).toEqual([false, false, false, true, true, true]);
  });

  // Epoch seconds hit a YYYYMMDD day only in Aug 1970 (19000101-21001231 s) and on 1973-03-03, 4 in 100 at most there.
  const epochs: [string, number, number][] = [
    ['1970-1973 (0 to 126,230,400 s)', 0, 126_230_400],
    ['1970-04 to 1973 (8-digit seconds)', 10_000_000, 99_999_999],
    ['August 1970 alone (19,000,101 to 21,001,231 s)', 19_000_101, 21_001_231],
    ['1973-03-03 (99,990,101 to 99,991,231 s)', 99_990_101, 99_991_231],
    ['1970-1975 (0 to 157,766,400 s: 8- and 9-digit seconds)', 0, 157_766_400],
    ['2001-2030 (1e9 to 1.9e9 s, no YYYYMMDD day among them)', 1e9, 1.9e9],
  ];
  for (const [what, lo, hi] of epochs) {
    it(`is false for epoch seconds spread over ${what}, and parseTimeColumn reads them as seconds`, () => {
      for (const seed of [1, 2, 3]) {
        const col = epochSeconds(10_000, lo, hi, seed);
        expect(mostlyYmd(days(col), col.length)).toBe(false);
        expect(days(col) / col.length).toBeLessThan(0.35);
        const r = parseTimeColumn(col, 'number', { zone: utc });
        expect([r.ms[0], r.ms[9_999], r.bad]).toEqual([col[0] * 1000, col[9_999] * 1000, 0]);
      }
    });
  }
});

// Before: with fewer than half dates (h49.csv: 4 dates, 5 seconds of 2023) the column read as
// seconds, its dates in August 1970 (cohort 1970-08), on memory and DuckDB alike.
describe('parseTimeColumn(col, "number"): YYYYMMDD dates beside epoch seconds of 2001 on are mixed forms', () => {
  for (const dates of [1, 4, 5, 9]) {
    it(`refuses ${dates} dates of 2023 among 10 values, the rest seconds of 2023, naming a row of each`, () => {
      const col = Float64Array.from({ length: 10 }, (_, i) => (i < dates ? 20230105 + i : 1_675_987_200 + i * 86_400));
      const e = thrown(() => parseTimeColumn(col, 'number', { zone: utc, column: 't' }));
      expect(e.code).toBe('mixedTimeForms');
      expect(e.message).toContain(`column "t": the time column mixes YYYYMMDD dates (row 1: "20230105") and epoch seconds (row ${dates + 1}: "${col[dates]}")`);
    });
  }

  it('reads 99991231 (1973-03-03 as seconds, no date of 1900-2100) beside seconds of 2023 as seconds', () => {
    const r = parseTimeColumn(Float64Array.of(99_991_231, 1_675_987_200, 1_677_974_400), 'number', { zone: utc });
    expect([r.ms[0], r.ms[1], r.bad]).toEqual([99_991_231_000, 1_675_987_200_000, 0]);
  });
});

describe('parseTimeColumn(col, "number"): YYYYMMDD dates with a few bad values', () => {
  // Before: the whole column read as epoch seconds of 1970 (cohort 1970-08), exit 0, no warning.
  const table: [string, number, number][] = [
    ['1 bad value in 10 (20230230)', 10, 20230230],
    ['1 bad value in 10 (0, "never")', 10, 0],
    ['1 bad value in 10 (99999999)', 10, 99999999],
    ['1 bad value in 10,000 (99990230)', 10_000, 99990230],
    ['1 bad value in 10,000 (0)', 10_000, 0],
  ];
  for (const [what, every, bad] of table) {
    it(`refuses ${what}, naming the first bad row and value and --date-format YYYYMMDD`, () => {
      const col = ymdDates(20_000, every, every, bad);
      const e = thrown(() => parseTimeColumn(col, 'number', { zone: utc, file: 'e.csv', column: 't' }));
      expect(e.code).toBe('ymdExceptRows');
      expect(e.message).toContain(`e.csv, column "t": the time column reads as YYYYMMDD dates (${(20_000 - 20_000 / every).toLocaleString('en-US')} of 20,000 values`);
      expect(e.message).toContain(`except row ${every}: "${bad}" and ${(20_000 / every - 1).toLocaleString('en-US')} more`);
      expect(e.message).toContain('dateFormat YYYYMMDD to read the dates: the other values are then rejects');
      // The format given: the dates read, the bad values are rejects (counted, then listed by --rejects).
      const r = parseTimeColumn(col, 'number', { zone: utc, format: 'YYYYMMDD' });
      expect([r.bad, r.badRows[0]]).toEqual([20_000 / every, every]);
    });
  }

  it('names the one bad row of a small column (4 dates and 99990230)', () => {
    const e = thrown(() => parseTimeColumn(Float64Array.of(20230105, 20230210, 20230120, 99990230, 20230201), 'number', { zone: utc, column: 'time' }));
    expect(e.message).toContain('(4 of 5 values, such as "20230105") except row 4: "99990230", no date between 1900 and 2100');
    expect(e.message).toMatch(/; only if they really are seconds since 1970, pass dateFormat EPOCH-S$/);
    // The way out it names: with EPOCH-S the numbers read as seconds.
    expect(parseTimeColumn(Float64Array.of(20230105, 99990230), 'number', { zone: utc, format: 'EPOCH-S' }).ms[1]).toBe(99_990_230_000);
  });
});
