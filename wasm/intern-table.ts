// AssemblyScript source of src/load/dict/intern-wasm-bytes.ts's kernel (built by
// scripts/build-wasm.mjs): a hash table of byte strings in linear memory, which gives
// equal bytes equal keys 0, 1, 2, ... in first-seen order, as ByteHashTable does.
// Slot (16 bytes): tag (the hash's high word), key + 1 (0: empty), the value's address, length.
// A value's home slot is its tag's low bits, so growing the table reads no value.
// Values are kept in blocks that never move (no copy as they grow; a table's old
// memory is reused for them). Each call leaves its new values back to back in `news`.

let table: usize = 0;
let mask: u32 = 0;
let limit: u32 = 0;
let count: u32 = 0;
// The block values are added to: its address, bytes used, size.
let block: usize = 0;
let blockUsed: u32 = 0;
let blockCap: u32 = 0;
const BLOCK: u32 = 1 << 20;
let high: u64 = 0;
// A call's new values, back to back, and their lengths.
let news: usize = 0;
let newsUsed: u32 = 0;
let newsCap: u32 = 0;
let newsLens: usize = 0;
let newCount: u32 = 0;
// Fields of a call: starts, ends and codes, `fieldCap` each; input bytes, `inputCap` + 8.
let fields: usize = 0;
let fieldCap: u32 = 0;
let input: usize = 0;
let inputCap: u32 = 0;
// A window's hashes.
let hashes: usize = 0;
let sink: u32 = 0;
// Tests keep only a few bits of the tag (spread over the table), so that values collide
// and are told apart by their bytes.
let weakMask: u32 = 0;
const W: i32 = 256;
const M: u64 = 0x9e3779b97f4a7c15;

export function size(): u32 { return count; }
export function newsBase(): usize { return news; }
export function newsLength(): u32 { return newsUsed; }
export function newsLengthsBase(): usize { return newsLens; }
/** Non-zero once a value has a byte of 0x80 or above. */
export function highBits(): u32 { return <u32>((high | (high >> 32)) & 0x80808080); }
export function fieldsBase(): usize { return fields; }
export function fieldCapacity(): u32 { return fieldCap; }
export function inputBase(): usize { return input; }
export function getSink(): u32 { return sink; }

/** For tests: keep only `bits` bits of each tag (before init). */
export function weaken(bits: u32): void {
  weakMask = bits >= 32 ? 0 : (1 << bits) - 1;
}

function slotsFor(n: u32): u32 {
  let s: u32 = 1024;
  while (<u64>n * 2 > <u64>s) s <<= 1;
  return s;
}

function newTable(slots: u32): void {
  table = heap.alloc(<usize>slots << 4);
  memory.fill(table, 0, <usize>slots << 4);
  mask = slots - 1;
  limit = slots >> 1;
}

/** An empty table with room for `expected` values. */
export function init(expected: u32): void {
  newTable(slotsFor(expected));
  hashes = heap.alloc(W * 8);
}

/** Room for n fields, `bytes` input bytes and `total` bytes of new values in one call. */
export function prepare(n: u32, bytes: u32, total: u32): void {
  if (n > fieldCap) {
    if (fields != 0) heap.free(fields);
    if (newsLens != 0) heap.free(newsLens);
    fields = heap.alloc(<usize>n * 12);
    newsLens = heap.alloc(<usize>n << 2);
    fieldCap = n;
  }
  if (bytes > inputCap || input == 0) {
    if (input != 0) heap.free(input);
    inputCap = max(bytes, 1 << 16);
    input = heap.alloc(<usize>inputCap + 8);
  }
  if (total > newsCap || news == 0) {
    if (news != 0) heap.free(news);
    newsCap = max(total, 1 << 16);
    news = heap.alloc(newsCap);
  }
}

@inline function hashOf(p: usize, len: u32): u64 {
  let h: u64 = <u64>len * M;
  let i: u32 = 0;
  for (; i + 8 <= len; i += 8) {
    h = (h ^ load<u64>(p + i)) * M;
    h ^= h >> 29;
  }
  const r = len - i;
  if (r > 0) h = (h ^ (load<u64>(p + i) & ((<u64>1 << (<u64>r << 3)) - 1))) * M;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93;
  h ^= h >> 32;
  return weakMask == 0 ? h : <u64>((<u32>(h >> 32) & weakMask) * 0x9e3779b1) << 32;
}

@inline function same(a: usize, b: usize, len: u32): bool {
  let i: u32 = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  const r = len - i;
  return r == 0 || ((load<u64>(a + i) ^ load<u64>(b + i)) & ((<u64>1 << (<u64>r << 3)) - 1)) == 0;
}

function rehash(slots: u32): void {
  const old = table;
  const oldSlots = mask + 1;
  newTable(slots);
  for (let s: u32 = 0; s < oldSlots; ++s) {
    const q = old + (<usize>s << 4);
    const k = load<u32>(q, 4);
    if (k == 0) continue;
    const tag = load<u32>(q);
    let t = tag & mask;
    while (load<u32>(table + (<usize>t << 4), 4) != 0) t = (t + 1) & mask;
    const d = table + (<usize>t << 4);
    store<u32>(d, tag);
    store<u32>(d, k, 4);
    store<u64>(d, load<u64>(q, 8), 8);
  }
  heap.free(old);
}

/** Grow, if needed, to hold `expected` values without doubling on the way. */
export function reserve(expected: u32): void {
  const slots = slotsFor(expected);
  if (slots > mask + 1) rehash(slots);
}

function add(p: usize, len: u32, t: u32, tag: u32): i32 {
  if (blockUsed + len + 8 > blockCap) {
    blockCap = max(BLOCK, len + 8);
    block = heap.alloc(blockCap);
    blockUsed = 0;
  }
  const to = block + blockUsed;
  blockUsed += len;
  memory.copy(to, p, len);
  memory.copy(news + newsUsed, p, len);
  newsUsed += len;
  store<u32>(newsLens + (<usize>newCount << 2), len);
  ++newCount;
  let i: u32 = 0;
  for (; i + 8 <= len; i += 8) high |= load<u64>(to + i);
  for (; i < len; ++i) high |= <u64>load<u8>(to + i);
  const key = count++;
  const q = table + (<usize>t << 4);
  store<u32>(q, tag);
  store<u32>(q, key + 1, 4);
  store<u32>(q, <u32>to, 8);
  store<u32>(q, len, 12);
  if (count > limit) rehash((mask + 1) << 1);
  return <i32>key;
}

function find(p: usize, len: u32, h: u64, adding: bool): i32 {
  const tag = <u32>(h >> 32);
  let t = tag & mask;
  for (;;) {
    const q = table + (<usize>t << 4);
    const k = load<u32>(q, 4);
    if (k == 0) break;
    if (load<u32>(q) == tag && load<u32>(q, 12) == len && same(<usize>load<u32>(q, 8), p, len)) return <i32>k - 1;
    t = (t + 1) & mask;
  }
  return adding ? add(p, len, t, tag) : -1;
}

/**
 * Keys of n fields (n <= fieldCapacity): field f is input[starts[f] - base, ends[f] - base)
 * with starts, ends and the keys out at fieldsBase() (fieldCapacity() apart). New values
 * get keys in the order of the fields (their bytes and lengths left at newsBase() and
 * newsLengthsBase()); with `adding` false, -1 for values not in.
 *
 * A window of fields goes in four passes, so that their cache misses are in flight together:
 * loads that share a loop with the hashing or with branches on what they load leave the
 * processor room for a few at a time only (measured: 1.5-2x slower on a table out of cache).
 */
export function intern(base: i32, n: i32, adding: bool): void {
  const starts = fields;
  const ends = fields + (<usize>fieldCap << 2);
  const out = fields + (<usize>fieldCap << 3);
  newsUsed = 0;
  newCount = 0;
  for (let f0: i32 = 0; f0 < n; f0 += W) {
    const m = min(W, n - f0);
    // 1. Hashes, reading the fields in order.
    for (let i: i32 = 0; i < m; ++i) {
      const f = <usize>(f0 + i) << 2;
      const a = load<i32>(starts + f);
      store<u64>(hashes + (<usize>i << 3), hashOf(input + <usize>(a - base), <u32>(load<i32>(ends + f) - a)));
    }
    // 2. A load of each field's home slot, and nothing else.
    let s: u32 = 0;
    for (let i: i32 = 0; i < m; ++i) s ^= load<u32>(table + (<usize>(<u32>(load<u64>(hashes + (<usize>i << 3)) >> 32) & mask) << 4), 8);
    // 3. Loads of the first and last bytes of the value in the first slot with the field's
    // tag, or none (an empty slot's address is 0: a harmless load). Not the home slot's:
    // another value holds it for 13-15% of the lookups (5M uuid or e-mail ids), and find
    // then waited on the value's memory alone, one field at a time. The probe's branches
    // read slots pass 2 brought in, so they do not hold back the value loads.
    for (let i: i32 = 0; i < m; ++i) {
      const tag = <u32>(load<u64>(hashes + (<usize>i << 3)) >> 32);
      let t = tag & mask;
      let q = table + (<usize>t << 4);
      while (load<u32>(q, 4) != 0 && load<u32>(q) != tag) {
        t = (t + 1) & mask;
        q = table + (<usize>t << 4);
      }
      const o = <usize>load<u32>(q, 8);
      s ^= load<u8>(o) ^ load<u8>(o + <usize>load<u32>(q, 12));
    }
    sink ^= s;
    // 4. Each field found or added, in order, from cache.
    for (let i: i32 = 0; i < m; ++i) {
      const f = <usize>(f0 + i) << 2;
      const a = load<i32>(starts + f);
      const len = <u32>(load<i32>(ends + f) - a);
      store<i32>(out + f, find(input + <usize>(a - base), len, load<u64>(hashes + (<usize>i << 3)), adding));
    }
  }
}
