import { describe, expect, it } from 'vitest';
import { PRESTART_BYTES, prestartCsvArgument } from '../../../src/load/csv/csv-prestart.js';

// Files "on disk": big.* are big enough, small.csv is not.
const sizes: Record<string, number> = { 'big.csv': PRESTART_BYTES, 'big.tsv': PRESTART_BYTES + 1, 'big.TXT': 1 << 30, 'small.csv': PRESTART_BYTES - 1, 'big.parquet': 1 << 30 };
const size = (p: string): number | undefined => sizes[p];
const pick = (line: string): string | undefined => prestartCsvArgument(line.split(' ').filter(Boolean), size);

describe('prestartCsvArgument(args, size)', () => {
  it('names a big CSV input given as an argument, an option value or --option=value', () => {
    expect(pick('retention big.csv')).toBe('big.csv');
    expect(pick('retention --activity big.tsv --period month')).toBe('big.tsv');
    expect(pick('reasons --customers=big.TXT --reason why')).toBe('big.TXT');
    expect(pick('retention --engine memory --activity big.csv')).toBe('big.csv');
    expect(pick('retention --engine=memory big.csv')).toBe('big.csv');
    expect(pick('retention -q -- big.csv')).toBe('big.csv');
  });

  it('names none for small or non-CSV files, or missing ones', () => {
    expect(pick('retention small.csv')).toBeUndefined();
    expect(pick('retention big.parquet')).toBeUndefined();
    expect(pick('retention nowhere.csv')).toBeUndefined();
  });

  it('never takes an output path (--out, -o, --rejects) for an input', () => {
    expect(pick('retention small.csv --out big.csv')).toBeUndefined();
    expect(pick('retention small.csv -o big.csv')).toBeUndefined();
    expect(pick('retention small.csv --out=big.csv')).toBeUndefined();
    expect(pick('retention small.csv --rejects big.tsv')).toBeUndefined();
    expect(pick('retention --out big.csv big.tsv')).toBe('big.tsv');
  });

  it('names none when no file is read in memory: --engine other than memory, --help, -h, --version, --print-spec', () => {
    expect(pick('retention --engine duckdb big.csv')).toBeUndefined();
    expect(pick('retention big.csv --engine=postgres')).toBeUndefined();
    expect(pick('retention big.csv --help')).toBeUndefined();
    expect(pick('retention -h big.csv')).toBeUndefined();
    expect(pick('--version big.csv')).toBeUndefined();
    expect(pick('retention big.csv --print-spec')).toBeUndefined();
  });
});
