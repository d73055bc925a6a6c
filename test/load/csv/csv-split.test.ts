import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile, type CsvFileOptions } from '../../../src/load/csv/csv-split.js';
import type { Dataset } from '../../../src/load/dataset.js';
import { KohortError } from '../../../src/errors.js';
import { cols, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let fileNo = 0;

function write(text: string): { path: string; size: number } {
  const path = join(dir, `f${fileNo++}.csv`);
  const data = Buffer.from(text);
  writeFileSync(path, data);
  return { path, size: data.length };
}

/** Everything a reader's result shows: values, kinds, rows and each dictionary's value order. */
function snapshot(d: Dataset) {
  const dicts = Object.fromEntries(
    d.table.columnNames().map((n) => [n, (d.table.column(n) as unknown as { values?: unknown }).values ?? null]),
  );
  return { rows: d.rowsRead, kinds: d.kinds, cols: cols(d), dicts };
}

/** The result of reading, or the error's code and message. */
async function outcome(path: string, size: number, delimiter: string, how: CsvFileOptions) {
  try {
    return snapshot(await readCsvFile(path, size, { file: 'x.csv', delimiter }, how));
  } catch (err) {
    if (!(err instanceof KohortError)) throw err;
    return { code: err.code, message: err.message };
  }
}

// Values that make columns change kind in either part: numbers, ISO times with and
// without zones, text with quotes, delimiters and line breaks, blanks.
const value = fc.oneof(
  fc.integer({ min: -999, max: 99999 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => String(Object.is(x, -0) ? 0 : x)),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19).replace('T', ' ')),
  fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('', ' ', 'NA', '-', 'NaN', 'x', 'C0001', 'a,b', 'say "hi"', 'two\nlines', 'é', '2022-02-30'),
  fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', '1', '-'), maxLength: 5 }),
);

const table = fc.integer({ min: 1, max: 4 }).chain((ncols) =>
  fc.array(fc.array(value, { minLength: ncols, maxLength: ncols }), { minLength: 1, maxLength: 40 }),
);

function toCSV(rows: string[][], eol: string, blankLines: boolean): string {
  const field = (s: string) => (/[",\r\n]/.test(s) || (rows[0].length === 1 && s === '') ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [rows[0].map((_, i) => `c${i}`).join(',')];
  rows.forEach((r, i) => {
    lines.push(r.map(field).join(','));
    if (blankLines && i % 7 === 3) lines.push('');
  });
  return lines.join(eol) + eol;
}

describe('readCsvFile: a file split in two parts reads as one thread reads it', () => {
  it('gives the same table (values, kinds, dictionaries) or the same error, for random files and split points', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 12, max: 120 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        async (rows, eol, blanks, headBytes, mainShare) => {
          const { path, size } = write(toCSV(rows, eol, blanks));
          const one = await outcome(path, size, ',', { runner: 'none' });
          const two = await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, headBytes, mainShare });
          expect(two).toEqual(one);
          // The part's text values handed over before it is done (see early-values.ts).
          expect(await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, headBytes, mainShare, earlyMin: 1 })).toEqual(one);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a ragged row of the second part with its row number in the file', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 2000; ++i) lines.push(i === 1700 ? '1,2,3' : `${i},x${i % 5}`);
    const { path, size } = write(`${lines.join('\n')}\n`);
    const err = await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, headBytes: 100 });
    expect(err).toEqual({ code: 'raggedRow', message: 'x.csv, row 1701: expected 2 fields, found 3' });
  });

  it('re-reads parts whose columns turned to text in the other part only', async () => {
    // Part one: numbers and unzoned times; part two: text and zoned times.
    const lines = ['n,t,s'];
    for (let i = 0; i < 3000; ++i) {
      const late = i >= 2000;
      lines.push(`${late && i % 3 === 0 ? `id${i}` : i},${late ? '2022-01-01T00:00:00Z' : '2022-01-01 00:00:00'},${late ? 'z' : i}`);
    }
    const { path, size } = write(`${lines.join('\n')}\n`);
    const one = await outcome(path, size, ',', { runner: 'none' });
    for (const mainShare of [0.2, 0.5, 0.8]) {
      expect(await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, headBytes: 64, mainShare })).toEqual(one);
    }
    expect((one as { kinds: unknown }).kinds).toEqual({ n: 'string', t: 'string', s: 'string' });
  });

  it('reads a column of missing-value markers as text, and one with a number in either part as numbers, split or not', async () => {
    // m: markers only (text); a: markers, a number near the end; b: a number first, then markers.
    const lines = ['id,m,a,b'];
    for (let i = 0; i < 3000; ++i) lines.push(`${i},${i % 4 === 0 ? '' : i % 3 === 0 ? 'N/A' : '-'},${i === 2990 ? '5' : 'NA'},${i === 0 ? '1.5' : '-'}`);
    const { path, size } = write(`${lines.join('\n')}\n`);
    const one = await outcome(path, size, ',', { runner: 'none' });
    for (const mainShare of [0.2, 0.5, 0.8]) {
      expect(await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, headBytes: 64, mainShare })).toEqual(one);
    }
    const got = one as { kinds: unknown; cols: Record<string, unknown[]> };
    expect(got.kinds).toEqual({ id: 'number', m: 'string', a: 'number', b: 'number' });
    expect(got.cols.m.slice(0, 4)).toEqual([null, '-', '-', 'N/A']);
    expect([got.cols.a[2990], got.cols.a[0], got.cols.b[0], got.cols.b[1]]).toEqual([5, NaN, 1.5, NaN]);
  });

  it('reads ids of two shapes the same split or not, when one part turns the column to text', async () => {
    // Numbers first (a NUMBER column), then ids of two shapes, more than 64 of each, so
    // that numbers hashed in one thread are put back in row order with their text.
    const ids = Array.from({ length: 6000 }, (_, i) => (i < 3000 ? String(i) : i % 3 === 0 ? `w${i % 7}` : `K${String((i * 37) % 4000).padStart(4, '0')}`));
    const lines = ['id,v', ...ids.map((id, i) => `${id},${i}`)];
    const { path, size } = write(`${lines.join('\n')}\n`);
    const one = await outcome(path, size, ',', { runner: 'none' });
    for (const mainShare of [0.3, 0.55, 0.7]) {
      expect(await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, headBytes: 64, mainShare })).toEqual(one);
    }
    expect((one as { cols: Record<string, unknown[]> }).cols.id).toEqual(ids);
  });

  it('reads string ids the same split or not when the part hands its values over chunk by chunk', async () => {
    // Over 2 MB a part (several chunks, so several hand-overs): UUIDs in both cases,
    // near-UUIDs, e-mails differing in case, blanks, `007` and `7`.
    const hex = (n: number, w: number) => (n >>> 0).toString(16).padStart(w, '0').slice(-w);
    const uuid = (n: number) => `${hex(Math.imul(n + 1, 0x9e3779b1), 8)}-${hex(n >>> 3, 4)}-4${hex(n, 3)}-a${hex(n * 7, 3)}-${hex(n * 31, 12)}`;
    const ids = Array.from({ length: 150_000 }, (_, i) => {
      const n = (i * 7919) % 60_000;
      switch (i % 9) {
        case 0: return uuid(n).toUpperCase();
        case 1: return `${uuid(n).slice(0, 35)}${'0123456789abcdef'[i % 16]}`;
        case 2: return `${n % 2 ? 'user' : 'User'}.${n % 9000}@example.com`;
        case 3: return i % 5 === 0 ? '' : i % 2 ? '007' : '7';
        default: return uuid(n);
      }
    });
    const lines = ['customer_id,v', ...ids.map((id, i) => `${id},${i % 97}`)];
    const { path, size } = write(`${lines.join('\n')}\n`);
    const one = await outcome(path, size, ',', { runner: 'none' });
    for (const mainShare of [0.25, 0.5]) {
      for (const earlyMin of [1, 3000]) {
        expect(await outcome(path, size, ',', { runner: 'inline', splitBytes: 0, mainShare, earlyMin })).toEqual(one);
      }
    }
    expect((one as { cols: Record<string, unknown[]> }).cols.customer_id).toEqual(ids.map((v) => (v === '' ? null : v)));
  });

  it('reads a file no bigger than one being split by this thread alone, as one thread reads it', async () => {
    const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${(i * 7919) % 50_000}${tag},${i % 3 ? '007' : '7'},2023-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:15:00`);
    const a = write(`id,code,t\n${rows(120_000, 'a').join('\n')}\n`);
    const b = write(`id,code,t\r\n${rows(60_000, 'B').join('\r\n')}\r\n`);
    const oneA = await outcome(a.path, a.size, ',', { runner: 'none' });
    const oneB = await outcome(b.path, b.size, ',', { runner: 'none' });
    // The second read's part would hand its text values over early: counted, it shows a split.
    let absorbed = 0;
    const howB: CsvFileOptions = { runner: 'inline', splitBytes: 0, headBytes: 4096, mainShare: 0.2, earlyMin: 1, absorbEarly: () => void ++absorbed };
    let during: Promise<unknown> | undefined;
    const progress = { update: () => void (during ??= outcome(b.path, b.size, ',', howB)), done: () => undefined };
    expect(await outcome(a.path, a.size, ',', { runner: 'inline', splitBytes: 0, headBytes: 4096, progress })).toEqual(oneA);
    expect(await during).toEqual(oneB);
    expect(absorbed).toBe(0);
    // Alone, the same file is split.
    expect(await outcome(b.path, b.size, ',', howB)).toEqual(oneB);
    expect(absorbed).toBeGreaterThan(0);
  });

  it('reads a generated file of 200,000 rows the same split or not', async () => {
    const lines = ['customer_id,event_time,amount,note'];
    const base = Date.UTC(2022, 0, 1);
    for (let i = 0; i < 200_000; ++i) {
      const t = new Date(base + i * 37_000).toISOString().slice(0, 19).replace('T', ' ');
      lines.push(`C${String((i * 7919) % 20_011).padStart(7, '0')},${t},${(i % 1000) / 4},${i % 11 === 0 ? '"quoted, text"' : ''}`);
    }
    const { path, size } = write(`${lines.join('\r\n')}\r\n`);
    const one = await outcome(path, size, ',', { runner: 'none' });
    const two = await outcome(path, size, ',', { runner: 'inline', splitBytes: 0 });
    expect(two).toEqual(one);
    expect((two as { kinds: unknown }).kinds).toEqual({ customer_id: 'string', event_time: 'wallclock', amount: 'number', note: 'string' });
  });
});
