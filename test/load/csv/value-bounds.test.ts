import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile } from '../../../src/load/csv/csv-split.js';
import { CsvParser } from '../../../src/load/csv/csv-parser.js';
import { readCSV } from '../../../src/load/csv/read-csv.js';
import type { Dataset } from '../../../src/load/dataset.js';
import { ValueBounds } from '../../../src/load/csv/value-bounds.js';
import { scanRange } from '../../../src/time/instant-range.js';
import { knownBounds } from '../../../src/time/known-bounds.js';
import { tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let fileNo = 0;

// ISO times with and without a time of day or milliseconds, across 1900-2100, and blanks.
const time = fc.oneof(
  { weight: 6, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19).replace('T', ' ')) },
  { weight: 2, arbitrary: fc.date({ min: new Date('1960-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 23)) },
  { weight: 2, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 2, arbitrary: fc.constant('') },
);

// Epoch seconds and milliseconds, now and then a decimal or a blank.
const epoch = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1_500_000_000, max: 1_800_000_000 }).map(String) },
  { weight: 4, arbitrary: fc.integer({ min: 1_500_000_000, max: 1_800_000_000 }).map((s) => `${s}123`) },
  { weight: 1, arbitrary: fc.constantFrom('', '12.5', '-7') },
);

/** Bounds remembered for column `name`, and those a fresh scan of its values gives. */
function bounds(d: Dataset, name = 't'): { kind: string; remembered: number[] | undefined; scanned: number[] } {
  const values = d.table.column(name) as unknown as Float64Array;
  const scanned = new Float64Array(3);
  scanRange(values, 0, values.length, scanned, 0);
  const known = knownBounds(values);
  return { kind: d.kinds[name], remembered: known && [known.min, known.max, known.missing], scanned: Array.from(scanned) };
}

/**
 * Column e (numbers): bounds remembered are right, and remembered whenever every value is
 * a whole number (a blank or a fraction may leave them unknown).
 */
function expectNumberBounds(d: Dataset, texts: string[]): void {
  if (d.kinds.e !== 'number') return;
  const b = bounds(d, 'e');
  if (b.scanned[0] === 0 || b.scanned[1] === 0) expect(b.remembered).toBeUndefined();
  else if (b.remembered !== undefined || texts.every((t) => /^-?\d{1,15}$/.test(t))) expect(b.remembered).toEqual(b.scanned);
}

function expectRemembered(d: Dataset): void {
  const b = bounds(d);
  if (b.kind !== 'wallclock' && b.kind !== 'timestamp') return;
  // A zero bound is left to the scan (its sign depends on the scan's order).
  if (b.scanned[0] === 0 || b.scanned[1] === 0) expect(b.remembered).toBeUndefined();
  else expect(b.remembered).toEqual(b.scanned);
}

describe('CSV time columns: bounds remembered while reading (see ValueBounds)', () => {
  it('equal a scan of the values read, split in two parts or not, fed in any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 30 }),
        fc.array(fc.tuple(time, epoch), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 12, max: 400 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        async (leadingBlanks, pairs, headBytes, mainShare, chunks) => {
          // Leading blanks: the column turns from EMPTY to TIME part-way (in either part).
          const rows: [string, string][] = [...Array.from({ length: leadingBlanks }, (): [string, string] => ['', '1600000000']), ...pairs];
          const text = `id,t,e\n${rows.map(([t, e], i) => `c${i % 7},${t},${e}`).join('\n')}\n`;
          const epochs = rows.map(([, e]) => e);
          const path = join(dir, `b${fileNo++}.csv`);
          const data = Buffer.from(text);
          writeFileSync(path, data);
          const opts = { file: 'x.csv', delimiter: ',' };
          const one = await readCsvFile(path, data.length, opts, { runner: 'none' });
          const two = await readCsvFile(path, data.length, opts, { runner: 'inline', splitBytes: 0, headBytes, mainShare });
          expectRemembered(one);
          expectRemembered(two);
          expect(bounds(two)).toEqual(bounds(one));
          expectNumberBounds(one, epochs);
          expectNumberBounds(two, epochs);
          expectRemembered(readCSV(data, opts));
          expectNumberBounds(readCSV(data, opts), epochs);
          const parser = new CsvParser(opts);
          for (let pos = 0, k = 0; pos < data.length; pos += chunks[k++ % chunks.length]) parser.push(data.subarray(pos, pos + chunks[k % chunks.length]));
          parser.end();
          const fed = parser.toDataset();
          expectRemembered(fed);
          expectNumberBounds(fed, epochs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are not remembered for a column that turned to text', async () => {
    const d = readCSV(Buffer.from('t\n2022-01-01\n2022-01-02\nlater\n'), { file: 'x.csv' });
    expect(d.kinds.t).toBe('string');
  });

  it('count blanks of the other part as missing', async () => {
    const lines = ['id,t'];
    for (let i = 0; i < 2000; ++i) lines.push(`c${i},${i < 1000 ? `2022-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00` : ''}`);
    const data = Buffer.from(`${lines.join('\n')}\n`);
    const path = join(dir, 'blank-part.csv');
    writeFileSync(path, data);
    const d = await readCsvFile(path, data.length, { file: 'x.csv' }, { runner: 'inline', splitBytes: 0, headBytes: 64, mainShare: 0.4 });
    expect(bounds(d).remembered).toEqual([Date.UTC(2022, 0, 1, 10), Date.UTC(2022, 0, 28, 10), 1000]);
  });
});

describe('ValueBounds.finish', () => {
  it('scans the rows left and remembers the bounds for the finished values', () => {
    const values = new Float64Array([5, NaN, -3, 9, 4]);
    const b = new ValueBounds();
    b.scanTo(values, 2, true);
    const finished = values.slice();
    b.finish(values, 5, true, finished);
    expect(knownBounds(finished)).toEqual({ min: -3, max: 9, missing: 1 });
    expect(knownBounds(values)).toBeUndefined();
  });

  it('remembers nothing with a zero bound, once the bounds are unknown, or for a fraction', () => {
    const cases: [number[], boolean][] = [
      [[0, 3, 7], true],
      [[-4, -1, 0], true],
      [[1, 2.5, 7], false],
      [[1, NaN, 7], false],
    ];
    for (const [list, whole] of cases) {
      const values = Float64Array.from(list);
      const b = new ValueBounds();
      b.finish(values, values.length, whole, values);
      expect(knownBounds(values)).toBeUndefined();
    }
    const values = Float64Array.from([1, 2, 3]);
    const b = new ValueBounds();
    b.known = false;
    b.finish(values, 3, true, values);
    expect(knownBounds(values)).toBeUndefined();
  });

  it('takes whole numbers without a time column (whole = false)', () => {
    const values = Float64Array.from([1_600_000_000, 1_500_000_000, 1_700_000_000]);
    new ValueBounds().finish(values, 3, false, values);
    expect(knownBounds(values)).toEqual({ min: 1_500_000_000, max: 1_700_000_000, missing: 0 });
  });
});
