/**
 * ByteDict's hash table: a bucket is 4 slots in one 64-byte cache line, each slot a
 * value's first 8 bytes, its length and its key, so a value up to 8 bytes long is found
 * or added touching one cache line and no other memory. It is laid out for big
 * dictionaries (a million customer ids), where every lookup is a cache miss; batches
 * load all their buckets first, so the misses overlap instead of queueing.
 */
import type { ByteArena } from './byte-arena.js';
import { finalHash, hashFields, headHash, wordsOf } from './byte-hash.js';
import { releaseBuffer } from '../../parallel/release-buffer.js';

// Fields whose buckets are loaded ahead of the lookups: 512 cache lines stay in L1/L2.
const WINDOW = 512;

/** Buckets for `n` values: a power of two, at most 5/8 of the slots filled. */
function bucketsFor(n: number): number {
  let buckets = 64;
  while (n * 8 > buckets * 4 * 5) buckets *= 2;
  return buckets;
}

export class ByteHashTable {
  /** Slots of 4 ints: first 4 bytes, next 4 bytes, length + 1 (0 = empty slot), key; 4 slots a bucket. */
  private table = new Int32Array(0);
  private limit = 0;
  private readonly store: ByteArena;
  // The previous value: sorted or grouped input repeats it often, and checking it
  // first skips the table.
  private lastKey = -1;
  private lastW0 = 0;
  private lastW1 = 0;
  private lastLength = -1;
  private oneStart = new Int32Array(1);
  private oneEnd = new Int32Array(1);
  private batchHashes = new Int32Array(WINDOW);
  private batchW0 = new Int32Array(WINDOW);
  private batchW1 = new Int32Array(WINDOW);
  /** Keys of a batch's fields found in step 2b of many, -1 for the rest. */
  private batchKeys = new Int32Array(WINDOW);
  /** Arena starts of those keys (step 2b, values of many lengths). */
  private batchStarts = new Int32Array(WINDOW);
  /** Where the bucket loads go, so that they are not optimized away. */
  private sink = 0;

  /** A table over `store`'s values so far (hashed now), with room for `expected` values. */
  constructor(store: ByteArena, expected: number) {
    this.store = store;
    const n = store.count;
    this.allocate(bucketsFor(Math.max(expected, n)));
    const { arena, starts, lengths, hashes } = store;
    const ends = new Int32Array(n);
    for (let k = 0; k < n; ++k) ends[k] = starts[k] + lengths[k];
    const { batchW0: w0s, batchW1: w1s, batchHashes: hs, table } = this;
    const wrap = table.length - 1;
    for (let k0 = 0; k0 < n; k0 += WINDOW) {
      const m = Math.min(WINDOW, n - k0);
      hashFields(arena, starts, ends, k0, m, w0s, w1s, hs);
      for (let i = 0; i < m; ++i) {
        const k = k0 + i;
        hashes[k] = hs[i];
        let q = (hs[i] & (wrap >> 4)) << 4;
        while (table[q + 2] !== 0) q = (q + 4) & wrap;
        table[q] = w0s[i];
        table[q + 1] = w1s[i];
        table[q + 2] = lengths[k] + 1;
        table[q + 3] = k;
      }
    }
  }

  /** Grow, if needed, to hold `expected` values without doubling on the way. */
  reserve(expected: number): void {
    const buckets = bucketsFor(expected);
    if (buckets > this.table.length >> 4) this.grow(buckets);
  }

  /** The key of bytes[start, end), adding it if new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    this.oneStart[0] = start;
    this.oneEnd[0] = end;
    hashFields(bytes, this.oneStart, this.oneEnd, 0, 1, this.batchW0, this.batchW1, this.batchHashes);
    const w0 = this.batchW0[0];
    const w1 = this.batchW1[0];
    const len = end - start;
    if (w0 === this.lastW0 && w1 === this.lastW1 && len === this.lastLength) {
      if (len <= 8 || this.store.sameTail(bytes, wordsOf(bytes), start, end, this.lastKey)) return this.lastKey;
    }
    const k = this.find(bytes, start, end, w0, w1, this.batchHashes[0], true);
    this.lastKey = k;
    this.lastW0 = w0;
    this.lastW1 = w1;
    this.lastLength = len;
    return k;
  }

  /** Keys of fields from..n-1 (see ByteDict.internMany); with `add` false, -1 for values not in. */
  many(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, from: number, n: number, out: Int32Array, add: boolean): void {
    const hs = this.batchHashes;
    const w0s = this.batchW0;
    const w1s = this.batchW1;
    for (let f0 = from; f0 < n; f0 += WINDOW) {
      const m = Math.min(WINDOW, n - f0);
      // 1. Words and hashes, reading the fields in order.
      hashFields(bytes, starts, ends, f0, m, w0s, w1s, hs);
      // 2. Load every bucket, and nothing else: these loads depend on no comparison,
      // so the processor has many cache misses in flight at once.
      {
        const table = this.table;
        const mask = (table.length >> 4) - 1;
        let sink = 0;
        for (let i = 0; i < m; ++i) sink ^= table[(hs[i] & mask) << 4];
        this.sink ^= sink;
      }
      // 2b. The slot matching each field's head and length, if any: its key; then loads of
      // the first and last bytes of those keys' tails in the arena, in a loop of their own
      // without branches, so that the arena's cache misses of many fields are in flight at
      // once (a 36-byte value spans two cache lines half the time).
      {
        const table = this.table;
        const wrap = table.length - 1;
        const { arena, starts: keyStarts, stride } = this.store;
        const ks = this.batchKeys;
        let sink = 0;
        for (let i = 0; i < m; ++i) {
          const f = f0 + i;
          const l1 = ends[f] - starts[f] + 1;
          const w0 = w0s[i];
          const w1 = w1s[i];
          let k = -1;
          for (let q = (hs[i] & (wrap >> 4)) << 4, l = table[q + 2]; l !== 0; q = (q + 4) & wrap, l = table[q + 2]) {
            if (l === l1 && table[q] === w0 && table[q + 1] === w1) {
              k = table[q + 3];
              break;
            }
          }
          ks[i] = k;
        }
        const os = this.batchStarts;
        if (stride > 8) {
          // Values of one length: key k starts at k * stride (fields not found load key 0's bytes).
          const last = stride - 1;
          for (let i = 0; i < m; ++i) os[i] = ks[i] >= 0 ? ks[i] * stride : 0;
          for (let i = 0; i < m; ++i) sink ^= arena[os[i] + 8] ^ arena[os[i] + last];
        } else if (stride <= 0) {
          // Values of many lengths: their starts first, then their tails (a start and
          // its tail are two misses in a row; in two passes both overlap across fields).
          for (let i = 0; i < m; ++i) os[i] = ks[i] >= 0 ? keyStarts[ks[i]] : -1;
          for (let i = 0; i < m; ++i) {
            const o = os[i];
            const f = f0 + i;
            const len = ends[f] - starts[f];
            if (o >= 0 && len > 8) sink ^= arena[o + 8] ^ arena[o + len - 1];
          }
        }
        this.sink ^= sink;
      }
      // 2c. Confirm those keys by their tails, now in cache. A key confirmed is final:
      // adding values later in the window (even growing the table) does not change it.
      {
        const store = this.store;
        const words = wordsOf(bytes);
        const ks = this.batchKeys;
        for (let i = 0; i < m; ++i) {
          const k = ks[i];
          if (k < 0) continue;
          const f = f0 + i;
          const start = starts[f];
          const end = ends[f];
          if (end - start > 8 && !store.sameTail(bytes, words, start, end, k)) ks[i] = -1;
        }
      }
      // 3. The rest (values new to the table, or sharing a head with another), found or
      // added in order: a value twice in the window is added once.
      {
        const ks = this.batchKeys;
        for (let i = 0; i < m; ++i) {
          const f = f0 + i;
          const k = ks[i];
          out[rows[f]] = k >= 0 ? k : this.find(bytes, starts[f], ends[f], w0s[i], w1s[i], hs[i], add);
        }
      }
    }
  }

  /** Give the table's memory back; the table must not be used afterwards. */
  release(): void {
    releaseBuffer(this.table);
  }

  /** The key of a value whose words and hash are known; new values are added, or with `add` false give -1. */
  private find(bytes: Uint8Array, start: number, end: number, w0: number, w1: number, h: number, add: boolean): number {
    const len = end - start;
    const l1 = len + 1;
    const table = this.table;
    const wrap = table.length - 1;
    // Linear probing from the first slot of the value's bucket.
    let q = (h & (wrap >> 4)) << 4;
    for (;;) {
      const l = table[q + 2];
      if (l === 0) break;
      if (l === l1 && table[q] === w0 && table[q + 1] === w1) {
        const k = table[q + 3];
        if (len <= 8 || this.store.sameTail(bytes, wordsOf(bytes), start, end, k)) return k;
      }
      q = (q + 4) & wrap;
    }
    if (!add) return -1;
    const k = this.store.add(bytes, start, end, h);
    table[q] = w0;
    table[q + 1] = w1;
    table[q + 2] = l1;
    table[q + 3] = k;
    if (this.store.count > this.limit) this.grow();
    return k;
  }

  /** An empty table of `buckets` buckets. */
  private allocate(buckets: number): void {
    this.table = new Int32Array(16 * buckets);
    // Write every page before the probing reads it: a fresh page read first is mapped
    // once to read and faults again on the first write.
    if (buckets >= 1 << 14) this.table.fill(0);
    this.limit = (buckets * 4 * 5) >> 3;
  }

  /** Double the table, or grow it to `buckets` buckets. */
  private grow(buckets = (this.table.length >> 4) * 2): void {
    const old = this.table;
    this.allocate(buckets);
    const table = this.table;
    const wrap = table.length - 1;
    const mask = wrap >> 4;
    const hashes = this.store.hashes;
    for (let p = 0; p < old.length; p += 4) {
      const l = old[p + 2];
      if (l === 0) continue;
      // Short values' hashes come from the slot itself: no random read of `hashes`.
      // Read in slot order, the entries land in two nearly sequential runs.
      const h = l <= 9 ? finalHash(headHash(old[p], old[p + 1], l - 1)) : hashes[old[p + 3]];
      let q = (h & mask) << 4;
      while (table[q + 2] !== 0) q = (q + 4) & wrap;
      table[q] = old[p];
      table[q + 1] = old[p + 1];
      table[q + 2] = l;
      table[q + 3] = old[p + 3];
    }
    releaseBuffer(old);
  }
}
