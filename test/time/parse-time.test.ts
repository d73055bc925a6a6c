import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { dictColumn, encodeStrings } from '../../src/load/dict/dict-column.js';
import {
  DATE_FORMATS,
  parseAsOf,
  parseTimeColumn,
  parseTimeString,
  resolveDateFormat,
  type DateFormat,
} from '../../src/time/parse-time.js';
import { timeZone } from '../../src/time/zone.js';
import { at } from './intl-reference.js';

const utc = timeZone('UTC');
const berlin = timeZone('Europe/Berlin');
const ny = timeZone('America/New_York');

/** The KohortError thrown by f (fails the test when none is). */
function thrown(f: () => unknown): KohortError {
  try {
    f();
  } catch (e) {
    if (e instanceof KohortError) return e;
    throw e;
  }
  throw new Error('expected a KohortError');
}

describe('parseTimeString(s, zone) with ISO 8601', () => {
  it('parseTimeString reads a date alone as local midnight', () => {
    expect(parseTimeString('2024-03-05', utc)).toBe(at('2024-03-05T00:00:00Z'));
    expect(parseTimeString('2024-03-05', berlin)).toBe(at('2024-03-04T23:00:00Z'));
    expect(parseTimeString('  2024-07-05 ', berlin)).toBe(at('2024-07-04T22:00:00Z'));
  });

  it('parseTimeString reads date-times with T or space, seconds and fractions', () => {
    expect(parseTimeString('2024-03-05T10:20:30Z', utc)).toBe(at('2024-03-05T10:20:30Z'));
    expect(parseTimeString('2024-03-05 10:20:30', utc)).toBe(at('2024-03-05T10:20:30Z'));
    expect(parseTimeString('2024-03-05t10:20z', berlin)).toBe(at('2024-03-05T10:20:00Z'));
    expect(parseTimeString('2024-03-05T10:20', utc)).toBe(at('2024-03-05T10:20:00Z'));
    expect(parseTimeString('2024-03-05T10:20:30.123Z', utc)).toBe(at('2024-03-05T10:20:30.123Z'));
    expect(parseTimeString('2024-03-05T10:20:30.5Z', utc)).toBe(at('2024-03-05T10:20:30.500Z'));
    expect(parseTimeString('2024-03-05T10:20:30,25Z', utc)).toBe(at('2024-03-05T10:20:30.250Z'));
    expect(parseTimeString('2024-03-05T10:20:30.123987654Z', utc)).toBe(at('2024-03-05T10:20:30.123Z'));
  });

  it('parseTimeString honours explicit offsets: Z, UTC, ±HH:MM, ±HHMM, ±HH', () => {
    const want = at('2024-03-05T08:20:00Z');
    for (const s of [
      '2024-03-05T10:20:00+02:00',
      '2024-03-05T10:20:00+0200',
      '2024-03-05T10:20:00+02',
      '2024-03-05 10:20:00 +0200',
      '2024-03-05T03:20:00-05:00',
      '2024-03-05T13:50:00+05:30',
      '2024-03-05 08:20:00 UTC',
      '2024-03-05T08:20:00Z',
    ]) {
      expect([s, parseTimeString(s, ny)]).toEqual([s, want]);
    }
  });

  it('parseTimeString without an offset is wall-clock time in the zone, DST gaps shifted forward', () => {
    expect(parseTimeString('2024-07-01T12:00:00', berlin)).toBe(at('2024-07-01T10:00:00Z'));
    expect(parseTimeString('2024-03-10 02:30', ny)).toBe(at('2024-03-10T07:30:00Z'));
    expect(parseTimeString('2024-11-03 01:30', ny)).toBe(at('2024-11-03T05:30:00Z'));
  });

  it('parseTimeString reads YYYY/MM/DD, a year first being unambiguous', () => {
    expect(parseTimeString('2024/02/11', utc)).toBe(Date.UTC(2024, 1, 11));
    expect(parseTimeString('2024/02/11 10:30', utc)).toBe(Date.UTC(2024, 1, 11, 10, 30));
  });

  it('parseTimeString rejects invalid dates and times with NaN', () => {
    for (const s of [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-01T25:00',
      '2024-01-01T24:00',
      '2024-01-01T10:60',
      '2024-01-01T10:00:60',
      '2024-01-01T10:00+25:00',
      '2024-01-01T10:00+02:60',
      '2024-01-01T10:00:00.Z',
      '2024-01-01T',
      '2024-01-01T10',
      '2024-01-01 10:00 junk',
      '2024-1-5',
      '2024/01/5',
      '2024/01-05',
      'abc',
      '',
      '   ',
      '32/01/2024',
      '13/13/2024',
      '1/1/24',
      '12-1-2024x',
      '1e9',
      '--5',
    ]) {
      expect([s, parseTimeString(s, utc)]).toEqual([s, NaN]);
    }
  });
});

describe('parseTimeString(s, zone) with digits', () => {
  it('parseTimeString reads 8 digits forming a date as YYYYMMDD', () => {
    expect(parseTimeString('20240305', utc)).toBe(at('2024-03-05T00:00:00Z'));
    expect(parseTimeString('19970101', berlin)).toBe(at('1996-12-31T23:00:00Z'));
  });

  it('parseTimeString reads other integers as epoch seconds below 1e11, else milliseconds', () => {
    expect(parseTimeString('1700000000', utc)).toBe(1_700_000_000_000);
    expect(parseTimeString('1700000000000', utc)).toBe(1_700_000_000_000);
    expect(parseTimeString('99999999999', utc)).toBe(99_999_999_999_000);
    expect(parseTimeString('100000000000', utc)).toBe(100_000_000_000);
    expect(parseTimeString('20241305', utc)).toBe(20_241_305_000); // not a date: epoch seconds
    expect(parseTimeString('-86400', utc)).toBe(-86_400_000);
    expect(parseTimeString('1700000000.25', utc)).toBe(1_700_000_000_250);
    expect(parseTimeString('0', utc)).toBe(0);
    expect(parseTimeString('99999999999999999', utc)).toBeNaN(); // beyond the Date range
  });
});

describe('parseTimeString(s, zone) with day-month-year values', () => {
  it('parseTimeString reads D/M/YYYY or M/D/YYYY when the value shows the order', () => {
    expect(parseTimeString('13/01/2024', utc)).toBe(at('2024-01-13T00:00:00Z'));
    expect(parseTimeString('01/13/2024', utc)).toBe(at('2024-01-13T00:00:00Z'));
    expect(parseTimeString('12-31-2023', utc)).toBe(at('2023-12-31T00:00:00Z'));
    expect(parseTimeString('05/05/2024', utc)).toBe(at('2024-05-05T00:00:00Z'));
    expect(parseTimeString('01/02/2024', utc)).toBeNaN(); // could be either
    expect(parseTimeString('01.02.2024', utc)).toBe(at('2024-02-01T00:00:00Z')); // dots are day-first
    expect(parseTimeString('31.12.2023 23:59:59', utc)).toBe(at('2023-12-31T23:59:59Z'));
  });

  it('parseTimeString(s, zone, format) reads every explicit format, with optional HH:MM[:SS]', () => {
    const cases: [DateFormat, string, string][] = [
      ['YYYYMMDD', '20240102', '2024-01-02T00:00:00Z'],
      ['YYYYMMDD', '20240102 10:30', '2024-01-02T10:30:00Z'],
      ['YYYY-MM-DD', '2024-01-02', '2024-01-02T00:00:00Z'],
      ['YYYY-MM-DD', '2024-01-02T10:30:00+01:00', '2024-01-02T09:30:00Z'],
      ['DD-MM-YYYY', '01-02-2024', '2024-02-01T00:00:00Z'],
      ['MM-DD-YYYY', '01-02-2024 10:30', '2024-01-02T10:30:00Z'],
      ['DD/MM/YYYY', '01/02/2024 10:30:15', '2024-02-01T10:30:15Z'],
      ['MM/DD/YYYY', '1/2/2024 9:05', '2024-01-02T09:05:00Z'],
      ['MM/DD/YYYY', '12/1/2010 8:26', '2010-12-01T08:26:00Z'],
      ['DD.MM.YYYY', '1.2.2024', '2024-02-01T00:00:00Z'],
    ];
    for (const [format, s, iso] of cases) {
      expect([format, s, parseTimeString(s, utc, format)]).toEqual([format, s, at(iso)]);
    }
    expect(parseTimeString('01/02/2024', berlin, 'DD/MM/YYYY')).toBe(at('2024-01-31T23:00:00Z'));
  });

  it('parseTimeString(s, zone, format) rejects values of other forms and invalid fields', () => {
    const cases: [DateFormat, string][] = [
      ['DD/MM/YYYY', '13-01-2024'],
      ['DD/MM/YYYY', '01/13/2024'],
      ['MM/DD/YYYY', '13/01/2024'],
      ['YYYY-MM-DD', '20240101'],
      ['YYYY-MM-DD', '01-01-2024'],
      ['YYYYMMDD', '2024-01-01'],
      ['YYYYMMDD', '20240230'],
      ['YYYYMMDD', '1700000000'],
      ['DD.MM.YYYY', '01/02/2024'],
      ['DD-MM-YYYY', '31-04-2024'],
      ['DD-MM-YYYY', '01-02-2024 25:00'],
    ];
    for (const [format, s] of cases) expect([format, s, parseTimeString(s, utc, format)]).toEqual([format, s, NaN]);
  });
});

describe('parseTimeColumn(col, "number")', () => {
  it('parseTimeColumn reads a column of valid YYYYMMDD numbers as dates', () => {
    const r = parseTimeColumn(Float64Array.of(19970101, 20240229, NaN), 'number', { zone: utc });
    expect(Array.from(r.ms)).toEqual([at('1997-01-01T00:00:00Z'), at('2024-02-29T00:00:00Z'), NaN]);
    expect([r.bad, r.missing, r.badRows]).toEqual([0, 1, []]);
    const local = parseTimeColumn(Float64Array.of(20240701), 'number', { zone: berlin });
    expect(local.ms[0]).toBe(at('2024-06-30T22:00:00Z'));
  });

  it('parseTimeColumn decides for the whole column: one non-date makes every value epoch seconds', () => {
    const r = parseTimeColumn(Float64Array.of(19970101, 20240230), 'number', { zone: utc });
    expect(Array.from(r.ms)).toEqual([19_970_101_000, 20_240_230_000]);
    const forced = parseTimeColumn(Float64Array.of(19970101, 20240230), 'number', { zone: utc, format: 'YYYYMMDD' });
    expect(Array.from(forced.ms)).toEqual([at('1997-01-01T00:00:00Z'), NaN]);
    expect([forced.bad, forced.badRows]).toEqual([1, [2]]);
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

describe('parseAsOf(value, zone)', () => {
  it('parseAsOf reads a date alone as the start of that day in the zone', () => {
    expect(parseAsOf('2012-01-01', utc)).toBe(at('2012-01-01T00:00:00Z'));
    expect(parseAsOf('2012-01-01', berlin)).toBe(at('2011-12-31T23:00:00Z'));
    expect(parseAsOf('2024-04-01T00:00:00Z', berlin)).toBe(at('2024-04-01T00:00:00Z'));
  });

  it('parseAsOf throws badAsOf for anything else', () => {
    const e = thrown(() => parseAsOf('next tuesday', utc));
    expect(e.code).toBe('badAsOf');
    expect(e.message).toContain('"next tuesday"');
    expect(thrown(() => parseAsOf('2024-02-30', utc)).code).toBe('badAsOf');
  });
});

describe('resolveDateFormat(value)', () => {
  it('resolveDateFormat accepts every format, case-insensitively', () => {
    for (const f of DATE_FORMATS) {
      expect(resolveDateFormat(f)).toBe(f);
      expect(resolveDateFormat(f.toLowerCase())).toBe(f);
    }
  });

  it('resolveDateFormat throws unknownDateFormat listing the allowed formats', () => {
    const e = thrown(() => resolveDateFormat('YYYY.MM.DD'));
    expect(e.code).toBe('unknownDateFormat');
    expect(e.message).toContain('"DD.MM.YYYY"');
  });
});
