import { describe, expect, it } from 'vitest';
import { excelSepLine, fileExtension, sniffDelimiter, sniffFormat, WHITESPACE } from '../../src/load/sniff.js';
import { bytes } from './helpers.js';

describe('sniffFormat(path)', () => {
  it('reads the format from the extension, with .gz stripped first', () => {
    const cases: [string, string][] = [
      ['a.csv', 'csv'], ['a.TSV', 'csv'], ['a.txt', 'csv'], ['dir.x/a.dat', 'csv'], ['a.csv.gz', 'csv'],
      ['a.ndjson', 'ndjson'], ['a.jsonl.gz', 'ndjson'], ['a.json', 'ndjson'],
      ['a.arrow', 'arrow'], ['a.feather', 'arrow'], ['a.ipc', 'arrow'], ['a.parquet', 'parquet'],
    ];
    for (const [path, format] of cases) expect(sniffFormat(path), path).toBe(format);
  });

  it('falls back to the magic bytes for an unknown extension', () => {
    expect(sniffFormat('x.bin', bytes('PAR1....'))).toBe('parquet');
    expect(sniffFormat('x.bin', bytes('ARROW1\0\0'))).toBe('arrow');
    expect(sniffFormat('x', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0]))).toBe('arrow');
    expect(sniffFormat('x.log', bytes('\n  {"a": 1}\n'))).toBe('ndjson');
    expect(sniffFormat('x.log', bytes('a,b\n1,2\n'))).toBe('csv');
    expect(sniffFormat('x.bin', new Uint8Array([1, 2, 0, 4]))).toBeUndefined();
    expect(sniffFormat('noext')).toBe('csv');
    expect(sniffFormat('x.constructor', bytes('a,b\n'))).toBe('csv');
  });
});

describe('fileExtension(path)', () => {
  it('is lower case, without .gz, and empty for dot files and no extension', () => {
    expect(fileExtension('/a/b.Data.CSV.gz')).toBe('csv');
    expect(fileExtension('/a.b/c')).toBe('');
    expect(fileExtension('.hidden')).toBe('');
  });
});

describe('sniffDelimiter(sampleText)', () => {
  it('finds comma, tab, semicolon and pipe by consistent field counts', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a\tb c\n1\t2 3\n')).toBe('\t');
    expect(sniffDelimiter('name;amount\nfoo;1,5\nbar;2,25\n')).toBe(';');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('ignores delimiters inside quotes, also across lines', () => {
    expect(sniffDelimiter('a;b\n"x,y,z";1\n"p\nq,r";2\n')).toBe(';');
  });

  it('chooses whitespace runs for space-aligned text with leading spaces and CRLF', () => {
    const cdnow = 'customer_id date number_of_cds dollar_value\r\n    00001 19970101  1   11.77\r\n    00002 19970112  1   12.00\r\n';
    expect(sniffDelimiter(cdnow)).toBe(WHITESPACE);
  });

  it('prefers commas over spaces inside fields', () => {
    expect(sniffDelimiter('id,desc\n1,WHITE HANGING HEART\n2,RED LANTERN\n')).toBe(',');
  });

  it('falls back to comma for a single column and empty input', () => {
    expect(sniffDelimiter('id\n1\n2\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });

  it('ignores a partial last line of a truncated sample', () => {
    expect(sniffDelimiter('a;b\n1;2\n3;4\n5;6\n7;8\n9;10\n11;12\n13;14\n15;16\n17;18\n19,5')).toBe(';');
  });
});

describe('excelSepLine(head, pos)', () => {
  it("finds Excel's sep= line with its line end, after a BOM too", () => {
    expect(excelSepLine(bytes('sep=;\nid;time\n'))).toEqual({ delimiter: ';', length: 6 });
    expect(excelSepLine(bytes('SEP=|\r\nid|time\r\n'))).toEqual({ delimiter: '|', length: 7 });
    expect(excelSepLine(bytes('sep=\t\rid\ttime\r'))).toEqual({ delimiter: '\t', length: 6 });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('sep=,\nid,time\n')]);
    expect(excelSepLine(bom, 3)).toEqual({ delimiter: ',', length: 6 });
  });

  it('is null for a header that only starts like one', () => {
    for (const text of ['sep=;a,b\n', 'separator,b\n', 'sep,b\n', 'id,sep=;\n', 'sep=\n', 'sep="\n']) {
      expect(excelSepLine(bytes(text)), text).toBeNull();
    }
  });
});
