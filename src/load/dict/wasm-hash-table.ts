/**
 * ByteDict's hash table for big dictionaries, in WebAssembly (wasm/intern-table.ts): the
 * same keys as ByteHashTable (equal bytes, equal keys, first-seen order), at about half
 * its CPU a row on a million UUIDs or e-mails (hashing with 64-bit multiplies, one
 * memory load per word, no DataView calls). The kernel keeps its own copy of the values
 * to compare against; each call's new values are appended to the ByteArena, which stays
 * what everything else reads.
 */
import type { ByteArena } from './byte-arena.js';
import { INTERN_WASM } from './intern-wasm-bytes.js';

/** The WebAssembly API (Node's global; not in this project's TypeScript libs). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface Kernel {
  memory: { buffer: ArrayBuffer };
  init(expected: number): void;
  weaken(bits: number): void;
  prepare(n: number, bytes: number, total: number): void;
  reserve(expected: number): void;
  intern(base: number, n: number, adding: number): void;
  size(): number;
  newsBase(): number;
  newsLength(): number;
  newsLengthsBase(): number;
  highBits(): number;
  fieldsBase(): number;
  fieldCapacity(): number;
  inputBase(): number;
}

/** Fields per kernel call. */
const CALL = 4096;

let compiled: object | null = null;

function kernel(): Kernel {
  compiled ??= new Module(Buffer.from(INTERN_WASM, 'base64'));
  const abort = (): never => {
    throw new Error('kohort: the interning kernel failed (out of memory?)');
  };
  const k = new Instance(compiled, { env: { abort } }).exports as unknown as Kernel;
  if (hashBits < 64) k.weaken(hashBits);
  return k;
}

/**
 * Dictionaries reaching this many values move to the kernel (tests lower it). Early: each
 * thread's first values go through ByteHashTable before V8 has optimized it, so at 16k
 * values that start cost a cold CSV read of ids 80-130 ms more CPU a thread (60 MB of the
 * uuid and e-mail shapes, first read in a fresh process).
 */
export let WASM_TABLE_AT = 1 << 10;
let hashBits = 64;

/**
 * For tests: dictionaries move to the kernel from `n` values (0: at once), and new
 * kernels keep `bits` bits of each hash (few: values collide, and only their bytes tell them apart).
 */
export function setWasmTableAt(n: number, bits = 64): void {
  WASM_TABLE_AT = n;
  hashBits = bits;
}

export class WasmHashTable {
  private k: Kernel;
  private readonly store: ByteArena;

  /** A table over `store`'s values so far, with room for `expected` values. */
  constructor(store: ByteArena, expected: number) {
    this.store = store;
    this.k = kernel();
    this.k.init(Math.max(expected, store.count));
    const n = store.count;
    if (n === 0) return;
    // The values so far are distinct: the kernel gives them keys 0..n-1 again.
    const { arena, starts, lengths } = store;
    const ends = new Int32Array(n);
    for (let i = 0; i < n; ++i) ends[i] = starts[i] + lengths[i];
    this.call(arena, starts, ends, 0, n, true, true);
  }

  /** Grow, if needed, to hold `expected` values without doubling on the way. */
  reserve(expected: number): void {
    this.k.reserve(expected);
  }

  /** The key of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const one = new Int32Array(2);
    one[0] = start;
    one[1] = end;
    this.call(bytes, one.subarray(0, 1), one.subarray(1), 0, 1, true, false);
    return new Int32Array(this.k.memory.buffer, this.k.fieldsBase() + (this.k.fieldCapacity() << 3), 1)[0];
  }

  /** Keys of fields from..n-1 (see ByteDict.internMany); with `add` false, -1 for values not in. */
  many(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, from: number, n: number, out: Int32Array, add: boolean): void {
    for (let f0 = from; f0 < n; f0 += CALL) {
      const m = Math.min(CALL, n - f0);
      this.call(bytes, starts, ends, f0, m, add, false);
      const cap = this.k.fieldCapacity();
      const keys = new Int32Array(this.k.memory.buffer, this.k.fieldsBase() + (cap << 3), m);
      for (let i = 0; i < m; ++i) out[rows[f0 + i]] = keys[i];
    }
  }

  /** Drop the kernel (its memory goes with the instance). */
  release(): void {
    this.k = null as unknown as Kernel;
  }

  /**
   * Run the kernel on fields f0..f0+m-1, their keys left in its memory. The bytes go in as
   * one span when the fields lie close together (a CSV chunk's column), else one by one.
   * Unless `known`, the call's new values are appended to the store.
   */
  private call(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, f0: number, m: number, add: boolean, known: boolean): void {
    const k = this.k;
    let lo = 0x7fffffff;
    let hi = 0;
    let total = 0;
    for (let i = f0; i < f0 + m; ++i) {
      if (starts[i] < lo) lo = starts[i];
      if (ends[i] > hi) hi = ends[i];
      total += ends[i] - starts[i];
    }
    const span = m === 0 ? 0 : hi - lo;
    const packed = span > 2 * total + 4096;
    k.prepare(m, packed ? total : span, total);
    const mem = k.memory.buffer;
    const cap = k.fieldCapacity();
    const ws = new Int32Array(mem, k.fieldsBase(), m);
    const we = new Int32Array(mem, k.fieldsBase() + (cap << 2), m);
    const input = new Uint8Array(mem, k.inputBase(), (packed ? total : span) + 8);
    let base = lo;
    if (packed) {
      base = 0;
      for (let i = 0, at = 0; i < m; ++i) {
        const s = starts[f0 + i];
        const e = ends[f0 + i];
        input.set(bytes.subarray(s, e), at);
        ws[i] = at;
        we[i] = at += e - s;
      }
    } else if (m > 0) {
      input.set(bytes.subarray(lo, hi));
      ws.set(starts.subarray(f0, f0 + m));
      we.set(ends.subarray(f0, f0 + m));
    }
    const before = k.size();
    k.intern(base, m, add ? 1 : 0);
    const after = k.size();
    if (after > before && !known) {
      const mem2 = k.memory.buffer;
      const values = new Uint8Array(mem2, k.newsBase(), k.newsLength());
      const lengths = new Int32Array(mem2, k.newsLengthsBase(), after - before);
      this.store.append(values, lengths, k.highBits() === 0);
    }
  }
}
