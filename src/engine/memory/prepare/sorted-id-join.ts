import { hasId, type IdBytes } from './id-bytes.js';
import { joinNumbers } from './number-join.js';

/*
 * The customer join without a hash table, for ids that come sorted. Loaders number ids
 * of one shape (C0000042, 17850) in numeric order (CodeDict.settle), and numeric order
 * is shortlex order (shorter first, then byte by byte) for ids of one prefix. When a
 * customers table's ids are in that order by key, activity ids are found by walking
 * both dictionaries together: sequential reads, no hashing, no 1M-entry table to build.
 */

/** Shortlex order of id i of `a` and id j of `b`: < 0, 0 (the same id) or > 0. */
export function compareIds(a: IdBytes, i: number, b: IdBytes, j: number): number {
  return compareBytes(viewOf(a), a.starts[i], a.lengths[i], viewOf(b), b.starts[j], b.lengths[j]);
}

const views = new WeakMap<Uint8Array, DataView>();
function viewOf(ids: IdBytes): DataView {
  let v = views.get(ids.bytes);
  if (v === undefined) views.set(ids.bytes, (v = new DataView(ids.bytes.buffer, ids.bytes.byteOffset, ids.bytes.byteLength)));
  return v;
}

/** Shortlex order of x[sa, sa + la) and y[sb, sb + lb), 4 bytes at a time (big-endian words order as their bytes). */
function compareBytes(x: DataView, sa: number, la: number, y: DataView, sb: number, lb: number): number {
  if (la !== lb) return la - lb;
  let o = 0;
  for (; o + 4 <= la; o += 4) {
    const p = x.getUint32(sa + o);
    const q = y.getUint32(sb + o);
    if (p !== q) return p < q ? -1 : 1;
  }
  for (; o < la; ++o) {
    const d = x.getUint8(sa + o) - y.getUint8(sb + o);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The keys with an id, in key order, when their ids strictly ascend (shortlex) by key;
 * else null. Strictly: then distinct keys are distinct ids.
 */
export function sortedIdKeys(ids: IdBytes): Int32Array | null {
  const out = new Int32Array(ids.size);
  const v = viewOf(ids);
  const { starts, lengths } = ids;
  // Numbered ids ascend by key (shortlex is numeric order for one shape).
  let n = ids.numbers?.count ?? 0;
  for (let k = 0; k < n; ++k) out[k] = k;
  for (let k = n; k < ids.size; ++k) {
    if (!hasId(ids, k)) continue;
    const last = out[n - 1];
    if (n > 0 && compareBytes(v, starts[last], lengths[last], v, starts[k], lengths[k]) >= 0) return null;
    out[n++] = k;
  }
  return out.subarray(0, n);
}

/**
 * For each of the `m` keys `keys[j]` of `ids` (each with an id), the position in `sorted`
 * (keys of `target` whose ids strictly ascend) of the same id, or -1: out[j]. Keys whose
 * ids ascend too are matched by one forward walk; any other (a hashed tail, an id out of
 * order) by a galloping search from where the walk is, so the answer never depends on the
 * order, only the time does.
 */
export function joinSorted(ids: IdBytes, keys: Int32Array, m: number, target: IdBytes, sorted: Int32Array, out: Int32Array): void {
  const n = sorted.length;
  const tv = viewOf(target);
  const iv = viewOf(ids);
  const ts = target.starts;
  const tl = target.lengths;
  // Sorted id s against the id looked up (at is, il).
  const cmp = (s: number, is: number, il: number): number => compareBytes(tv, ts[sorted[s]], tl[sorted[s]], iv, is, il);
  // Numbered ids against numbered ids: by their numbers. One the target's numbers lack
  // may still be among its other ids (a tail of hashed values): that one is looked up.
  // The target's numbered keys lead `sorted` (sortedIdKeys): their positions are their keys.
  const c = target.numbers?.count ?? 0;
  const numbered = c > 0 && sorted.length >= c && sorted[c - 1] === c - 1 ? joinNumbers(ids, keys, m, target, out) : 0;
  const tail = numbered > 0 && target.size > target.numbers!.count;
  // Where the walk is; each lookup first checks that the sorted id before p is less
  // than the one looked up (else it searches from 0).
  let p = 0;
  for (let j = 0; j < m; ++j) {
    if (j < numbered && (out[j] >= 0 || !tail)) continue;
    const key = keys[j];
    const is = ids.starts[key];
    const il = ids.lengths[key];
    // Usually the next id of the walk (sorted ids are distinct, so it is the first >= key).
    if (p < n && cmp(p, is, il) === 0) {
      out[j] = p++;
      continue;
    }
    if (p > 0 && cmp(p - 1, is, il) >= 0) p = 0;
    // Gallop from p to a range [lo, hi) that holds the first id >= this one.
    let lo = p;
    let step = 1;
    let hi = p;
    while (hi < n && cmp(hi, is, il) < 0) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > n) hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(mid, is, il) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && cmp(lo, is, il) === 0) {
      out[j] = lo;
      p = lo + 1;
    } else {
      out[j] = -1;
      p = lo;
    }
  }
}

