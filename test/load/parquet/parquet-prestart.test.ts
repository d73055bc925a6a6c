import { describe, expect, it } from 'vitest';
import { PARQUET_PRESTART_BYTES, prestartParquetArgument } from '../../../src/load/parquet/parquet-prestart.js';

// Files "on disk": big.* are big enough, small.parquet is not.
const sizes: Record<string, number> = { 'big.parquet': PARQUET_PRESTART_BYTES, 'BIG.PARQUET': 1 << 30, 'small.parquet': PARQUET_PRESTART_BYTES - 1, 'big.csv': 1 << 30 };
const size = (p: string): number | undefined => sizes[p];
const pick = (line: string): string | undefined => prestartParquetArgument(line.split(' ').filter(Boolean), size);

describe('prestartParquetArgument(args, size)', () => {
  it('names a big Parquet input given as an argument, an option value or --option=value', () => {
    expect(pick('compare big.parquet --customers small.parquet --by channel')).toBe('big.parquet');
    expect(pick('compare small.parquet --customers=BIG.PARQUET')).toBe('BIG.PARQUET');
    expect(pick('matrix --engine memory big.parquet')).toBe('big.parquet');
    expect(pick('matrix -q -- big.parquet')).toBe('big.parquet');
  });

  it('names none for small, missing or non-Parquet files, output paths, or runs that read nothing in memory', () => {
    expect(pick('matrix small.parquet')).toBeUndefined();
    expect(pick('matrix nowhere.parquet')).toBeUndefined();
    expect(pick('matrix big.csv')).toBeUndefined();
    expect(pick('matrix small.parquet --out big.parquet')).toBeUndefined();
    expect(pick('matrix small.parquet --out=big.parquet')).toBeUndefined();
    expect(pick('matrix --engine duckdb big.parquet')).toBeUndefined();
    expect(pick('matrix big.parquet --help')).toBeUndefined();
    expect(pick('matrix big.parquet --print-spec')).toBeUndefined();
  });
});
