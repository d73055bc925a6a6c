import type { ByteDict } from '../../../load/dict/byte-dict.js';
import type { DictBytes, NumberedValues } from '../../../load/dict/dict-bytes.js';
import { decodeText } from '../../../load/bytes/decode-text.js';
import type { ColumnKeys } from './column-keys.js';

/**
 * Each key's customer id as bytes: the UTF-8 of its text without surrounding
 * spaces and tabs (trimId), which is what identifies a customer
 * on every engine (a number 17850 and a text " 17850" are one id; "007" and "7" are
 * two). Key k has an id when k < size and lengths[k] > 0.
 */
export interface IdBytes {
  bytes: Uint8Array;
  /** Start of key k's id in `bytes`. */
  starts: Int32Array;
  /** Length of key k's id; 0 when the key has none (null, blank). */
  lengths: Int32Array;
  size: number;
  /** True when every id is its key's value byte for byte: distinct keys with an id are then distinct ids. */
  verbatim: boolean;
  /** True when distinct keys with an id are distinct ids (verbatim, or values none of which was trimmed). */
  distinct: boolean;
  /** Keys whose value had surrounding whitespace (trimmed off its id). */
  padded: number;
  /** The smallest such value (by code units), for the report. */
  paddedExample?: string;
  /** Keys 0..numbers.count-1 are numbers of one shape, each id its bytes (see NumberedValues). */
  numbers?: NumberedValues;
}

/** The characters an id is trimmed of: spaces and tabs (what kohort reads as blank). */
export const ID_SPACE = ' \t';

const EDGE_SPACE = /^[ \t]+|[ \t]+$/g;

/**
 * The id rule of every engine: an id is its text without surrounding spaces and tabs
 * (ID_SPACE). Everything else is part of the id: "007" and "7" stay two ids, and line
 * breaks or no-break spaces are characters like any other. The SQL engines apply the
 * same rule (Dialect.trimId).
 */
export function trimId(s: string): string {
  return s.replace(EDGE_SPACE, '');
}

/** True when key k has an id. */
export function hasId(ids: IdBytes, k: number): boolean {
  return k < ids.size && ids.lengths[k] > 0;
}

/** A customer id as text, so a numeric 17850 and a string "17850" are one customer. */
export function idText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  const s = trimId(String(v));
  return s === '' ? null : s;
}

/**
 * idBytes: the id of every key of a column. A dictionary's loaded bytes are used in
 * place (trimming only moves the ends), so no JS string is made per value; other
 * columns' values go through idText and are encoded.
 */
export function idBytes(k: ColumnKeys): IdBytes {
  return k.bytes ? fromDictBytes(k.bytes) : fromValues(k);
}

/** True for the bytes trimId removes (space, tab). */
function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

function fromDictBytes(b: DictBytes): IdBytes {
  const size = b.size;
  // Numbered values are ids as they are when their prefix is ASCII and starts with no space.
  const numbers = b.numbers && b.numbers.prefix.every((x, i) => x < 0x80 && (i > 0 || !isSpace(x))) ? b.numbers : undefined;
  if (numbers !== undefined && numbers.count === size) return numberedIds(b, numbers);
  const { arena, starts, lengths } = b;
  // Usually every value is an id as it is: then the loaded bytes serve, uncopied.
  let idStarts: Int32Array | null = null;
  let idLengths: Int32Array | null = null;
  // Ids whose text is not their bytes (other spaces trimmed, Windows-1252 read):
  // their UTF-8 goes after the loaded bytes.
  const extra: Uint8Array[] = [];
  let extraLength = 0;
  let padded = 0;
  let paddedExample: string | undefined;
  for (let k = numbers?.count ?? 0; k < size; ++k) {
    const s0 = starts[k];
    const e0 = s0 + lengths[k];
    let s = s0;
    let e = e0;
    let utf8: Uint8Array | null = null;
    if (!b.ascii && !isAscii(arena, s0, e0)) {
      utf8 = Buffer.from(trimId(decodeText(arena, s0, e0)), 'utf8');
      if (Buffer.from(arena.buffer, arena.byteOffset + s0, e0 - s0).equals(utf8)) continue;
    } else {
      while (s < e && isSpace(arena[s])) ++s;
      while (e > s && isSpace(arena[e - 1])) --e;
      if (s === s0 && e === e0 && e > s) continue;
    }
    idStarts ??= starts.slice();
    idLengths ??= lengths.slice();
    if (e0 > s0) {
      // Not an empty value, so the text lost surrounding whitespace (or was re-encoded).
      const raw = decodeText(arena, s0, e0);
      if (raw !== trimId(raw) && trimId(raw) !== '') {
        ++padded;
        if (paddedExample === undefined || raw < paddedExample) paddedExample = raw;
      }
    }
    if (utf8 === null) {
      idStarts[k] = s;
      idLengths[k] = e - s;
    } else {
      idStarts[k] = arena.length + extraLength;
      idLengths[k] = utf8.length;
      extra.push(utf8);
      extraLength += utf8.length;
    }
  }
  if (idStarts === null || idLengths === null) return { bytes: arena, starts, lengths, size, verbatim: true, distinct: true, padded: 0, numbers };
  let bytes = arena;
  if (extra.length) {
    bytes = new Uint8Array(arena.length + extraLength);
    bytes.set(arena);
    let o = arena.length;
    for (const x of extra) {
      bytes.set(x, o);
      o += x.length;
    }
  }
  return { bytes, starts: idStarts, lengths: idLengths, size, verbatim: false, distinct: padded === 0, padded, paddedExample, numbers };
}

/**
 * Every key numbered: each id is its value, whose bytes are read only if a join needs
 * them (settledValues writes them then): a join through the numbers reads none.
 */
function numberedIds(b: DictBytes, numbers: NumberedValues): IdBytes {
  return {
    get bytes() {
      return b.arena;
    },
    get starts() {
      return b.starts;
    },
    get lengths() {
      return b.lengths;
    },
    size: b.size,
    verbatim: true,
    distinct: true,
    padded: 0,
    numbers,
  };
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; ++i) if (bytes[i] >= 0x80) return false;
  return true;
}

function fromValues(k: ColumnKeys): IdBytes {
  const starts = new Int32Array(k.size);
  const lengths = new Int32Array(k.size);
  let bytes = new Uint8Array(1 << 12);
  let o = 0;
  let padded = 0;
  let paddedExample: string | undefined;
  let numbers = 0;
  let texts = 0;
  for (let key = 0; key < k.size; ++key) {
    const v = key === k.nullKey ? null : k.value(key);
    const text = idText(v);
    if (text === null) continue;
    if (typeof v === 'number') ++numbers;
    else {
      ++texts;
      const raw = String(v);
      if (raw !== text) {
        ++padded;
        if (paddedExample === undefined || raw < paddedExample) paddedExample = raw;
      }
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (o + 3 * text.length > bytes.length) {
      const next = new Uint8Array(Math.max(2 * bytes.length, o + 3 * text.length));
      next.set(bytes.subarray(0, o));
      bytes = next;
    }
    starts[key] = o;
    o = writeUtf8(text, bytes, o);
    lengths[key] = o - starts[key];
  }
  // Distinct values are distinct ids when none was trimmed and numbers and texts do not mix.
  const distinct = padded === 0 && (numbers === 0 || texts === 0);
  return { bytes, starts, lengths, size: k.size, verbatim: false, distinct, padded, paddedExample };
}

/** Write `text` as UTF-8 at bytes[at]; returns the end. */
function writeUtf8(text: string, bytes: Uint8Array, at: number): number {
  // Ids are mostly ASCII (digits): a loop beats a call into the encoder for each.
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return at + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(text, at, 'utf8');
    bytes[at + i] = c;
  }
  return at + text.length;
}

/**
 * Intern (`add`) or look up in `dict` the ids of keys[0..n), each of which has one:
 * out[j] is the dictionary key of keys[j]'s id (-1 when looked up and not there).
 */
export function idsIn(dict: ByteDict, ids: IdBytes, keys: Int32Array, n: number, out: Int32Array, add: boolean): void {
  const B = 4096;
  const starts = new Int32Array(Math.min(n, B));
  const ends = new Int32Array(Math.min(n, B));
  const rows = new Int32Array(Math.min(n, B));
  for (let j0 = 0; j0 < n; j0 += B) {
    const m = Math.min(B, n - j0);
    for (let i = 0; i < m; ++i) {
      const key = keys[j0 + i];
      starts[i] = ids.starts[key];
      ends[i] = starts[i] + ids.lengths[key];
      rows[i] = j0 + i;
    }
    if (add) dict.internMany(ids.bytes, starts, ends, rows, m, out);
    else dict.lookupMany(ids.bytes, starts, ends, rows, m, out);
  }
}
