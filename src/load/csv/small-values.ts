/**
 * The codes of a text column's few distinct values (a channel, a plan, a reason), found
 * by comparing a field's bytes with them before the dictionary hashes it: hashing a
 * channel cost about 60 ns a row, two thirds of the field's cost. Only for dictionaries
 * whose codes are their keys for good (CodeDict.hashesAll); a column with more distinct
 * values than MAX_VALUES turns it off.
 */

/** Values remembered: a direct-mapped table, the newest value of a slot wins. */
const SLOTS = 32;
/** Longer values are not remembered. */
const MAX_LENGTH = 32;
/** More distinct values than this in the dictionary: a table this small would mostly miss. */
const MAX_VALUES = 24;

export class SmallValues {
  /** False once the column shows many values. */
  on = true;
  private readonly bytes = new Uint8Array(SLOTS * MAX_LENGTH);
  private readonly lengths = new Int32Array(SLOTS).fill(-1);
  private readonly codes = new Int32Array(SLOTS);

  /**
   * Fields f < n are buf[starts[f], ends[f]) for row rows[f]: those remembered get their
   * code in out[rows[f]]; the others are moved, in order, to the front of starts, ends and
   * rows. Returns how many those are.
   */
  take(buf: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, n: number, out: Int32Array): number {
    const { bytes, lengths, codes } = this;
    let m = 0;
    for (let f = 0; f < n; ++f) {
      const s = starts[f];
      const len = ends[f] - s;
      // Two slots a value may sit in: two values meeting in one do not evict each other.
      const slot = slotOf(buf, s, len);
      found: if (lengths[slot] === len) {
        const at = slot * MAX_LENGTH;
        for (let k = 0; k < len; ++k) if (buf[s + k] !== bytes[at + k]) break found;
        out[rows[f]] = codes[slot];
        continue;
      }
      const other = slot ^ 1;
      found: if (lengths[other] === len) {
        const at = other * MAX_LENGTH;
        for (let k = 0; k < len; ++k) if (buf[s + k] !== bytes[at + k]) break found;
        out[rows[f]] = codes[other];
        continue;
      }
      starts[m] = s;
      ends[m] = ends[f];
      rows[m] = rows[f];
      ++m;
    }
    return m;
  }

  /** Remember the m fields take left, once the dictionary (now of `size` values) has written their codes to out. */
  learn(buf: Uint8Array, starts: Int32Array, ends: Int32Array, rows: Int32Array, m: number, out: Int32Array, size: number): void {
    if (size > MAX_VALUES) {
      this.on = false;
      return;
    }
    for (let f = 0; f < m; ++f) {
      const s = starts[f];
      const len = ends[f] - s;
      if (len > MAX_LENGTH) continue;
      let slot = slotOf(buf, s, len);
      // The second slot when the first is taken and the second free (else the first is overwritten).
      if (this.lengths[slot] >= 0 && this.lengths[slot ^ 1] < 0) slot ^= 1;
      this.bytes.set(buf.subarray(s, s + len), slot * MAX_LENGTH);
      this.lengths[slot] = len;
      this.codes[slot] = out[rows[f]];
    }
  }
}

/** The first slot of a value of `len` bytes at buf[s] (len >= 1): its length, first and last bytes mixed. */
function slotOf(buf: Uint8Array, s: number, len: number): number {
  return Math.imul(buf[s] | (buf[s + len - 1] << 8) | (len << 16), 0x9e3779b1) >>> 27;
}
