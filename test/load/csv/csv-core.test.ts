import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/load/csv/csv-parser.js';
import { bytes, cols } from '../helpers.js';

/** Read `text` in chunks of `chunk` bytes (as readRange does), with or without the size hint. */
function read(text: string, chunk: number, sizeHint?: number) {
  const data = bytes(text);
  const p = new CsvParser({ file: 'g.csv', sizeHint });
  for (let at = 0; at < data.length; at += chunk) p.push(data.subarray(at, at + chunk));
  p.end();
  return { p, d: p.toDataset() };
}

describe('CsvReader.grow', () => {
  it('sizes the columns from the bytes read so far when rows get shorter after the first chunk, not to twice the room', () => {
    // Long rows first (churned customers with a reason), short ones after: the first chunk's
    // estimate is short by a third.
    const lines = ['id,t,reason'];
    for (let i = 0; i < 60_000; ++i) lines.push(i < 20_000 ? `${i},2024-01-0${1 + (i % 9)} 10:00:00,${'competitor offer'.repeat(3)}` : `${i % 2 ? '007' : '7'},,`);
    const text = `${lines.join('\r\n')}\r\n`;
    const { p, d } = read(text, 1 << 16, bytes(text).length);
    expect(p.rowCount).toBe(60_000);
    expect(p.capacity).toBeGreaterThanOrEqual(60_000);
    expect(p.capacity).toBeLessThan(60_000 * 1.1);
    // The same table as a read that doubles its room from 1024 rows.
    const plain = read(text, 1 << 16);
    expect(cols(d)).toEqual(cols(plain.d));
    expect(d.kinds).toEqual(plain.d.kinds);
  });
});
