import type { ColumnMetaData, Compressors, PageHeader, SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import type { CodeDict } from '../dict/code-dict.js';
import { internIntegers } from './integer-texts.js';
import { internPlain } from './intern-plain.js';
import { widenBounds, type PageBounds } from './page-bounds.js';
import { plainNumbers } from './plain-numbers.js';

/*
 * A direct decoder for the Parquet column chunks kohort reads most: flat (not
 * nested or repeated) strings, integers, floats, dates and timestamps, PLAIN or
 * dictionary encoded, in data pages v1 or v2. Values go straight into a Float64Array
 * (numbers and times, as epoch ms) or into dictionary keys interned from the bytes
 * (strings), with no JS value per row. Page headers, decompression and the
 * RLE/bit-packed hybrid come from hyparquet; other columns are left to hyparquet.
 */

/** How a flat column is decoded: its physical type and how a value becomes a number. */
export interface FastColumn {
  type: 'BYTE_ARRAY' | 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE';
  /** 1 when the column is OPTIONAL (definition levels present), else 0. */
  maxDef: number;
  /** Numbers: multiply by this (dates: ms per day), or divide by `divide`. */
  multiply: number;
  divide: number;
  /** Integers read as unsigned. */
  unsigned: boolean;
  /** Integers read as their decimal text, into a dictionary (ids: see integer-texts.ts). */
  text?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The fast decoding of a top-level column, or null when hyparquet must decode it;
 * `asText`: a number column read as text, which it decodes when it holds signed integers.
 */
export function fastColumn(el: SchemaElement, nested: boolean, asText = false): FastColumn | null {
  const col = fastNumbers(el, nested);
  if (!asText) return col;
  const ct = el.converted_type;
  const plain = (ct === undefined || /^INT_/.test(ct)) && (el.logical_type === undefined || (el.logical_type.type === 'INTEGER' && el.logical_type.isSigned));
  return col !== null && plain && (col.type === 'INT32' || col.type === 'INT64') ? { ...col, text: true } : null;
}

function fastNumbers(el: SchemaElement, nested: boolean): FastColumn | null {
  if (nested || el.repetition_type === 'REPEATED') return null;
  const maxDef = el.repetition_type === 'OPTIONAL' ? 1 : 0;
  const ct = el.converted_type;
  const lt = el.logical_type;
  const base = { maxDef, multiply: 1, divide: 1, unsigned: false };
  switch (el.type) {
    case 'BYTE_ARRAY':
      if ((ct === undefined || ct === 'UTF8' || ct === 'ENUM') && (lt === undefined || lt.type === 'STRING' || lt.type === 'ENUM')) {
        return { ...base, type: 'BYTE_ARRAY' };
      }
      return null;
    case 'INT32':
      if (ct === 'DATE') return { ...base, type: 'INT32', multiply: DAY_MS };
      if (ct === 'DECIMAL' || ct === 'TIME_MILLIS' || (lt && lt.type !== 'INTEGER' && lt.type !== 'DATE')) return null;
      return { ...base, type: 'INT32', unsigned: ct === 'UINT_32' || (lt?.type === 'INTEGER' && lt.bitWidth === 32 && !lt.isSigned) };
    case 'INT64': {
      if (ct === 'DECIMAL' || ct === 'TIME_MICROS') return null;
      if (lt?.type === 'TIMESTAMP') return { ...base, type: 'INT64', divide: lt.unit === 'MICROS' ? 1e3 : lt.unit === 'NANOS' ? 1e6 : 1 };
      if (ct === 'TIMESTAMP_MICROS') return { ...base, type: 'INT64', divide: 1e3 };
      if (ct === 'TIMESTAMP_MILLIS') return { ...base, type: 'INT64' };
      if (lt && lt.type !== 'INTEGER') return null;
      return { ...base, type: 'INT64', unsigned: ct === 'UINT_64' || (lt?.type === 'INTEGER' && lt.bitWidth === 64 && !lt.isSigned) };
    }
    case 'FLOAT':
    case 'DOUBLE':
      return lt === undefined ? { ...base, type: el.type } : null;
    default:
      return null;
  }
}

/** Where a column chunk's values go. */
export interface ChunkOutput {
  /** Numbers and times (NaN = null). */
  f64?: Float64Array;
  /** String keys (-1 = null or blank until the column is finished). */
  i32?: Int32Array;
  /** The strings' dictionary. */
  dict?: CodeDict;
  /** Numbers: their bounds, widened by every page written (see page-bounds.ts). */
  bounds?: PageBounds;
}

/** Scratch reused across pages. */
class Scratch {
  defs = new Uint8Array(0);
  idx = new Int32Array(0);
  dictMap = new Int32Array(0);
  dictNums = new Float64Array(0);
  defsFor(n: number): Uint8Array {
    if (this.defs.length < n) this.defs = new Uint8Array(n);
    return this.defs;
  }
  idxFor(n: number): Int32Array {
    if (this.idx.length < n) this.idx = new Int32Array(n);
    return this.idx;
  }
}

const scratch = new Scratch();

/**
 * Decode one column chunk (its bytes, from the first page) holding `rows` rows into
 * `out` from row `at`. Throws on an encoding or page kind it does not read; the
 * caller then decodes the column with hyparquet.
 */
export function decodeChunk(
  bytes: Uint8Array,
  meta: ColumnMetaData,
  col: FastColumn,
  compressors: Compressors,
  rows: number,
  at: number,
  out: ChunkOutput,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  const codec = meta.codec;
  // The strings go from here to dictColumn only (read-parquet), which needs no text
  // to join ids: a big dictionary's values need not be decoded up front.
  out.dict?.decodeLazily();
  let row = at;
  const end = at + rows;
  let dictSize = -1;
  while (row < end && reader.offset < bytes.length) {
    const header: PageHeader = parquetHeader(reader);
    const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const page = decompressPage(compressed, Number(header.uncompressed_page_size), codec, compressors);
      dictSize = header.dictionary_page_header!.num_values;
      // Every value takes at least a byte: a larger count is a corrupt header, which must
      // not become a huge allocation or loop.
      if (!(dictSize >= 0 && dictSize <= page.length)) throw new Error(`a dictionary page of ${dictSize} values in ${page.length} bytes`);
      readDictionary(page, dictSize, col, out);
      continue;
    }
    let page: Uint8Array;
    let values: number;
    let encoding: string;
    const pageValues = header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values ?? 0;
    if (!(pageValues >= 0 && pageValues <= end - row)) throw new Error(`a page of ${pageValues} values where ${end - row} rows are left`);
    if (header.type === 'DATA_PAGE') {
      const h = header.data_page_header!;
      page = decompressPage(compressed, Number(header.uncompressed_page_size), codec, compressors);
      values = h.num_values;
      encoding = h.encoding;
      let levels: Uint8Array | null = null;
      if (col.maxDef > 0) {
        const defLength = new DataView(page.buffer, page.byteOffset, page.byteLength).getUint32(0, true);
        levels = page.subarray(4, 4 + defLength);
        page = page.subarray(4 + defLength);
      }
      row = writePage(page, levels, values, encoding, col, out, row, dictSize);
    } else if (header.type === 'DATA_PAGE_V2') {
      const h = header.data_page_header_v2!;
      values = h.num_values;
      encoding = h.encoding;
      if (h.repetition_levels_byte_length) throw new Error('repetition levels in a flat column');
      const defLength = h.definition_levels_byte_length;
      const levels = col.maxDef > 0 ? compressed.subarray(0, defLength) : null;
      const rest = compressed.subarray(defLength);
      const size = Number(header.uncompressed_page_size) - defLength;
      page = h.is_compressed === false ? rest : decompressPage(rest, size, codec, compressors);
      row = writePage(page, levels, values, encoding, col, out, row, dictSize);
    } else {
      throw new Error(`page type ${header.type}`);
    }
  }
}

/** Read the dictionary page's values: keys for strings, numbers for the rest. */
function readDictionary(page: Uint8Array, n: number, col: FastColumn, out: ChunkOutput): void {
  if (col.type === 'BYTE_ARRAY' || col.text) {
    if (scratch.dictMap.length < n) scratch.dictMap = new Int32Array(n);
    if (col.text) internIntegers(page, 0, n, col.type === 'INT64', null, out.dict!, scratch.dictMap, 0);
    else internPlain(page, 0, n, null, out.dict!, scratch.dictMap, 0, true);
  } else {
    if (scratch.dictNums.length < n) scratch.dictNums = new Float64Array(n);
    plainNumbers(page, 0, n, col, scratch.dictNums, 0, null);
  }
}

/**
 * Write one data page's values from row `row` (nulls where the definition level is
 * 0); returns the row after the page.
 */
function writePage(
  page: Uint8Array,
  levels: Uint8Array | null,
  n: number,
  encoding: string,
  col: FastColumn,
  out: ChunkOutput,
  row: number,
  dictSize: number,
): number {
  let defs: Uint8Array | null = null;
  let present = n;
  if (levels !== null && !allPresent(levels, n)) {
    const d = scratch.defsFor(n).subarray(0, n);
    defs = d;
    readRleBitPackedHybrid({ view: new DataView(levels.buffer, levels.byteOffset, levels.byteLength), offset: 0 }, 1, d, levels.length);
    present = 0;
    for (let i = 0; i < n; ++i) present += d[i];
    if (present === n) defs = null;
  }
  if (encoding === 'PLAIN') {
    if (col.type === 'BYTE_ARRAY') internPlain(page, 0, present, defs, out.dict!, out.i32!, row, false);
    else if (col.text) internIntegers(page, 0, present, col.type === 'INT64', defs, out.dict!, out.i32!, row);
    else plainNumbers(page, 0, present, col, out.f64!, row, defs, out.bounds);
  } else if (encoding === 'RLE_DICTIONARY' || encoding === 'PLAIN_DICTIONARY') {
    if (dictSize < 0) throw new Error('dictionary page missing');
    const idx = scratch.idxFor(present).subarray(0, present);
    if (present > 0) {
      const bitWidth = page[0];
      const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 1 };
      if (bitWidth === 0) idx.fill(0);
      else readRleBitPackedHybrid(reader, bitWidth, idx, page.length - 1);
    }
    if (col.type === 'BYTE_ARRAY' || col.text) {
      const map = scratch.dictMap;
      const keys = out.i32!;
      let v = 0;
      for (let i = 0; i < n; ++i) keys[row + i] = defs !== null && defs[i] === 0 ? -1 : map[idx[v++]];
    } else {
      const nums = scratch.dictNums;
      const f = out.f64!;
      let v = 0;
      for (let i = 0; i < n; ++i) f[row + i] = defs !== null && defs[i] === 0 ? NaN : nums[idx[v++]];
      if (out.bounds !== undefined) widenBounds(f, row, row + n, out.bounds);
    }
  } else {
    throw new Error(`encoding ${encoding}`);
  }
  return row + n;
}

/**
 * Whether definition levels (RLE/bit-packed hybrid, bit width 1) open with one run of at
 * least n 1s: every value of the page present, as writers of an OPTIONAL column without
 * nulls put it (DuckDB), so the levels need not be expanded and counted.
 */
export function allPresent(levels: Uint8Array, n: number): boolean {
  let header = 0;
  let i = 0;
  for (let scale = 1; ; scale *= 128) {
    if (i >= levels.length || i > 4) return false;
    const b = levels[i++];
    header += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) break;
  }
  // An RLE run (low bit 0) of header / 2 values, each the next byte.
  return header % 2 === 0 && header / 2 >= n && i < levels.length && levels[i] === 1;
}
