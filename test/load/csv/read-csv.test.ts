import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/load/csv/csv-parser.js';
import { isDictionary } from '../../../src/load/dict/dict-column.js';
import { readCSV } from '../../../src/load/csv/read-csv.js';
import { bytes, col, cols, expectKohortError } from '../helpers.js';

const read = (text: string, opts: { delimiter?: string; header?: boolean } = {}) =>
  readCSV(bytes(text), { file: 't.csv', ...opts });

describe('readCSV(bytes, {file})', () => {
  it('types numeric columns as Float64Array and others as dictionary columns', () => {
    const d = read('id,name,amount\n1,ann,2.5\n2,bob,-3\n1,ann,1e3\n');
    expect(d.kinds).toEqual({ id: 'number', name: 'string', amount: 'number' });
    expect(d.rowsRead).toBe(3);
    expect(d.format).toBe('csv');
    expect(d.file).toBe('t.csv');
    expect(d.table.column('id')).toBeInstanceOf(Float64Array);
    const name = d.table.column('name') as unknown as { keys: Int32Array; values: string[] };
    expect(isDictionary(name)).toBe(true);
    expect(name.keys).toBeInstanceOf(Int32Array);
    expect(name.values).toEqual(['ann', 'bob']);
    expect(cols(d)).toEqual({ id: [1, 2, 1], name: ['ann', 'bob', 'ann'], amount: [2.5, -3, 1000] });
  });

  it('puts columns of a million rows or more on SharedArrayBuffers, for the engine\'s worker threads', () => {
    const rows = 1_100_000;
    const text = `id,n\n${'C1,2\nC2,3\n'.repeat(rows / 2)}`;
    const d = readCSV(new TextEncoder().encode(text), { file: 'big.csv' });
    const ids = d.table.column('id') as unknown as { keys: Int32Array };
    const n = d.table.column('n') as unknown as Float64Array;
    expect(d.rowsRead).toBe(rows);
    expect(ids.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(n.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([n[0], n[rows - 1], ids.keys[rows - 1]]).toEqual([2, 3, 1]);
    const small = read('id,n\nC1,2\n');
    expect((small.table.column('n') as unknown as Float64Array).buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('reads RFC 4180 quotes: delimiters, newlines and "" inside fields', () => {
    const d = read('a,b\n"x, y","line1\nline2"\n"say ""hi""",""\n"3",plain\n');
    expect(col(d, 'a')).toEqual(['x, y', 'say "hi"', '3']);
    expect(col(d, 'b')).toEqual(['line1\nline2', null, 'plain']);
  });

  it('keeps text after a closing quote and reads a quoted number as a number', () => {
    const d = read('a,n\n"ab"c,"12"\n');
    expect(col(d, 'a')).toEqual(['abc']);
    expect(col(d, 'n')).toEqual([12]);
  });

  it('accepts CRLF, LF and CR line ends and a last line without one', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const d = read(['a,b', '1,x', '2,y'].join(eol));
      expect(cols(d)).toEqual({ a: [1, 2], b: ['x', 'y'] });
    }
  });

  it('strips a UTF-8 BOM from the first header name', () => {
    const d = read('\ufeffid,v\n1,2\n');
    expect(d.table.columnNames()).toEqual(['id', 'v']);
  });

  it('treats empty and blank fields as missing: NaN for numbers, null for strings', () => {
    const d = read('n,s\n1,a\n, \n3,\n');
    expect(col(d, 'n')).toEqual([1, NaN, 3]);
    expect(col(d, 's')).toEqual(['a', null, null]);
    expect(d.kinds.n).toBe('number');
    // The null count is counted while the missing keys are set, and must equal a recount.
    const s = d.table.column('s') as unknown as { nullCount: number; keys: Int32Array; values: readonly string[] };
    expect(s.nullCount).toBe(2);
    expect(s.keys.filter((k) => k === s.values.length).length).toBe(2);
    const ids = read(`id,v\n${Array.from({ length: 3000 }, (_, i) => `${i % 7 === 3 ? '' : `u${i % 50}`},1`).join('\n')}\n`).table.column('id') as unknown as { nullCount: number; keys: Int32Array; values: readonly string[]; at(i: number): string | null };
    // Ids u0..u49 are numbered (prefix and digits): their missing values get the null key while settling.
    expect(ids.nullCount).toBe(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 7 === 3).length);
    expect(ids.keys.filter((k) => k === ids.values.length).length).toBe(ids.nullCount);
    expect(Array.from({ length: 10 }, (_, i) => ids.at(i))).toEqual(['u0', 'u1', 'u2', null, 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']);
  });

  it('reads "NA", "NULL" and blanks as missing in a numeric column (Telco TotalCharges)', () => {
    const d = read('x,TotalCharges\na,NA\nb,NULL\nc, \nd,29.85\n');
    expect(d.kinds.TotalCharges).toBe('number');
    expect(col(d, 'TotalCharges')).toEqual([NaN, NaN, NaN, 29.85]);
  });

  it('keeps a column of only missing-value markers as text, with its exact values (an acquisition channel "-")', () => {
    for (const marker of ['-', 'N/A', 'NaN', 'NA', 'NULL']) {
      const d = read(`id,channel\n1,${marker}\n2,${marker}\n3,${marker}\n`);
      expect(d.kinds.channel).toBe('string');
      expect(col(d, 'channel')).toEqual([marker, marker, marker]);
    }
    // Markers of several kinds and blanks: text, blanks missing, values in first-seen order.
    const d = read('id,c\n1,\n2,-\n3,N/A\n4, \n5,-\n');
    expect(d.kinds.c).toBe('string');
    expect(col(d, 'c')).toEqual([null, '-', 'N/A', null, '-']);
    expect((d.table.column('c') as unknown as { values: readonly string[] }).values).toEqual(['-', 'N/A']);
    // Past the first window of rows (read by windows of 1 MB).
    const many = read(`id,c\n${Array.from({ length: 120_000 }, (_, i) => `${i},${i % 5 === 0 ? '' : 'NaN'}`).join('\n')}\n`);
    expect(many.kinds.c).toBe('string');
    expect(col(many, 'c').slice(0, 3)).toEqual([null, 'NaN', 'NaN']);
    expect(col(many, 'c')[119_999]).toBe('NaN');
  });

  it('keeps a column mixing numbers and missing-value markers a number column, and an all-blank one a number column of NaN', () => {
    const d = read('id,n,blank\n1,-,\n2,N/A,\n3,NaN,\n4,7, \n');
    expect(d.kinds).toEqual({ id: 'number', n: 'number', blank: 'number' });
    expect(col(d, 'n')).toEqual([NaN, NaN, NaN, 7]);
    expect(col(d, 'blank')).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('keeps "NA" as text in a string column', () => {
    const d = read('code\nNA\nDE\n');
    expect(col(d, 'code')).toEqual(['NA', 'DE']);
  });

  it('turns a column into strings at its first non-number and re-reads earlier rows as text', () => {
    const d = read('id,v\n007,1\n1.50,2\n,3\nA7,4\n8,5\n');
    expect(d.kinds).toEqual({ id: 'string', v: 'number' });
    expect(col(d, 'id')).toEqual(['007', '1.50', null, 'A7', '8']);
  });

  it('reads integers with leading zeros (CDNOW ids) as numbers', () => {
    expect(col(read('id\n00001\n00012\n'), 'id')).toEqual([1, 12]);
  });

  it('parses signs, exponents and bare points exactly as Number() does', () => {
    const texts = ['+3', '-0.5', '.5', '5.', '1E-3', '2e+2', '123456789012345678', '0.1', '-0', '1e400'];
    const d = read(`x\n${texts.join('\n')}\n`);
    expect(col(d, 'x')).toEqual(texts.map(Number));
  });

  it('trims header names and makes blank and duplicate names unique', () => {
    const d = read(' id ,,v,v,\n1,2,3,4,5\n');
    expect(d.table.columnNames()).toEqual(['id', 'col_2', 'v', 'v_2', 'col_5']);
  });

  it('skips blank lines and accepts a trailing empty line', () => {
    const d = read('a,b\n1,2\n\n3,4\n\n');
    expect(cols(d)).toEqual({ a: [1, 3], b: [2, 4] });
  });

  it('fails on a ragged row, naming the file and the data row', async () => {
    const err = await expectKohortError(() => read('a,b\n1,2\n3\n'), 'raggedRow');
    expect(err.row).toBe(2);
    expect(err.file).toBe('t.csv');
    expect(err.message).toBe('t.csv, row 2: expected 2 fields, found 1');
    await expectKohortError(() => read('a,b\n1,2,3\n'), 'raggedRow');
  });

  it('fails on a quote that is never closed', async () => {
    const err = await expectKohortError(() => read('a,b\n1,"open\n2,3\n'), 'badFile');
    expect(err.row).toBe(1);
  });

  it('decodes bytes that are not UTF-8 as Windows-1252', () => {
    const d = readCSV(new Uint8Array([0x63, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]), { file: 'w.csv' });
    expect(col(d, 'c')).toEqual(['café']);
  });

  it('decodes UTF-8 text', () => {
    expect(col(read('c\nZürich\n東京\n'), 'c')).toEqual(['Zürich', '東京']);
  });

  it('reads input larger than one 1 MB slice, re-reading a column that turns to text', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i === 70_000 ? 'z' : i},${i % 7},"row ${i}"`);
    const d = read(`id,k,s\n${rows.join('\n')}\n`);
    expect(d.rowsRead).toBe(100_000);
    expect(d.kinds).toEqual({ id: 'string', k: 'number', s: 'string' });
    expect(d.table.get('id', 69_999)).toBe('69999');
    expect(d.table.get('id', 70_000)).toBe('z');
    expect(d.table.get('k', 99_999)).toBe(99_999 % 7);
    expect(d.table.get('s', 99_999)).toBe('row 99999');
  });

  it('returns columns but no rows for a header alone', () => {
    const d = read('a,b\n');
    expect(d.rowsRead).toBe(0);
    expect(d.table.columnNames()).toEqual(['a', 'b']);
  });

  it('gives dictionary columns that Arquero verbs group and filter', () => {
    const d = read('s,v\nx,1\ny,2\nx,3\n,4\n');
    const counts = d.table.groupby('s').count().orderby('s').objects();
    expect(counts).toEqual([
      { s: null, count: 1 },
      { s: 'x', count: 2 },
      { s: 'y', count: 1 },
    ]);
    expect(d.table.filter(aq.escape((r: { s: string | null }) => r.s === 'x')).numRows()).toBe(2);
  });
});

describe('readCSV(bytes, {delimiter})', () => {
  it('reads semicolons, tabs and pipes, given or sniffed', () => {
    for (const sep of [';', '\t', '|']) {
      const text = `id${sep}name${sep}v\n1${sep}a, b${sep}2\n2${sep}c${sep}3\n`;
      for (const delimiter of [sep, undefined]) {
        const d = read(text, { delimiter });
        expect(cols(d)).toEqual({ id: [1, 2], name: ['a, b', 'c'], v: [2, 3] });
      }
    }
  });

  it('accepts "tab" and "\\t" as names of the tab delimiter', () => {
    expect(col(read('a\tb\n1\t2\n', { delimiter: 'tab' }), 'b')).toEqual([2]);
    expect(col(read('a\tb\n1\t2\n', { delimiter: '\\t' }), 'b')).toEqual([2]);
  });

  it('reads whitespace runs with leading spaces and CRLF (CDNOW layout), given or sniffed', () => {
    const text =
      'customer_id date number_of_cds dollar_value\r\n' +
      '    00001 19970101  1   11.77\r\n' +
      '    00002 19970112  1   12.00\r\n' +
      '    00003 19970102  2   20.76  \r\n';
    for (const delimiter of [' ', undefined]) {
      const d = read(text, { delimiter });
      expect(cols(d)).toEqual({
        customer_id: [1, 2, 3],
        date: [19970101, 19970112, 19970102],
        number_of_cds: [1, 1, 2],
        dollar_value: [11.77, 12, 20.76],
      });
    }
  });

  it('reads quoted fields with spaces in whitespace mode', () => {
    const d = read('a b\n"x y" 1\n', { delimiter: ' ' });
    expect(cols(d)).toEqual({ a: ['x y'], b: [1] });
  });

  it('rejects a delimiter that is not one character', async () => {
    await expectKohortError(() => read('a,b\n1,2\n', { delimiter: '::' }), 'unknownOption');
  });
});

describe('readCSV(bytes, {header: false})', () => {
  it('names columns col_1.. and reads the first record as data', () => {
    const d = read('1,a\n2,b\n', { header: false });
    expect(cols(d)).toEqual({ col_1: [1, 2], col_2: ['a', 'b'] });
    expect(d.rowsRead).toBe(2);
  });
});

describe('CsvParser.push(chunk)', () => {
  const text =
    '\ufeffid,name,note\r\n1,"a ""q"", b","x\r\ny"\r\n007,plain,\r\n\r\nA1,"",z\r\n2,c,"end"';
  const whole = cols(readCSV(bytes(text), { file: 't.csv' }));

  it('gives the same table whatever the chunk boundaries', () => {
    const all = bytes(text);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const p = new CsvParser({ file: 't.csv' });
      for (let i = 0; i < all.length; i += size) p.push(all.subarray(i, i + size));
      p.end();
      if (p.needsRefill) {
        p.startRefill();
        for (let i = 0; i < all.length && !p.done; i += size) p.push(all.subarray(i, i + size));
        p.end();
      }
      expect(cols(p.toDataset())).toEqual(whole);
    }
    expect(whole).toEqual({
      id: ['1', '007', 'A1', '2'],
      name: ['a "q", b', 'plain', null, 'c'],
      note: ['x\r\ny', null, 'z', 'end'],
    });
  });
});
