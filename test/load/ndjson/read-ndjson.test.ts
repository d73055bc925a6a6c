import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isDictionary } from '../../../src/load/dict/dict-column.js';
import { NdjsonParser, readNDJSON, readNDJSONStream } from '../../../src/load/ndjson/read-ndjson.js';
import { bytes, cols, expectKohortError, tempDir } from '../helpers.js';

const read = (text: string) => readNDJSON(bytes(text), { file: 'e.ndjson' });

describe('readNDJSON(bytes, {file})', () => {
  it('takes the union of keys in first-seen order, missing where a line lacks a key', () => {
    const d = read('{"id":1,"t":"2024-01-05"}\n{"id":2,"amount":3.5}\n{"t":"2024-02-01","id":1}\n');
    expect(d.table.columnNames()).toEqual(['id', 't', 'amount']);
    expect(d.kinds).toEqual({ id: 'number', t: 'string', amount: 'number' });
    expect(cols(d)).toEqual({ id: [1, 2, 1], t: ['2024-01-05', null, '2024-02-01'], amount: [NaN, 3.5, NaN] });
    expect(d.table.column('id')).toBeInstanceOf(Float64Array);
    expect(isDictionary(d.table.column('t'))).toBe(true);
    expect(d.format).toBe('ndjson');
  });

  it('reads booleans, and mixed types as strings', () => {
    const d = read('{"b":true,"m":1,"o":{"x":[1]}}\n{"b":null,"m":"a"}\n{"b":false,"m":true}\n');
    expect(d.kinds).toEqual({ b: 'boolean', m: 'string', 'o.x': 'string' });
    expect(cols(d)).toEqual({ b: [true, null, false], m: ['1', 'a', 'true'], 'o.x': ['[1]', null, null] });
  });

  it('names a nested key by its path (a Mixpanel or Segment export), arrays stay JSON text', () => {
    const d = read(
      '{"event":"a","properties":{"time":1704153600,"distinct_id":"u1","ctx":{"plan":"pro"}}}\n' +
        '{"event":"b","properties":{"time":1707004800,"tags":["x"]},"properties.time":5}\n{"event":"c","properties":{}}\n',
    );
    expect(d.table.columnNames()).toEqual(['event', 'properties.time', 'properties.distinct_id', 'properties.ctx.plan', 'properties.tags']);
    // a literal "properties.time" key beside the nested one: the row's first value stays
    expect(cols(d)).toEqual({
      event: ['a', 'b', 'c'],
      'properties.time': [1704153600, 1707004800, NaN],
      'properties.distinct_id': ['u1', null, null],
      'properties.ctx.plan': ['pro', null, null],
      'properties.tags': [null, '["x"]', null],
    });
  });

  it('keeps a nested id number as written (19 digits, 1.0), in lines and in a JSON array', () => {
    const lines = '{"user":{"id":12345678901234567891},"n":{"id":1.0}}\n{"user":{"id":12345678901234567892},"n":{"id":1}}\n';
    const text = (key: string) => key === 'user.id' || key === 'n.id';
    for (const src of [lines, `[${lines.trim().split('\n').join(',')}]`]) {
      const d = readNDJSON(bytes(src), { file: 'e.ndjson', text });
      expect(cols(d)).toEqual({ 'user.id': ['12345678901234567891', '12345678901234567892'], 'n.id': ['1.0', '1'] });
    }
  });

  it('skips blank lines, accepts CRLF and a BOM, and counts lines for errors', async () => {
    const d = read('\ufeff{"a":1}\r\n\r\n{"a":2}');
    expect(cols(d)).toEqual({ a: [1, 2] });
    const err = await expectKohortError(() => read('{"a":1}\n\n{"a":\n'), 'badJsonLine');
    expect(err.row).toBe(3);
    expect(err.message).toMatch(/^e\.ndjson, row 3: not a JSON object/);
    const arr = await expectKohortError(() => read('{"a":1}\n[1,2]\n'), 'badJsonLine');
    expect(arr.message).toContain('found an array');
  });

  it('reads a file holding one JSON array of objects', () => {
    const d = read('[\n {"a": 1, "s": "x"},\n {"a": 2}\n]\n');
    expect(cols(d)).toEqual({ a: [1, 2], s: ['x', null] });
  });

  it('treats "" and blank strings as missing', () => {
    expect(cols(read('{"s":""}\n{"s":" "}\n{"s":"v"}\n'))).toEqual({ s: [null, null, 'v'] });
  });
});

describe('NdjsonParser.push(chunk)', () => {
  it('carries a line split across chunks', () => {
    const all = bytes('{"id":1,"s":"é"}\n{"id":2,"s":"東京"}\n');
    for (const size of [1, 2, 5]) {
      const p = new NdjsonParser('c.ndjson');
      for (let i = 0; i < all.length; i += size) p.push(all.subarray(i, i + size));
      expect(cols(p.finish())).toEqual({ id: [1, 2], s: ['é', '東京'] });
    }
  });
});

describe('readNDJSONStream(path)', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('reads a gzip-compressed file', async () => {
    const path = join(dir, 'e.jsonl.gz');
    writeFileSync(path, gzipSync(bytes('{"a":1}\n{"a":2}\n')));
    const d = await readNDJSONStream(path);
    expect(d.file).toBe(path);
    expect(cols(d)).toEqual({ a: [1, 2] });
  });
});
