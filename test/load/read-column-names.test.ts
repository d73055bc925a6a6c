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
