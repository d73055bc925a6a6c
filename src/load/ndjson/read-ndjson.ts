import { fail } from '../../errors.js';
import { decodeText } from '../dict/byte-dict.js';
import { isTextColumn, type Dataset, type TextColumns } from '../dataset.js';
import { concatBytes, openByteStream, readHead } from '../file-bytes.js';
import { makeDataset } from '../make-dataset.js';
import { isGzip } from '../sniff.js';
import { arrayNumberTexts, objectNumberTexts } from './json-number-text.js';
import { ValueColumn } from './value-column.js';

const LF = 0x0a;

/**
 * A push parser for newline-delimited JSON: one object per line, columns the union
 * of their keys in first-seen order, types inferred as for CSV (see ValueColumn).
 * A nested object's keys are columns named by their path, "user.id" for
 * {"user": {"id": 7}} (as in Mixpanel or Segment exports); arrays stay JSON text.
 * A file whose content starts with "[" is read as one JSON array of objects.
 * A line that is not a JSON object fails with `badJsonLine` and its line number.
 */
export class NdjsonParser {
  private readonly file: string;
  private carry: Uint8Array | null = null;
  private arrayParts: Uint8Array[] | null = null;
  private started = false;
  private line = 0;
  private rows = 0;
  private readonly columns = new Map<string, ValueColumn>();
  private readonly text: TextColumns | undefined;
  private readonly isText: (key: string) => boolean;

  /** `text`: keys whose values are read as text, numbers as written (ids). */
  constructor(file: string, text?: TextColumns) {
    this.file = file;
    this.text = text;
    this.isText = (key) => isTextColumn(text, key);
  }

  /** Feed the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry !== null) {
      buf = concatBytes([this.carry, chunk]);
      this.carry = null;
    }
    if (!this.started) {
      const first = buf.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf);
      if (first < 0) return void (this.carry = buf);
      this.started = true;
      if (buf[first] === 0x5b) this.arrayParts = [];
    }
    if (this.arrayParts !== null) return void this.arrayParts.push(buf);
    let start = 0;
    for (let nl = buf.indexOf(LF); nl >= 0; nl = buf.indexOf(LF, start)) {
      this.parseLine(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) this.carry = buf.slice(start);
  }

  /** Signal the end of input and return the table. */
  finish(): Dataset {
    if (this.arrayParts !== null) this.parseArray(concatBytes(this.arrayParts));
    else if (this.carry !== null && this.started) this.parseLine(this.carry, 0, this.carry.length);
    this.carry = null;
    const columns = [...this.columns].map(([name, col]) => col.finish(name, this.rows));
    return makeDataset(this.file, 'ndjson', columns, this.rows);
  }

  private parseLine(buf: Uint8Array, start: number, end: number): void {
    ++this.line;
    if (this.line === 1 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
    let blank = true;
    for (let i = start; i < end && blank; ++i) blank = buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0d;
    if (blank) return;
    let value: unknown;
    const line = decodeText(buf, start, end);
    try {
      value = JSON.parse(line);
    } catch (err) {
      fail('badJsonLine', { reason: (err as Error).message }, { file: this.file, row: this.line });
    }
    this.addRow(value, this.line, this.numberTexts(value, () => line));
  }

  private parseArray(bytes: Uint8Array): void {
    let value: unknown;
    const text = decodeText(bytes);
    try {
      value = JSON.parse(text);
    } catch (err) {
      fail('badFile', { format: 'JSON', reason: (err as Error).message }, { file: this.file });
    }
    if (!Array.isArray(value)) fail('badFile', { format: 'JSON', reason: 'not an array of objects' }, { file: this.file });
    const raw = this.text === undefined ? [] : arrayNumberTexts(text, this.isText);
    value.forEach((row, i) => this.addRow(row, i + 1, raw[i]));
  }

  /** The source text of the text columns' numbers in this row, when it has any. */
  private numberTexts(value: unknown, line: () => string): Map<string, string> | undefined {
    if (this.text === undefined || value === null || typeof value !== 'object') return undefined;
    if (!this.hasTextNumber(value as Record<string, unknown>, '')) return undefined;
    const out = new Map<string, string>();
    objectNumberTexts(line(), 0, this.isText, out);
    return out;
  }

  private hasTextNumber(value: Record<string, unknown>, prefix: string): boolean {
    for (const key in value) {
      const v = value[key];
      if (typeof v === 'number' ? this.isText(prefix + key) : isObject(v) && this.hasTextNumber(v, `${prefix}${key}.`)) return true;
    }
    return false;
  }

  private addRow(value: unknown, row: number, raw?: Map<string, string>): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      fail('badJsonLine', { reason: `found ${found}` }, { file: this.file, row });
    }
    this.addFields(value as Record<string, unknown>, this.rows++, raw, '');
  }

  private addFields(value: Record<string, unknown>, r: number, raw: Map<string, string> | undefined, prefix: string): void {
    for (const key in value) {
      const name = prefix + key;
      const v = value[key];
      if (isObject(v)) {
        this.addFields(v, r, raw, `${name}.`);
        continue;
      }
      let col = this.columns.get(name);
      if (col === undefined) this.columns.set(name, (col = new ValueColumn(this.isText(name))));
      col.set(r, raw?.get(name) ?? v);
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Read NDJSON held in memory (see NdjsonParser). */
export function readNDJSON(bytes: Uint8Array, opts: { file: string; text?: TextColumns }): Dataset {
  const parser = new NdjsonParser(opts.file, opts.text);
  parser.push(bytes);
  return parser.finish();
}

/** Read an NDJSON file chunk by chunk, gunzipping it when it is gzip-compressed. */
export async function readNDJSONStream(path: string, opts: { file?: string; text?: TextColumns } = {}): Promise<Dataset> {
  const gzip = path.toLowerCase().endsWith('.gz') || isGzip(await readHead(path, 2));
  const parser = new NdjsonParser(opts.file ?? path, opts.text);
  for await (const chunk of openByteStream(path, gzip)) parser.push(chunk);
  return parser.finish();
}
