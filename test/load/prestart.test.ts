import { describe, expect, it } from 'vitest';
import { inputArguments, takePrestartedWorker } from '../../src/load/prestart.js';

const args = (line: string): string[] => line.split(' ').filter(Boolean);

describe('inputArguments(args)', () => {
  it('keeps arguments and option values, never the value of an output option', () => {
    expect(inputArguments(args('retention a.csv --activity b.parquet --out c.csv --rejects=d.csv'))).toEqual(['retention', 'a.csv', '--activity', 'b.parquet']);
    expect(inputArguments(args('retention --customers=a.csv -- --out'))).toEqual(['retention', 'a.csv', '--out']);
    expect(inputArguments(args('retention --engine memory a.csv'))).toEqual(['retention', 'a.csv']);
  });

  it('is undefined when the run reads no file in memory', () => {
    expect(inputArguments(args('retention a.csv --help'))).toBeUndefined();
    expect(inputArguments(args('retention --engine duckdb a.csv'))).toBeUndefined();
    expect(inputArguments(args('retention --engine=duckdb a.csv'))).toBeUndefined();
    expect(inputArguments(args('retention a.csv --print-spec'))).toBeUndefined();
  });
});

describe('takePrestartedWorker(url)', () => {
  it('takes the worker left on the global key for that script, once, and refs it', () => {
    const key = Symbol.for('kohort.prestarted-worker');
    const g = globalThis as { [key]?: unknown };
    let refs = 0;
    const worker = { ref: () => ++refs };
    g[key] = { url: 'file:///w.js', worker, online: true };
    expect(takePrestartedWorker(new URL('file:///other.js'))).toBeUndefined();
    expect(takePrestartedWorker(new URL('file:///w.js'))).toEqual({ worker, online: true });
    expect(refs).toBe(1);
    expect(g[key]).toBeUndefined();
    expect(takePrestartedWorker(new URL('file:///w.js'))).toBeUndefined();
  });
});
