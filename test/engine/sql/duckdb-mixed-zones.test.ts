import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../../src/api/matrix.js';
import { matrixOnEngine } from '../../../src/api/engines.js';
import { matrixDifferences } from './same-matrix.js';

// A CSV time column mixing ISO times with an offset and times without one (no NULL tokens):
// DuckDB's sniffer types it TIMESTAMPTZ and would read the naive times as UTC; memory reads
// them as wall clock in --tz. Near midnight in Europe/Berlin (UTC+1 in March) a UTC misread
// moves the day: "2024-03-05 23:30:00" is 22:30Z, read as 23:30Z it is 00:30 on the 6th.
const EVENTS: [string, string, string][] = [
  // id, as written in the mixed file, the same instant with its Berlin offset
  ['a', '2024-03-04T22:15:00Z', '2024-03-04T22:15:00Z'],
  ['a', '2024-03-05 23:30:00', '2024-03-05T23:30:00+01:00'],
  ['b', '2024-03-04 23:40:00', '2024-03-04T23:40:00+01:00'],
  ['b', '2024-03-05T23:10:00+01:00', '2024-03-05T23:10:00+01:00'],
  ['c', '2024-03-04T12:00:00+01:00', '2024-03-04T12:00:00+01:00'],
  ['c', '2024-03-06 23:05:00', '2024-03-06T23:05:00+01:00'],
  ['d', '2024-03-04 23:59:00', '2024-03-04T23:59:00+01:00'],
  ['d', '2024-03-04T23:20:00+00:00', '2024-03-04T23:20:00+00:00'],
];

function writeCsv(dir: string, name: string, col: 1 | 2): string {
  const file = path.join(dir, name);
  writeFileSync(file, ['id,t', ...EVENTS.map((e) => `${e[0]},${e[col]}`)].join('\n') + '\n');
  return file;
}

describe('matrixOnEngine duckdb: a CSV column of ISO times with an offset mixed with times without one', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-mixed-zones-'));
  const mixed = writeCsv(dir, 'mixed.csv', 1);
  const zoned = writeCsv(dir, 'zoned.csv', 2);
  const spec = (file: string) => ({ input: { activity: file }, columns: { id: 'id', time: 't' }, tz: 'Europe/Berlin', period: 'day' as const });

  it('memory reads the naive times in --tz: the same matrix as the instants written with their offsets', async () => {
    const m = await matrix(spec(mixed));
    expect(matrixDifferences(m, await matrix(spec(zoned)))).toEqual([]);
    expect(Array.from(m.cohorts.size).reduce((s, x) => s + x, 0)).toBe(4);
  });

  it('duckdb refuses the mixed column clearly (naming file, column, a value and --engine memory) instead of reading naive times as UTC', async () => {
    await expect(matrixOnEngine(spec(mixed), { engine: 'duckdb' })).rejects.toThrow(
      /mixed\.csv.*column "t" holds times such as "2024-03-0[^"]+" \(text: ISO times with an offset mixed .*\), which the duckdb engine does not read; engine memory reads it/,
    );
  });

  it('a clean all-offset column (TIMESTAMPTZ) still reads on duckdb as memory reads it', async () => {
    expect(matrixDifferences(await matrix(spec(zoned)), await matrixOnEngine(spec(zoned), { engine: 'duckdb' }))).toEqual([]);
  });
});
