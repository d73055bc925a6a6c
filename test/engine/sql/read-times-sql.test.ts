import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matrixOnEngine } from '../../../src/api/engines.js';
import { matrix } from '../../../src/api/matrix.js';

// A --time column of small whole numbers below 0 too (-3 to 72: a balance, an offset) is no
// time on memory nor DuckDB (numbersNotTimes, the one rule): before, both read it as epoch
// seconds of 1969-12-31 and 1970-01-01.

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-small-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSpecTimes: small whole numbers are no times, memory = DuckDB', () => {
  it('refuses -3 to 72 as a time column, naming the column', async () => {
    const activity = path.join(dir, 'act.csv');
    writeFileSync(activity, 'id,t\na,-3\na,10\nb,72\nc,0\n');
    const spec = { input: { activity }, columns: { id: 'id', time: 't' } };
    await expect(matrix(spec)).rejects.toMatchObject({ code: 'smallNumbersNotTimes', column: 't' });
    await expect(matrixOnEngine(spec, { engine: 'duckdb' })).rejects.toMatchObject({ code: 'smallNumbersNotTimes', column: 't' });
  });
});
