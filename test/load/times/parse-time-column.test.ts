import { describe, expect, it } from 'vitest';
import { dictColumn, encodeStrings } from '../../../src/load/dict/dict-column.js';
import { parseTimeColumn } from '../../../src/load/times/parse-time-column.js';
import { timeZone } from '../../../src/time/zone.js';
import { at } from '../../time/intl-reference.js';
import { thrown } from '../../thrown.js';

const utc = timeZone('UTC');
const berlin = timeZone('Europe/Berlin');

describe('parseTimeColumn(col, "number")', () => {
  it('parseTimeColumn reads a column of valid YYYYMMDD numbers as dates', () => {
    const r = parseTimeColumn(Float64Array.of(19970101, 20240229, NaN), 'number', { zone: utc });
    expect(Array.from(r.ms)).toEqual([at('1997-01-01T00:00:00Z'), at('2024-02-29T00:00:00Z'), NaN]);
    expect([r.bad, r.missing, r.badRows]).toEqual([0, 1, []]);
    const local = parseTimeColumn(Float64Array.of(20240701), 'number', { zone: berlin });
    expect(local.ms[0]).toBe(at('2024-06-30T22:00:00Z'));
  });

  it('parseTimeColumn reads YYYYMMDD dates with 9999MMDD sentinels ("never") as YYYYMMDD, not epoch seconds of 1970', () => {
    // Before: 99991231 was past 2100, so the whole column read as seconds of 1970.
    const r = parseTimeColumn(Float64Array.of(20230115, 99991231, 20230301, NaN), 'number', { zone: utc });
    expect(Array.from(r.ms)).toEqual([at('2023-01-15T00:00:00Z'), at('9999-12-31T00:00:00Z'), at('2023-03-01T00:00:00Z'), NaN]);
    expect([r.bad, r.missing]).toEqual([0, 1]);
    // Years between 2100 and 9999 are still no YYYYMMDD dates: beside a date, one is refused (ymdExceptRows).
    expect(thrown(() => parseTimeColumn(Float64Array.of(20230115, 50001231), 'number', { zone: utc })).code).toBe('ymdExceptRows');
  });

  it('parseTimeColumn decides for the whole column: a non-date among YYYYMMDD dates is refused, not read as epoch seconds of 1970', () => {
    // Before: one non-date made every value epoch seconds (1970-08-20 and 1970-08-23), silently.
    expect(thrown(() => parseTimeColumn(Float64Array.of(19970101, 20240230), 'number', { zone: utc })).code).toBe('ymdExceptRows');
    const forced = parseTimeColumn(Float64Array.of(19970101, 20240230), 'number', { zone: utc, format: 'YYYYMMDD' });
    expect(Array.from(forced.ms)).toEqual([at('1997-01-01T00:00:00Z'), NaN]);
    expect([forced.bad, forced.badRows]).toEqual([1, [2]]);
  });

  // Before: a text --date-format skipped both checks, and these read as seconds of 1970 (cohorts 1970-08, 1970-01).
  it('parseTimeColumn with a text date format (DD/MM/YYYY, YYYY-MM-DD) checks numbers as without one: ymdExceptRows, smallNumbersNotTimes', () => {
    for (const format of ['DD/MM/YYYY', 'YYYY-MM-DD'] as const) {
      expect(thrown(() => parseTimeColumn(Float64Array.of(20230105, 20230230, 20230301), 'number', { zone: utc, format })).code, format).toBe('ymdExceptRows');
      expect(thrown(() => parseTimeColumn(Float64Array.of(5, 20, 3, 40), 'number', { zone: utc, format })).code, format).toBe('smallNumbersNotTimes');
      // Without bad values the dates read as under no format.
      expect(parseTimeColumn(Float64Array.of(20230105, 20230301), 'number', { zone: utc, format }).ms[0], format).toBe(at('2023-01-05T00:00:00Z'));
    }
  });

  it('parseTimeColumn reads epoch seconds when max |v| < 1e11, else milliseconds', () => {
    expect(Array.from(parseTimeColumn(Float64Array.of(1.7e9, 0, 1.5), 'number', { zone: utc }).ms)).toEqual([
      1.7e12, 0, 1500,
    ]);
    // Seconds and milliseconds in one column: which is meant cannot be told (issue 11).
    expect(thrown(() => parseTimeColumn(Float64Array.of(1.7e12, 5), 'number', { zone: utc })).code).toBe('mixedTimeForms');
    expect(Array.from(parseTimeColumn(Float64Array.of(1.7e12, 5), 'number', { zone: utc, format: 'EPOCH-MS' }).ms)).toEqual([1.7e12, 5]);
    const r = parseTimeColumn(Float64Array.of(1.7e12, Infinity, NaN), 'number', { zone: utc });
    expect([r.bad, r.missing, r.badRows]).toEqual([1, 1, [2]]);
  });

  it('parseTimeColumn refuses numbers that are Excel serial dates or the first hours of 1970, and reads them with EXCEL', () => {
    // 45292 is 2024-01-01 in a spreadsheet; as epoch seconds it is 1970-01-01T12:34:52Z.
    for (const col of [Float64Array.of(45292, 45300.5, NaN), encodeStrings(['45292', '45300.5', ''])]) {
      const e = thrown(() => parseTimeColumn(col, col instanceof Float64Array ? 'number' : 'string', { zone: utc, file: 'x.csv', column: 'when' }));
      expect(e.code).toBe('excelOrEpoch');
      expect([e.file, e.column]).toEqual(['x.csv', 'when']);
      expect(e.message).toContain('"45292" = 2024-01-01');
      expect(e.message).toContain('EXCEL');
    }
    expect(thrown(() => parseTimeColumn([45292, null], 'string', { zone: utc })).code).toBe('excelOrEpoch');
    // Serial 60 is Excel's phantom 1900-02-29: it and 61 are 1900-03-01, 59 is 1900-02-28.
    const r = parseTimeColumn(Float64Array.of(45292, 45300.5, 59, 60, 61, NaN), 'number', { zone: berlin, format: 'EXCEL' });
    expect(Array.from(r.ms)).toEqual([
      at('2023-12-31T23:00:00Z'), at('2024-01-09T11:00:00Z'), at('1900-02-27T23:00:00Z'), at('1900-02-28T23:00:00Z'), at('1900-02-28T23:00:00Z'), NaN,
    ]);
    const text = parseTimeColumn(encodeStrings(['45292.25', 'x']), 'string', { zone: utc, format: 'EXCEL' });
    expect([text.ms[0], text.bad]).toEqual([at('2024-01-01T06:00:00Z'), 1]);
    // Epoch seconds past the first 28 hours of 1970 are read as before; fractions with 0 too.
    expect(parseTimeColumn(Float64Array.of(100_000, 1.7e9), 'number', { zone: utc }).ms[0]).toBe(1e8);
    expect(parseTimeColumn(Float64Array.of(0, 5.5), 'number', { zone: utc }).ms[1]).toBe(5500);
  });

  it('parseTimeColumn refuses a column of small whole numbers (tenure 0-72, counts), naming the column and kohort survival --duration', () => {
    const tenure = [0, 10, 72, 5];
    const cols: [unknown, 'number' | 'string'][] = [
      [Float64Array.from(tenure), 'number'],
      [encodeStrings(tenure.map(String)), 'string'],
      [[...tenure, null], 'string'],
      // Past the fast path's chunk: the same rule.
      [Float64Array.from({ length: 70_000 }, (_, i) => i % 73), 'number'],
      // 100,000 to 999,999: 1970-01-02 to 01-12 as seconds, no Excel date either.
      [Float64Array.of(150_000, 999_999), 'number'],
      // Below 0 too (a balance -3 to 72): 1969-12-31 to 1970-01-01 as seconds. Before, read so.
      [Float64Array.of(-3, 0, 72, 5), 'number'],
      [encodeStrings(['-3', '0', '72', '5']), 'string'],
      [Float64Array.from({ length: 70_000 }, (_, i) => (i % 76) - 3), 'number'],
      [Float64Array.of(-999_999, 12), 'number'],
    ];
    for (const [col, kind] of cols) {
      const e = thrown(() => parseTimeColumn(col, kind, { zone: utc, file: 't.csv', column: 'tenure' }));
      expect(e.code).toBe('smallNumbersNotTimes');
      expect([e.file, e.column]).toEqual(['t.csv', 'tenure']);
      expect(e.message).toContain('survival duration "tenure"');
    }
    expect(thrown(() => parseTimeColumn(Float64Array.from(tenure), 'number', { zone: utc })).message).toMatch(/only whole numbers, 0 to 72, not times/);
    // Whole numbers that may be Excel dates of 1910-2173 keep their own question; a format settles both.
    expect(thrown(() => parseTimeColumn(Float64Array.of(45292, 45300), 'number', { zone: utc })).code).toBe('excelOrEpoch');
    expect(parseTimeColumn(Float64Array.from(tenure), 'number', { zone: utc, format: 'EPOCH-S' }).ms[2]).toBe(72_000);
    // Real epoch seconds and milliseconds still read, before 1970 too.
    expect(parseTimeColumn(Float64Array.of(1_000_000, 1.7e9), 'number', { zone: utc }).ms[0]).toBe(1e9);
    expect(parseTimeColumn(Float64Array.of(-1_000_000, 5), 'number', { zone: utc }).ms[0]).toBe(-1e9);
    expect(parseTimeColumn(Float64Array.of(1.7e12, 1.71e12), 'number', { zone: utc }).ms[0]).toBe(1.7e12);
  });

  it('parseTimeColumn copies "timestamp" instants and reads "wallclock" values in the zone', () => {
    const ts = parseTimeColumn(Float64Array.of(1.5e12, NaN), 'timestamp', { zone: berlin });
    expect(Array.from(ts.ms)).toEqual([1.5e12, NaN]);
    expect(ts.missing).toBe(1);
    const wc = parseTimeColumn(Float64Array.of(at('2024-07-01T12:00:00Z'), at('2024-03-31T02:30:00Z')), 'wallclock', {
      zone: berlin,
    });
    expect(Array.from(wc.ms)).toEqual([at('2024-07-01T10:00:00Z'), at('2024-03-31T01:30:00Z')]);
    expect(parseTimeColumn(Int32Array.of(20240101), 'number', { zone: utc }).ms[0]).toBe(at('2024-01-01T00:00:00Z'));
  });
});

describe('parseTimeColumn(col, "string")', () => {
  it('parseTimeColumn parses each distinct value of a dictionary column once', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? null : `2024-01-0${(i % 9) + 1}`));
    const col = encodeStrings(values);
    let calls = 0;
    const groups = col.groups.bind(col);
    const spied = {
      ...col,
      groups(names: string[]) {
        const g = groups(names);
        return { ...g, get: [(k: number) => (++calls, g.get[0](k))] };
      },
    };
    const r = parseTimeColumn(spied, 'string', { zone: utc });
    expect(calls).toBe(col.values.length + 1); // the distinct values and the null key
    expect(r.missing).toBe(334);
    expect(r.bad).toBe(0);
    for (let i = 0; i < values.length; ++i) {
      const v = values[i];
      expect(r.ms[i]).toEqual(v === null ? NaN : at(`${v}T00:00:00Z`));
    }
  });

  it('parseTimeColumn detects day-first and month-first columns', () => {
    const dmy = parseTimeColumn(encodeStrings(['01/02/2024', '13/02/2024', '']), 'string', { zone: utc });
    expect(Array.from(dmy.ms)).toEqual([at('2024-02-01T00:00:00Z'), at('2024-02-13T00:00:00Z'), NaN]);
    expect(dmy.missing).toBe(1);
    const mdy = parseTimeColumn(['01/02/2024', '02/13/2024 10:15'], 'string', { zone: utc });
    expect(Array.from(mdy.ms)).toEqual([at('2024-01-02T00:00:00Z'), at('2024-02-13T10:15:00Z')]);
    const dashes = parseTimeColumn(encodeStrings(['01-02-2024', '25-12-2023']), 'string', { zone: utc });
    expect(Array.from(dashes.ms)).toEqual([at('2024-02-01T00:00:00Z'), at('2023-12-25T00:00:00Z')]);
  });

  it('parseTimeColumn throws ambiguousDate when every day-month value could be either order', () => {
    const e = thrown(() =>
      parseTimeColumn(encodeStrings(['01/02/2024', '03/04/2024', '05/05/2024']), 'string', {
        zone: utc,
        file: 'orders.csv',
        column: 'date',
      }),
    );
    expect(e.code).toBe('ambiguousDate');
    expect(e.file).toBe('orders.csv');
    expect(e.column).toBe('date');
    expect(e.message).toContain('"01/02/2024"');
    // an explicit format settles it
    const r = parseTimeColumn(encodeStrings(['01/02/2024']), 'string', { zone: utc, format: 'MM/DD/YYYY' });
    expect(r.ms[0]).toBe(at('2024-01-02T00:00:00Z'));
    // values whose fields are equal are not ambiguous
    expect(parseTimeColumn(['05/05/2024'], 'string', { zone: utc }).ms[0]).toBe(at('2024-05-05T00:00:00Z'));
  });

  it('parseTimeColumn ambiguousDate names the formats that read the value: its hint, followed, works', () => {
    for (const [values, formats] of [
      [['1/2/2024', '3/4/2024'], ['DD/MM/YYYY', 'MM/DD/YYYY']],
      [['1-2-2024', '3-4-2024'], ['DD-MM-YYYY', 'MM-DD-YYYY']],
    ] as const) {
      const e = thrown(() => parseTimeColumn(encodeStrings([...values]), 'string', { zone: utc }));
      expect(e.message).toContain(`pass dateFormat ${formats[0]} or ${formats[1]}`);
      for (const format of formats) {
        const r = parseTimeColumn(encodeStrings([...values]), 'string', { zone: utc, format });
        expect([format, r.bad]).toEqual([format, 0]);
      }
    }
  });

  it('parseTimeColumn marks values inconsistent with the majority order as bad', () => {
    const r = parseTimeColumn(
      encodeStrings(['13/01/2024', '14/01/2024', '01/13/2024', '02/01/2024', '13/01/2024']),
      'string',
      { zone: utc },
    );
    expect(Array.from(r.ms)).toEqual([
      at('2024-01-13T00:00:00Z'),
      at('2024-01-14T00:00:00Z'),
      NaN,
      at('2024-01-02T00:00:00Z'),
      at('2024-01-13T00:00:00Z'),
    ]);
    expect([r.bad, r.badRows]).toEqual([1, [3]]);
  });

  it('parseTimeColumn reports the first 5 bad rows (1-based) and counts missing values apart', () => {
    const values = ['2024-01-01', 'x', null, 'y', '2024-02-30', '', 'z', '2024-01-02', 'w', 'v', 'u'];
    const r = parseTimeColumn(encodeStrings(values), 'string', { zone: utc });
    expect(r.bad).toBe(7);
    expect(r.badRows).toEqual([2, 4, 5, 7, 9]);
    expect(r.missing).toBe(2);
    const plain = parseTimeColumn(values, 'string', { zone: utc });
    expect([plain.bad, plain.badRows, plain.missing]).toEqual([7, [2, 4, 5, 7, 9], 2]);
  });

  it('parseTimeColumn counts NULL, \\N, NA, NaT, None and "-" as missing, not unreadable (database and dataframe exports)', () => {
    const values = ['2024-01-01', 'NULL', '\\N', ' NA ', 'NaT', 'None', '-', 'null', 'N/A', '2024-01-02', 'nope'];
    for (const col of [encodeStrings(values), values]) {
      const r = parseTimeColumn(col, 'string', { zone: utc });
      expect([r.missing, r.bad, r.badRows]).toEqual([8, 1, [11]]);
    }
    // a column of nothing but NULLs is a column without values (nobody churned), not an error
    expect(parseTimeColumn(encodeStrings(['NULL', 'NULL']), 'string', { zone: utc }).missing).toBe(2);
  });

  it('parseTimeColumn throws noTimeParsed when values are present but none parses', () => {
    const e = thrown(() => parseTimeColumn(encodeStrings(['abc', 'def']), 'string', { zone: utc, column: 'when' }));
    expect(e.code).toBe('noTimeParsed');
    expect(e.message).toContain('"abc"');
    expect(e.message).toContain('column "when"');
    expect(thrown(() => parseTimeColumn(['13/01/2024'], 'string', { zone: utc, format: 'MM/DD/YYYY' })).code).toBe(
      'noTimeParsed',
    );
    // a column with no values at all is not an error (e.g. nobody churned)
    const empty = parseTimeColumn(dictColumn(Int32Array.of(0, 0), []), 'string', { zone: utc });
    expect([empty.missing, empty.bad]).toEqual([2, 0]);
  });
});

describe('parseTimeColumn(plain array)', () => {
  it('parseTimeColumn reads strings, numbers, Dates and nulls', () => {
    const r = parseTimeColumn(
      ['2024-01-01T00:00:00Z', 1.7e9, new Date(at('2024-05-05T05:05:05Z')), null, undefined, NaN, new Date(NaN), {}],
      'string',
      { zone: utc },
    );
    expect(Array.from(r.ms)).toEqual([at('2024-01-01T00:00:00Z'), 1.7e12, at('2024-05-05T05:05:05Z'), NaN, NaN, NaN, NaN, NaN]);
    expect([r.missing, r.bad, r.badRows]).toEqual([3, 2, [7, 8]]);
  });
});

describe('parseTimeColumn with month names', () => {
  it('parseTimeColumn lets month-name dates mix with other forms (the name settles the order)', () => {
    const r = parseTimeColumn(encodeStrings(['10-Mar-2024', 'Mar 11, 2024', '2024-03-12', '2024-04']), 'string', { zone: utc });
    expect(Array.from(r.ms)).toEqual([at('2024-03-10T00:00:00Z'), at('2024-03-11T00:00:00Z'), at('2024-03-12T00:00:00Z'), at('2024-04-01T00:00:00Z')]);
    expect(r.bad).toBe(0);
  });
});
