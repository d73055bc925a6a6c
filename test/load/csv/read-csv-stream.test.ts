import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCSVStream } from '../../../src/load/csv/read-csv-stream.js';
import { bytes, col, cols, expectKohortError, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A CSV of `rows` rows (several MB, so several stream chunks) whose id turns to text a third of the way in. */
function bigCSV(rows: number): string {
  const lines = ['id,amount,note'];
  for (let i = 0; i < rows; ++i) {
    const id = i === 20_000 ? 'X1' : String(i).padStart(6, '0');
    lines.push(`${id},${(i % 1000) / 4},"n ""${i % 13}"", long enough to make this file span several chunks"`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('readCSVStream(path)', () => {
  const rows = 60_000;
  const text = bigCSV(rows);

  it('reads a file chunk by chunk, carrying rows across chunks and re-reading text columns', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(path, text);
    const d = await readCSVStream(path);
    expect(d.rowsRead).toBe(rows);
    expect(d.file).toBe(path);
    expect(d.kinds).toEqual({ id: 'string', amount: 'number', note: 'string' });
    const id = col(d, 'id');
    expect(id[0]).toBe('000000');
    expect(id[20_000]).toBe('X1');
    expect(id[rows - 1]).toBe(String(rows - 1).padStart(6, '0'));
    expect(col(d, 'note')[14]).toBe('n "1", long enough to make this file span several chunks');
    expect(col(d, 'amount')[1001]).toBe(0.25);
  });

  it('gunzips a .gz file, and a gzip file without the extension', async () => {
    for (const name of ['big.csv.gz', 'big-gzip.dat']) {
      const path = join(dir, name);
      writeFileSync(path, gzipSync(bytes(text)));
      const d = await readCSVStream(path);
      expect(d.rowsRead).toBe(rows);
      expect(col(d, 'id')[20_000]).toBe('X1');
    }
  });

  it('keeps a gzip column of only missing-value markers as text', async () => {
    const path = join(dir, 'markers.csv.gz');
    writeFileSync(path, gzipSync(bytes('id,channel\n1,-\n2,\n3,-\n')));
    const d = await readCSVStream(path);
    expect(d.kinds.channel).toBe('string');
    expect(col(d, 'channel')).toEqual(['-', null, '-']);
  });

  it('takes the delimiter and header options', async () => {
    const path = join(dir, 'nohead.txt');
    writeFileSync(path, '1;a\n2;b\n');
    expect(cols(await readCSVStream(path, { delimiter: ';', header: false }))).toEqual({ col_1: [1, 2], col_2: ['a', 'b'] });
  });

  it('fails with badFile on a corrupt gzip file', async () => {
    const path = join(dir, 'bad.csv.gz');
    writeFileSync(path, gzipSync(bytes(text)).subarray(0, 5000));
    await expectKohortError(() => readCSVStream(path), 'badFile');
  });
});
