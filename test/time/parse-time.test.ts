import { describe, expect, it } from 'vitest';
import type { DateFormat } from '../../src/time/date-format.js';
import { parseAsOf, parseTimeString } from '../../src/time/parse-time.js';
import { timeZone } from '../../src/time/zone.js';
import { at } from './intl-reference.js';
import { thrown } from '../thrown.js';

const utc = timeZone('UTC');
const berlin = timeZone('Europe/Berlin');
const ny = timeZone('America/New_York');

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

  it('parseTimeString reads a year first with 1-digit month or day (spreadsheets in ja/zh locales: 2024/1/5)', () => {
    expect(parseTimeString('2024/1/5', utc)).toBe(Date.UTC(2024, 0, 5));
    expect(parseTimeString('2024-1-5', utc)).toBe(Date.UTC(2024, 0, 5));
    expect(parseTimeString('2024/01/5', utc)).toBe(Date.UTC(2024, 0, 5));
    expect(parseTimeString('2024/1/25 9:05:30', utc)).toBe(Date.UTC(2024, 0, 25, 9, 5, 30));
    expect(parseTimeString('2024-3-31 02:30', berlin)).toBe(at('2024-03-31T01:30:00Z')); // the DST gap, shifted forward
    expect(parseTimeString('2024/1/5', utc, 'YYYY/MM/DD')).toBe(Date.UTC(2024, 0, 5));
    expect(parseTimeString('2024-1-5', utc, 'YYYY/MM/DD')).toBeNaN();
    expect(parseTimeString('2024/2/30', utc)).toBeNaN();
  });

  it('parseTimeString reads a 12-hour clock with AM or PM (US spreadsheets: 1/25/2024 9:05 PM)', () => {
    expect(parseTimeString('1/25/2024 9:05 PM', utc)).toBe(Date.UTC(2024, 0, 25, 21, 5));
    expect(parseTimeString('1/25/2024 9:05:07 am', utc)).toBe(Date.UTC(2024, 0, 25, 9, 5, 7));
    expect(parseTimeString('2024-01-25 12:30 AM', utc)).toBe(Date.UTC(2024, 0, 25, 0, 30));
    expect(parseTimeString('2024-01-25 12:30PM', utc)).toBe(Date.UTC(2024, 0, 25, 12, 30));
    expect(parseTimeString('01/05/2024 11:59 PM', ny, 'MM/DD/YYYY')).toBe(at('2024-01-06T04:59:00Z'));
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
      '2024/01-05',
      '2024-1-5-',
      '2024-123-5',
      '2024/1/5 13:00 PM',
      '2024/1/5 0:30 AM',
      '2024/1/5 9:30 AMX',
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

  it('parseTimeString(s, zone, format) reads a day-first format with any of "/", "-" and "." (dots stay day-first: refused by month-first formats)', () => {
    for (const f of ['DD/MM/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY'] as DateFormat[]) {
      for (const s of ['05/01/2024 10:00', '05-01-2024 10:00', '05.01.2024 10:00']) expect([f, s, parseTimeString(s, utc, f)]).toEqual([f, s, at('2024-01-05T10:00:00Z')]);
    }
    for (const f of ['MM/DD/YYYY', 'MM-DD-YYYY'] as DateFormat[]) {
      for (const s of ['05/01/2024', '05-01-2024']) expect([f, s, parseTimeString(s, utc, f)]).toEqual([f, s, at('2024-05-01T00:00:00Z')]);
      expect(parseTimeString('05.01.2024', utc, f)).toBeNaN();
    }
  });

  it('parseTimeString(s, zone, format) rejects values of other forms and invalid fields', () => {
    const cases: [DateFormat, string][] = [
      ['DD/MM/YYYY', '32-01-2024'],
      ['MM/DD/YYYY', '05.01.2024'],
      ['MM-DD-YYYY', '05.01.2024 10:00'],
      ['DD/MM/YYYY', '01/13/2024'],
      ['MM/DD/YYYY', '13/01/2024'],
      ['YYYY-MM-DD', '20240101'],
      ['YYYY-MM-DD', '01-01-2024'],
      ['YYYYMMDD', '2024-01-01'],
      ['YYYYMMDD', '20240230'],
      ['YYYYMMDD', '1700000000'],
      ['DD-MM-YYYY', '31-04-2024'],
      ['DD-MM-YYYY', '01-02-2024 25:00'],
    ];
    for (const [format, s] of cases) expect([format, s, parseTimeString(s, utc, format)]).toEqual([format, s, NaN]);
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

describe('parseTimeString(s, zone) with month names and YYYY-MM', () => {
  it('parseTimeString reads English month names, day first or month first, with a time', () => {
    for (const s of ['10-Mar-2024', '10 Mar 2024', '10/mar/2024', '10 MARCH 2024', 'Mar 10, 2024', 'March 10 2024', 'Mar. 10, 2024', '  mar 10, 2024 ']) {
      expect(parseTimeString(s, berlin)).toBe(at('2024-03-09T23:00:00Z'));
    }
    expect(parseTimeString('Sept 3, 2024', utc)).toBe(at('2024-09-03T00:00:00Z'));
    expect(parseTimeString('3-May-2024 14:30', utc)).toBe(at('2024-05-03T14:30:00Z'));
    expect(parseTimeString('10-Mar-2024T10:00Z', berlin)).toBe(at('2024-03-10T10:00:00Z'));
    for (const s of ['10-Mar-24', '31-Feb-2024', 'Mayo 3, 2024', '10-Mar/2024', 'Mar 10', '10 Mar', 'Mar 100, 2024', '123-Mar-2024']) {
      expect(parseTimeString(s, utc)).toBeNaN();
    }
    // An explicit format reads only its own form.
    expect(parseTimeString('10-Mar-2024', utc, 'DD-MM-YYYY')).toBeNaN();
  });

  it('parseTimeString reads RFC 2822 and toUTCString dates: a weekday and comma first, GMT as UTC', () => {
    expect(parseTimeString('Fri, 05 Jan 2024 10:00:00 GMT', ny)).toBe(Date.UTC(2024, 0, 5, 10));
    expect(parseTimeString('Fri, 5 Jan 2024 23:30:00 +0100', utc)).toBe(Date.UTC(2024, 0, 5, 22, 30));
    expect(parseTimeString('Friday, January 5, 2024', utc)).toBe(Date.UTC(2024, 0, 5));
    expect(parseTimeString('2024-01-05 10:00 GMT', utc)).toBe(Date.UTC(2024, 0, 5, 10));
    for (const s of ['Xyz, 05 Jan 2024', 'Fri 05 Jan 2024', 'Fri,', 'Fri, 2024-01-05']) expect([s, parseTimeString(s, utc)]).toEqual([s, NaN]);
  });

  it('parseTimeString reads YYYY-MM as the first day of the month', () => {
    expect(parseTimeString('2024-03', berlin)).toBe(at('2024-02-29T23:00:00Z'));
    expect(parseTimeString('2024-13', utc)).toBeNaN();
    expect(parseTimeString('2024/03', utc)).toBeNaN();
    expect(parseTimeString('2024-03', utc, 'YYYY-MM-DD')).toBeNaN();
  });
});
