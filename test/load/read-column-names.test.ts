import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readColumnNames, repeatedHeaderNames } from '../../src/load/read-column-names.js';
import { tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('repeatedHeaderNames(path)', () => {
  it('names each header repeated, its positions and the names it is read as', async () => {
    const path = write('dup.csv', 'id,time,2024-01-01, time ,2024-01-01,time\na,2024-01-05,1,2024-01-06,2,2024-01-07\n');
    expect(await readColumnNames(path)).toEqual(['id', 'time', '2024-01-01', 'time_2', '2024-01-01_2', 'time_3']);
    expect(await repeatedHeaderNames(path)).toEqual([
      { name: 'time', columns: [2, 4, 6], readAs: ['time', 'time_2', 'time_3'] },
      { name: '2024-01-01', columns: [3, 5], readAs: ['2024-01-01', '2024-01-01_2'] },
    ]);
  });

  it('finds none in a header of distinct names, in a headerless file or a format without a header row', async () => {
    expect(await repeatedHeaderNames(write('ok.csv', 'id;time\na;2024-01-05\n'))).toEqual([]);
    expect(await repeatedHeaderNames(write('no.csv', 'a,a\nb,b\n'), { header: false })).toEqual([]);
    expect(await repeatedHeaderNames(write('x.ndjson', '{"id":1}\n'))).toEqual([]);
  });
});

describe('readColumnNames(path)', () => {
  it('reads the header as loading the file does, without reading its values', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `u${i},${i % 3 ? '2024-01-05' : 'x'},"a, ""b""",${i}`).join('\n');
    expect(await readColumnNames(write('big.csv', `id, when ,"note, quoted",id\n${rows}\n`))).toEqual(['id', 'when', 'note, quoted', 'id_2']);
    expect(await readColumnNames(write('semi.csv', 'a;b;;c\n1;2;3;4\n'))).toEqual(['a', 'b', 'col_3', 'c']);
    expect(await readColumnNames(write('headerless.csv', '1,2\n3,4\n'), { header: false, headerNames: ['x', 'y'] })).toEqual(['x', 'y']);
    expect(await readColumnNames(write('proto.csv', 'id,__proto__,t\n1,2,3\n'))).toEqual(['id', 't']);
    // A ragged row in the head: no names (loading the file reports the row).
    expect(await readColumnNames(write('ragged.csv', 'a,b\n1,2\n3\n'))).toBeUndefined();
  });

  it('finds no repeat in names that only end like one', async () => {
    expect(await repeatedHeaderNames(write('suffix.csv', 'id,amount_2,col_2,\n1,2,3,4\n'))).toEqual([]);
  });
});
