import { describe, expect, it } from 'vitest';
import { chooseOutputFormat, formatFromPath, pathExtension } from '../../src/export/format-from-path.js';

const available = ['table', 'csv', 'tidy-csv', 'tsv', 'json', 'arrow'];

describe('formatFromPath(path)', () => {
  it('names the format of each known extension, case-insensitively', () => {
    expect(['r.csv', 'r.TSV', 'r.json', 'r.arrow', 'r.feather', 'r.parquet', 'r.html', 'r.txt', 'dir.x/r'].map(formatFromPath)).toEqual([
      'csv', 'tsv', 'json', 'arrow', 'arrow', 'parquet', 'html', 'table', undefined,
    ]);
    expect(pathExtension('/a.b/c')).toBe('');
    expect(pathExtension('.hidden')).toBe('');
    expect(pathExtension('r.tar.gz')).toBe('gz');
  });
});

describe('chooseOutputFormat({format, out, tty, available})', () => {
  it('takes --format, else the --out extension, else table on a terminal and csv elsewhere', () => {
    expect(chooseOutputFormat({ format: 'json', tty: true, available })).toEqual({ ok: true, format: 'json' });
    expect(chooseOutputFormat({ out: 'r.arrow', tty: true, available })).toEqual({ ok: true, format: 'arrow' });
    expect(chooseOutputFormat({ out: 'r.csv', tty: false, available })).toEqual({ ok: true, format: 'csv' });
    expect(chooseOutputFormat({ out: 'r', tty: true, available })).toEqual({ ok: true, format: 'csv' });
    expect(chooseOutputFormat({ tty: true, available })).toEqual({ ok: true, format: 'table' });
    expect(chooseOutputFormat({ tty: false, available })).toEqual({ ok: true, format: 'csv' });
  });

  it('accepts a format of the extension family (tidy-csv to .csv), refuses a contradiction', () => {
    expect(chooseOutputFormat({ format: 'tidy-csv', out: 'r.csv', tty: false, available })).toEqual({ ok: true, format: 'tidy-csv' });
    expect(chooseOutputFormat({ format: 'csv', out: 'r.json', tty: false, available })).toMatchObject({ ok: false, reason: 'contradiction', ext: 'json' });
    expect(chooseOutputFormat({ format: 'arrow', out: 'r.bin', tty: false, available })).toEqual({ ok: true, format: 'arrow' });
  });

  it('takes .arrows as the Arrow IPC stream (arrow-stream), and arrow-stream as of the arrow family', () => {
    const withStream = [...available, 'arrow-stream'];
    expect(chooseOutputFormat({ out: 'r.arrows', tty: false, available: withStream })).toEqual({ ok: true, format: 'arrow-stream' });
    expect(chooseOutputFormat({ format: 'arrow-stream', out: 'r.arrows', tty: false, available: withStream })).toEqual({ ok: true, format: 'arrow-stream' });
    expect(chooseOutputFormat({ format: 'arrow-stream', out: 'r.arrow', tty: false, available: withStream })).toEqual({ ok: true, format: 'arrow-stream' });
    expect(chooseOutputFormat({ format: 'arrow', out: 'r.arrows', tty: false, available: withStream })).toEqual({ ok: true, format: 'arrow' });
    expect(chooseOutputFormat({ format: 'arrow-stream', out: 'r.csv', tty: false, available: withStream })).toMatchObject({ ok: false, reason: 'contradiction' });
  });

  it('says which formats are not available, and which extensions are unknown', () => {
    expect(chooseOutputFormat({ out: 'r.parquet', tty: false, available })).toMatchObject({ ok: false, reason: 'unavailable', family: 'parquet' });
    expect(chooseOutputFormat({ out: 'r.xlsx', tty: false, available })).toMatchObject({ ok: false, reason: 'unknownExtension', ext: 'xlsx' });
  });
});
