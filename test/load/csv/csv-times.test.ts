import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoField, isoOut, isoZoned } from '../../../src/load/bytes/iso-time.js';
import { readCSV } from '../../../src/load/csv/read-csv.js';
import { readCSVStream } from '../../../src/load/csv/read-csv-stream.js';
import { parseTimeColumn } from '../../../src/load/times/parse-time-column.js';
import { parseTimeString } from '../../../src/time/parse-time.js';
import { timeZone } from '../../../src/time/zone.js';
import { bytes, col, cols, tempDir } from '../helpers.js';

const UTC = timeZone('UTC');
const PARIS = timeZone('Europe/Paris');
const read = (text: string, opts: { delimiter?: string } = {}) => readCSV(bytes(text), { file: 't.csv', ...opts });
const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('readCSV: ISO date-time columns read from the bytes', () => {
  it('reads times without a zone designator as wall-clock epoch ms (kind wallclock)', () => {
    const times = ['2022-01-01 00:02:09', '2022-01-01T10:00', '2024-02-29 23:59:59.5', '1999-12-31', '', '2022-03-27 02:30:00'];
    const d = read(`t,x\n${times.map((t, i) => `${t},${i}`).join('\n')}\n`);
    expect(d.kinds).toEqual({ t: 'wallclock', x: 'number' });
    expect(d.table.column('t')).toBeInstanceOf(Float64Array);
    expect(col(d, 't')).toEqual(times.map((t) => (t === '' ? NaN : parseTimeString(t, UTC))));
    // Downstream, wall-clock ms are read in the run's zone, as the strings would be.
    const parsed = parseTimeColumn(d.table.column('t'), 'wallclock', { zone: PARIS });
    expect(Array.from(parsed.ms)).toEqual(times.map((t) => (t === '' ? NaN : parseTimeString(t, PARIS))));
    expect(parsed.missing).toBe(1);
  });

  it('reads times that all carry a zone (Z, ±HH:MM, ±HHMM, ±HH, UTC) as instants (kind timestamp)', () => {
    const times = ['2022-01-01T00:00:00Z', '2022-01-01 10:00:00+02:00', '2022-06-01T08:15:30.250-0530', '2022-06-01 08:15 +01', '2022-06-01 08:15:00 UTC'];
    const d = read(`t\n${times.join('\n')}\n`);
    expect(d.kinds.t).toBe('timestamp');
    expect(col(d, 't')).toEqual(times.map((t) => parseTimeString(t, PARIS)));
  });

  it('keeps a column that mixes zoned and unzoned times as strings', () => {
    const d = read('t\n2022-01-01 10:00\n2022-01-01 10:00Z\n');
    expect(d.kinds.t).toBe('string');
    expect(col(d, 't')).toEqual(['2022-01-01 10:00', '2022-01-01 10:00Z']);
  });

  it('keeps non-ISO and invalid dates as strings, so the time parser reports them', () => {
    for (const bad of ['2022-02-30', '2022-13-01 10:00', '2022-01-01 24:00', '01/02/2022', '2022-01-01 10:00 PM', 'NA']) {
      const d = read(`t\n2022-01-01\n${bad}\n`);
      expect(d.kinds.t).toBe('string');
      expect(col(d, 't')).toEqual(['2022-01-01', bad]);
    }
  });

  it('keeps 8-digit YYYYMMDD dates (CDNOW) numeric', () => {
    const d = read('d\n19970101\n19970102\n');
    expect(d.kinds.d).toBe('number');
    expect(col(d, 'd')).toEqual([19970101, 19970102]);
  });

  it('reads quoted ISO times, and times with a comma fraction when the delimiter is not a comma', () => {
    const d = read('t;n\n"2022-01-01 10:00:00";1\n2022-01-01 10:00:00,5;2\n', { delimiter: ';' });
    expect(d.kinds.t).toBe('wallclock');
    expect(col(d, 't')).toEqual([Date.UTC(2022, 0, 1, 10), Date.UTC(2022, 0, 1, 10, 0, 0, 500)]);
  });

  it('reads an ISO column after leading blanks; a column of blanks only stays numeric (all NaN)', () => {
    const d = read('t,b\n,\n ,\n2022-01-01,\n');
    expect(d.kinds).toEqual({ t: 'wallclock', b: 'number' });
    expect(col(d, 't')).toEqual([NaN, NaN, Date.UTC(2022, 0, 1)]);
  });

  it('isoField agrees with parseTimeString on random valid and invalid texts', () => {
    const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(2, '0'));
    const text = fc.tuple(
      fc.integer({ min: 1000, max: 2999 }).map(String), two(0, 13), two(0, 32),
      fc.option(fc.tuple(fc.constantFrom('T', ' ', 't'), two(0, 25), two(0, 61), fc.option(two(0, 61)),
        fc.option(fc.stringMatching(/^\.\d{1,9}$/)),
        fc.option(fc.constantFrom('Z', 'z', '+05:30', '-0800', '+01', ' UTC', ' Z', '+24:00', '+05:3')))),
    ).map(([y, m, d, t]) => {
      if (!t) return `${y}-${m}-${d}`;
      const [sep, h, mi, s, f, z] = t;
      return `${y}-${m}-${d}${sep}${h}:${mi}${s !== null ? `:${s}${f ?? ''}` : ''}${z ?? ''}`;
    });
    fc.assert(
      fc.property(text, (s) => {
        const b = bytes(s);
        const ok = isoField(b, 0, b.length);
        const want = parseTimeString(s, UTC);
        if (!ok) return;
        // Whatever the ISO reader accepts, parseTimeString reads the same way.
        const zoned = /(?:[zZ]|UTC|[+-]\d\d(?::?\d\d)?)$/.test(s) && s.length > 10;
        expect(isoZoned).toBe(zoned);
        expect(isoOut[0]).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readCSVStream: a time column that breaks the ISO shape late', () => {
  it('turns the column back into strings at row 500,000 and the time parser names the bad row', async () => {
    const rows = 600_000;
    const base = Date.UTC(2022, 0, 1);
    const lines = ['id,event_time,amount'];
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    for (let i = 0; i < rows; ++i) lines.push(`C${i % 977},${i === 499_999 ? 'yesterday' : iso(base + i * 61_000)},${i % 100}`);
    const path = join(dir, 'late.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const d = await readCSVStream(path);
    expect(d.rowsRead).toBe(rows);
    expect(d.kinds).toEqual({ id: 'string', event_time: 'string', amount: 'number' });
    const t = col(d, 'event_time');
    // Rows before the break are re-read as their original text.
    expect(t[0]).toBe('2022-01-01 00:00:00');
    expect(t[499_998]).toBe(iso(base + 499_998 * 61_000));
    expect(t[499_999]).toBe('yesterday');
    expect(t[rows - 1]).toBe(iso(base + (rows - 1) * 61_000));
    const parsed = parseTimeColumn(d.table.column('event_time'), d.kinds.event_time, { zone: UTC });
    expect(parsed.bad).toBe(1);
    expect(parsed.badRows).toEqual([500_000]);
    expect(parsed.ms[1]).toBe(base + 61_000);
  });
});

describe('readCSV: columns', () => {
  it('keeps only the columns asked for, in file order', () => {
    const d = readCSV(bytes('a,b,c\n1,x,2022-01-01\n2,"y,z",2022-01-02\n'), { file: 'p.csv', columns: ['c', 'a', 'missing'] });
    expect(d.table.columnNames()).toEqual(['a', 'c']);
    expect(cols(d)).toEqual({ a: [1, 2], c: [Date.UTC(2022, 0, 1), Date.UTC(2022, 0, 2)] });
  });
});

describe('readCSV: records longer than a read window', () => {
  it('reads a 3 MB quoted field with line breaks between ordinary rows', () => {
    const big = 'x,'.repeat(1_500_000) + '\n';
    const d = read(`a,b\n1,"${big}"\n2,y\n`);
    expect(d.rowsRead).toBe(2);
    expect(col(d, 'a')).toEqual([1, 2]);
    expect((col(d, 'b')[0] as string).length).toBe(big.length);
    expect(col(d, 'b')[1]).toBe('y');
  });
});
