/**
 * A text column's dictionary while a loader reads it, for big id columns above all.
 *
 * Ids of one shape (a fixed prefix and digits: C0000042, 17850) need no lookup at all:
 * a row's code is the id's number, and the dictionary only marks which numbers it saw
 * (a bit each). Other values are hashed (ByteDict) and coded -2 - key. When the column
 * is read, settle() turns codes into keys: the numbers first, in numeric order, then the
 * hashed values in first-seen order. Two threads reading parts of a file thus give the
 * same codes for the same ids, and joining their parts (absorb) copies no keys through a
 * table. A column whose first value has no digit shape is simply hashed, its codes being
 * keys from the start.
 */
import { internAll } from './byte-arena.js';
import { ByteDict, type ByteDictState } from './byte-dict.js';
import type { CodeTranslation } from './code-translation.js';
import { codesToKeys, firstSeenOrder, numberKeys, type CodeKeys } from './codes-to-keys.js';
import { settledValues } from './settled-values.js';
import { DIGIT_WINDOW, DigitIndex } from './digit-index.js';
import { learnShape } from './learn-shape.js';
import type { CodeDictState } from './code-dict-state.js';
import { EITHER } from './digit-mode.js';
import { plainRun } from './word-numbers.js';
import { coverNumbers } from './cover-numbers.js';
import { NumberWindow } from './number-window.js';
import { absorbNumbers } from './absorb-numbers.js';
import { windowFreezes } from './window-freezes.js';
import type { DictBytes } from './dict-bytes.js';
import { decodeFinal } from './decode-final.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';

const WINDOW = DIGIT_WINDOW;

export class CodeDict {
  // Fields and methods without `private` are the state absorb-numbers.ts reads and advances.
  private hashed = new ByteDict();
  digits: DigitIndex | null = null;
  learned = false;
  /** The numbers' span may no longer grow: a number beyond it is hashed, for good. */
  frozen = false;
  /** Distinct numbers seen. */
  numbered = 0;
  /** Some hashed values came from a part's numbers, in numeric order (see settle). */
  outOfOrder = false;
  private decodeLater = false;
  /** Between settleMap and settled: the hashed values' order (see settleMap). */
  private order: Int32Array | null = null;
  /** The values in key order, once settled. */
  private final: DictBytes | null = null;
  private decoded: readonly string[] | null = null;
  /**
   * After settle with keyMissing: how many missing values it gave the null key; -1 when
   * it did not (the codes were keys already: missing values are still -1).
   */
  settledNulls = -1;
  /** This dictionary's codes of another thread's values absorbed ahead of its part (absorbEarly), in that part's key order. */
  private early: Int32Array[] = [];
  /** How many of them: absorb adds only the part's values from there on. */
  earlyCount = 0;
  private window = new NumberWindow();

  /** The number of distinct values seen. */
  get size(): number {
    return this.final?.size ?? this.numbered + this.hashed.size;
  }

  /** The number of distinct values hashed (not numbered) so far. */
  get hashedSize(): number {
    return this.hashed.size;
  }

  /** True when every value is hashed and its code is its key for good (no digit shape learned; until settle). */
  get hashesAll(): boolean {
    return this.learned && this.digits === null && this.final === null;
  }

  /**
   * The index numbering this dictionary's values (a prefix and digits), for a reader that
   * marks the numbers it already covers itself (see fast-ids.ts); null when values are hashed. Its present, lo, least and most may change
   * at each internMany.
   */
  plainNumbers(): DigitIndex | null {
    const d = this.digits;
    return this.learned && d !== null && d.marks ? d : null;
  }

  /** Count `n` numbers a reader marked itself in plainNumbers' index as seen for the first time. */
  addNumbered(n: number): void {
    this.numbered += n;
  }

  /** Make room for about `expected` distinct values (for hashing; numbers need none). */
  reserve(expected: number): void {
    if (this.digits === null) this.hashed.reserve(expected);
  }

  /** Hand a big dictionary's values out undecoded (see ByteDict.decodeLazily). */
  decodeLazily(): void {
    this.decodeLater = true;
    this.hashed.decodeLazily();
  }

  /** The code of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    if (!this.learned) this.learn(bytes, start, end);
    const d = this.digits;
    if (d !== null) {
      let v = d.number(bytes, start, end);
      if (v < 0 && d.mode === EITHER && d.resolve(bytes, start, end)) v = d.number(bytes, start, end);
      if (v >= 0) {
        if (!this.frozen && !coverNumbers(d, v, v, 0)) this.frozen = true;
        if (v >= d.least && v <= d.most) {
          this.mark(d, v);
          return v;
        }
      }
    }
    const k = this.hashed.intern(bytes, start, end);
    return d === null ? k : -2 - k;
  }

  /** Codes of n fields: field f is bytes[starts[f], ends[f]) and its code goes to out[rows[f]]. */
  internMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): void {
    if (n === 0) return;
    if (!this.learned) this.learnMany(bytes, starts, ends, n);
    const d = this.digits;
    if (d === null) {
      this.hashed.internMany(bytes, starts, ends, rows, n, out);
      return;
    }
    const w = this.window;
    const ns = w.ns;
    for (let f0 = 0; f0 < n; f0 += WINDOW) {
      const m = Math.min(WINDOW, n - f0);
      if (d.numbers(bytes, starts, ends, f0, m, ns) > 0 && d.mode === EITHER) {
        // A value that settles how the digits are written: read the window again.
        for (let i = 0; i < m; ++i) {
          if (ns[i] < 0 && d.resolve(bytes, starts[f0 + i], ends[f0 + i])) {
            d.numbers(bytes, starts, ends, f0, m, ns);
            break;
          }
        }
      }
      if (!this.frozen && windowFreezes(d, ns, m)) this.frozen = true;
      this.numbered += w.number(d, bytes, starts, ends, rows, f0, m, out);
      w.hashRest(this.hashed, bytes, out);
    }
  }

  /**
   * internMany's fast case for Parquet PLAIN byte arrays (a 4-byte little-endian length,
   * then the bytes) from page[pos]: up to `count` values, codes to out[row...], for as long
   * as each is a number of this dictionary's shape (see DigitIndex.plainRun). Returns how
   * many it coded, all of one length; 0 where internMany must take the next value, and -1
   * when internMany should take them all: the shape is not learnt yet (internMany learns
   * it from a big batch), or this dictionary numbers nothing (no run will come).
   */
  internPlainRun(page: Uint8Array, pos: number, count: number, out: Int32Array, row: number): number {
    const d = this.digits;
    if (d === null || !this.learned) return -1;
    if (!d.plainRuns) return -1;
    const done = plainRun(d, page, pos, count, out, row, this.frozen);
    this.numbered += d.runAdded;
    return done;
  }

  /** This dictionary for another thread (its own arrays: send their buffers, see codeDictBuffers). */
  take(): CodeDictState {
    const d = this.digits;
    return {
      learned: this.learned,
      hashed: this.hashed.take(),
      digits: d && { prefix: d.prefix, length: d.length, mode: d.mode, lo: d.lo, present: d.present },
    };
  }

  /**
   * Copies of the values of keys [from, to) (to the last by default), for another thread
   * to absorb before this dictionary's part is done (absorbEarly); null when there are
   * none, or when values are numbered (keys then are not final until the part is).
   */
  valuesFrom(from: number, to?: number): ByteDictState | null {
    if (!this.learned || this.digits !== null || this.outOfOrder || this.hashed.size <= from) return null;
    return this.hashed.valuesFrom(from, to);
  }

  /**
   * Add the next values of another thread's dictionary (its valuesFrom(earlyCount)) before
   * its part comes, so that joining the part (absorb) has only the rest to add. Only
   * once this dictionary takes no more values of its own before that absorb: then the
   * keys are exactly those one absorb of the whole part gives. The values' buffers are released.
   */
  absorbEarly(values: ByteDictState): void {
    this.early.push(internAll(values, this));
    this.earlyCount += values.size;
  }

  /** Forget the values absorbed early (their part does not come, or comes again): they stay values here. */
  forgetEarly(): void {
    this.early = [];
    this.earlyCount = 0;
  }

  /**
   * Add the values of a part read by another thread (see take); returns how to turn the
   * part's codes into this dictionary's (translateCodes), or null when they already are.
   */
  absorb(o: CodeDictState): CodeTranslation | null {
    const od = o.digits;
    const numbers = od === null ? null : absorbNumbers(this, od);
    // Values absorbed early are the part's first keys, as long as its dictionary hashed
    // every value (see valuesFrom); should it not, all are looked up again (the early
    // ones are found: the same codes).
    const early = od === null && o.learned && o.hashed.size >= this.earlyCount ? this.earlyCount : 0;
    const hashed = internAll(o.hashed, this, early);
    if (early > 0) for (let i = 0, at = 0; i < this.early.length; at += this.early[i++].length) hashed.set(this.early[i], at);
    this.forgetEarly();
    if (numbers === null && hashed.length === 0) return null;
    return { direct: o.learned && od === null, hashed, numbers };
  }

  /**
   * The keys of codes[0, n) (-1, missing, stays): the numbers seen first, in numeric
   * order, then the hashed values in the order rows first show them. In place, or for a
   * big shared column a new one (filled on both threads). Call once, after the last value
   * and part; then values and finish give the values by key. With `keyMissing`, missing
   * values get the null key (the dictionary's size) on the way, and settledNulls counts them.
   */
  settle(codes: Int32Array, n: number, keyMissing = false): Int32Array {
    this.settledNulls = -1;
    const map = this.settleMap(codes, n);
    if (map === null) return codes;
    // In place, on this thread: a pass of some 30 ms at 10M rows. On two threads it
    // had to write a new column (a chunk must be redoable), and the old one, on a
    // SharedArrayBuffer, stayed in memory until a full collection: 4 bytes a row on
    // the peak of every big load (settleMap lets a caller split the pass when it can).
    const nulls = codesToKeys(codes, codes, 0, n, map, keyMissing ? this.size : -1);
    this.settled();
    this.settledNulls = nulls;
    return codes;
  }

  /**
   * settle's first step, for a caller that turns the rows into keys itself (on several
   * threads: codesToKeys over any ranges, missing values to this.size if it likes),
   * then calls settled(). null when the codes are keys already (nothing to call then).
   */
  settleMap(codes: Int32Array, n: number): CodeKeys | null {
    const d = this.digits;
    if (d === null && !this.outOfOrder) return null;
    const hashedCount = this.hashed.size;
    // Hashed values are in first-seen order, but for those a part had numbered (absorb
    // hashed them in numeric order): then renumber them in the order of their first rows.
    const order = this.outOfOrder && hashedCount > 0 ? firstSeenOrder(codes, n, hashedCount, d === null) : null;
    this.order = order;
    return numberKeys(d?.present ?? new Int32Array(0), this.numbered, d?.lo ?? 0, d === null, order);
  }

  /** settle's last step, after settleMap (its rows may still be turning into keys): the values in key order. */
  settled(): void {
    const d = this.digits;
    const present = d?.present ?? new Int32Array(0);
    this.final = settledValues(d, present, this.numbered, this.hashed.take(), this.order);
    this.order = null;
    releaseBuffer(present);
    this.digits = null;
    this.hashed = new ByteDict();
  }

  /** The values by key (after settle, or for a column hashed from the start). */
  get values(): readonly string[] {
    const f = this.final;
    if (f === null) return this.hashed.values;
    if (this.decoded === null) this.decoded = decodeFinal(f, this.decodeLater);
    return this.decoded;
  }

  /** The values for a finished column (see ByteDict.finish); the dictionary is done with. */
  finish(): readonly string[] {
    return this.final === null ? this.hashed.finish() : this.values;
  }

  /** Mark number n (covered by d) as seen. */
  mark(d: DigitIndex, n: number): void {
    const s = n - d.lo;
    const old = d.present[s >>> 5];
    this.numbered += ((old >>> (s & 31)) & 1) ^ 1;
    d.present[s >>> 5] = old | (1 << (s & 31));
  }

  /** Learn the shape from a batch of fields (see learnShape). */
  private learnMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, n: number): void {
    this.learned = true;
    this.digits = learnShape(bytes, starts, ends, n, this.window.ns);
  }

  private learn(bytes: Uint8Array, start: number, end: number): void {
    this.learned = true;
    this.digits = DigitIndex.learn(bytes, start, end, true);
  }

  /** The code here of the value numbered n in `shape` (a part's), written into `text`. */
  codeOfNumber(shape: DigitIndex, n: number, text: Uint8Array): number {
    return this.intern(text, 0, shape.write(n, text, 0));
  }
}
