import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedRejects, writeRejects } from '../../src/report/rejects.js';
import { makeFifo, readFifo } from '../fifo-reader.js';

describe('writeRejects(target, list)', () => {
  it('creates a missing folder, as --out does', () => {
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-rej-')), 'new', 'sub', 'rejects.csv');
    writeRejects(target, [{ file: 'e.csv', row: 3, column: 'time', value: 'soon', reason: 'is not a date or time' }]);
    expect(readFileSync(target, 'utf8')).toBe('file,row,column,value,reason\ne.csv,3,time,soon,is not a date or time\n');
  });

  it('writes into a FIFO (as into /dev/null) instead of renaming a file over it', async () => {
    const fifo = makeFifo();
    const read = readFifo(fifo);
    writeRejects(fifo, [{ file: 'e.csv', row: 3, column: 'time', value: 'soon', reason: 'is not a date or time' }]);
    expect(await read).toBe('file,row,column,value,reason\ne.csv,3,time,soon,is not a date or time\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(path.dirname(fifo))).toEqual(['out.fifo']);
  });
});

describe('new SharedRejects(file)', () => {
  const time = { file: 'e.csv', row: 3, column: 'time', value: 'soon', reason: 'is not a date or time' };
  const amount = { file: 'e.csv', row: 2, column: 'amount', value: 'lots', reason: 'is not a number' };

  it('lists each part\'s rejects, a value two parts rejected once, and writes them once', async () => {
    const fifo = makeFifo();
    const read = readFifo(fifo);
    const shared = new SharedRejects(fifo);
    shared.add([time]);
    shared.add([time, amount]);
    shared.write();
    shared.write();
    expect(await read).toBe('file,row,column,value,reason\ne.csv,3,time,soon,is not a date or time\ne.csv,2,amount,lots,is not a number\n');
  });

  it('writes nothing when no part added its list (the run failed before reading values)', () => {
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-rej-')), 'rejects.csv');
    new SharedRejects(target).write();
    expect(readdirSync(path.dirname(target))).toEqual([]);
  });
});
