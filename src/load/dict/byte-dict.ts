/**
 * Dictionary encoding keyed on raw bytes: a field's bytes are looked up where they
 * lie (by their digits or their hash), and each distinct value is decoded into a JS string at most once, when
 * the values are read. Loaders use it so that repeated values (ids, dates,
 * countries) never become one string per row, and hand the bytes on with the
 * column (DictBytes) so the engine can join ids without strings at all.
 */
import { ByteArena, type ByteDictState } from './byte-arena.js';
import { ByteHashTable } from './byte-hash-table.js';
import { WASM_TABLE_AT, WasmHashTable } from './wasm-hash-table.js';
import { DIGIT_WINDOW, DigitIndex } from './digit-index.js';
import { coverNumbers } from './cover-numbers.js';
import { lazyTexts, registerDictBytes, textsOf, type DictBytes } from './dict-bytes.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';

export { decodeText } from '../bytes/decode-text.js';
export type { ByteDictState } from './byte-arena.js';

/** With decodeLazily, dictionaries up to this size still hand out their values decoded. */
const EAGER = 1 << 16;

/** Before the first value; then values by their digits (see DigitIndex); then hashed, for good. */
const LEARN = 0;
const DIGITS = 1;
const HASH = 2;

/**
 * Interns byte strings: equal bytes get equal keys 0, 1, 2, ... in first-seen order.
 *
 * Values that are a fixed prefix and digits (customer ids such as C0000042) are looked
 * up by their number in a DigitIndex, until a value of another shape comes; from then
 * on every value is looked up in a ByteHashTable. The keys are the same either way.
 */
export class ByteDict {
  private mode = LEARN;
  private digits: DigitIndex | null = null;
  /** The most distinct values announced (constructor, reserve), to size the hash table. */
  private reserved: number;
  private hashed: ByteHashTable | WasmHashTable | null = null;
  private store: ByteArena;
  private decoded: string[] = [];
  private decodeLater = false;
  private lazy: readonly string[] | null = null;
  private lazyCount = 0;
  /** Numbers of a batch of fields (DigitIndex.intern). */
  private numbers = new Int32Array(DIGIT_WINDOW);

  /** `expected`: about how many distinct values will come, when known (sizes the table once). */
  constructor(expected = 0) {
    this.reserved = expected;
    this.store = new ByteArena(expected);
  }

  /**
   * Make room for `expected` distinct values in all (see expectedDistinct), so the table
   * is not doubled again on the way there. Never shrinks.
   */
  reserve(expected: number): void {
    this.reserved = Math.max(this.reserved, expected);
    this.hashed?.reserve(expected);
    this.store.reserve(expected);
  }

  /**
   * The values for a finished column, as `values` gives them, when the dictionary is done
   * with: a big one's are handed out undecoded over this dictionary's own bytes (no
   * copy), and its hash table is released at once (see releaseBuffer) rather than at the
   * next full collection, which may come only after the load's memory peak. The
   * dictionary must not be used afterwards.
   */
  finish(): readonly string[] {
    if (!(this.decodeLater && this.store.count > EAGER)) return this.values;
    const values = lazyTexts(this.store.view());
    this.release();
    return values;
  }

  /** The number of distinct values seen. */
  get size(): number {
    return this.store.count;
  }

  /**
   * Hand a big dictionary's values out undecoded (see lazyTexts), for an owner that
   * passes them straight to dictColumn: that keeps the bytes and decodes the values
   * only if they are read, which the customer join does not. Reading such values
   * directly costs a proxy trap each.
   */
  decodeLazily(): void {
    this.decodeLater = true;
  }

  /** The distinct values as text; a key indexes into it. */
  get values(): readonly string[] {
    if (this.decodeLater && this.store.count > EAGER) {
      // Not this.lazy.length: reading the values decodes them.
      if (this.lazy === null || this.lazyCount !== this.store.count) {
        this.lazy = lazyTexts(this.bytes());
        this.lazyCount = this.store.count;
      }
      return this.lazy;
    }
    if (this.decoded.length < this.store.count) textsOf(this.store.view(), this.decoded.length, this.decoded);
    registerDictBytes(this.decoded, () => this.bytes());
    return this.decoded;
  }

  /** The key of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    if (this.mode === LEARN) this.learn(bytes, start, end);
    if (this.mode === DIGITS) {
      const d = this.digits!;
      const n = d.number(bytes, start, end);
      if (n >= 0 && coverNumbers(d, n, n, this.store.count + 1)) {
        const s = n - d.lo;
        let k = d.slots[s] - 1;
        if (k < 0) d.slots[s] = (k = this.store.add(bytes, start, end, 0)) + 1;
        return k;
      }
      this.toHash();
    }
    return this.hashed!.intern(bytes, start, end);
  }

  /**
   * Intern n fields at once: field f is bytes[starts[f], ends[f]) and its key goes to
   * out[rows[f]]. New values get keys in the order of the fields.
   */
  internMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void {
    this.many(bytes, starts, ends, rows, n, out, true);
  }

  /** Like internMany, but only looks the fields up: -1 for a value not in the dictionary. */
  lookupMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void {
    this.many(bytes, starts, ends, rows, n, out, false);
  }

  private many(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array, add: boolean): void {
    let from = 0;
    if (this.mode === LEARN && n > 0) {
      if (!add) {
        for (let f = 0; f < n; ++f) out[rows[f]] = -1;
        return;
      }
      this.learn(bytes, starts[0], ends[0]);
    }
    if (this.mode === DIGITS) {
      from = this.digits!.intern(this.store, bytes, starts, ends, rows, n, out, add, this.numbers);
      if (from < n) this.toHash();
    }
    if (from < n) {
      this.hashed!.many(bytes, starts, ends, rows, from, n, out, add);
      if (this.store.count >= WASM_TABLE_AT && this.hashed instanceof ByteHashTable) this.toWasm();
    }
  }

  /** Big dictionaries: the WebAssembly table (same keys, about half the CPU a lookup). */
  private toWasm(): void {
    this.hashed?.release();
    this.hashed = new WasmHashTable(this.store, this.reserved);
  }

  /**
   * The bytes of every value for another thread, without a copy: views of this
   * dictionary's own arrays (send their buffers in the transfer list). The dictionary
   * is done with; its hash table is released.
   */
  take(): ByteDictState {
    this.release();
    const { arena, starts, lengths, size } = this.store.view();
    return { arena, starts, lengths, size };
  }

  /** Copies of the values of keys [from, to) (keys from 0 in the copy), for another thread. */
  valuesFrom(from: number, to?: number): ByteDictState {
    return this.store.slice(from, to);
  }

  /** The values as bytes, copied out exactly sized (see DictBytes). */
  bytes(): DictBytes {
    return this.store.copy();
  }

  /** Start with digits if the first value has the shape, else hash from now on. */
  private learn(bytes: Uint8Array, start: number, end: number): void {
    this.digits = DigitIndex.learn(bytes, start, end);
    if (this.digits) this.mode = DIGITS;
    else this.toHash();
  }

  /** Move every value so far into a hash table, and hash from now on. */
  private toHash(): void {
    if (this.digits) releaseBuffer(this.digits.slots);
    this.digits = null;
    this.mode = HASH;
    if (Math.max(this.reserved, this.store.count) >= WASM_TABLE_AT) this.hashed = new WasmHashTable(this.store, this.reserved);
    else this.hashed = new ByteHashTable(this.store, this.reserved);
  }

  /** Give back the lookup structures (the values' bytes stay). */
  private release(): void {
    this.hashed?.release();
    this.hashed = null;
    releaseBuffer(this.store.hashes);
    if (this.digits) releaseBuffer(this.digits.slots);
    this.digits = null;
  }
}
