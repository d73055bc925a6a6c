// PLAIN byte-array pages interned into a CodeDict: by runs of numbered ids where it can,
// else field by field in batches (CodeDict.internMany).
import type { CodeDict } from '../dict/code-dict.js';
import { isBlank } from '../bytes/parse-number.js';

const BATCH = 4096;
/** Field offsets and rows of one batch, reused across pages. */
const starts = new Int32Array(BATCH);
const ends = new Int32Array(BATCH);
const rows = new Int32Array(BATCH);

/**
 * Values interned field by field after a run stops (see internPlain): a few, then twice as
 * many each time no run follows, up to the most.
 */
const FIELDS_FIRST = 8;
const FIELDS_MOST = 512;

/**
 * PLAIN byte arrays (4-byte length, bytes) from page[pos]: `count` values, interned,
 * written to keys[row...] skipping rows whose definition level is 0 (-1 there). With
 * `dictionary`, keys are written one per value (the dictionary page's map). A page
 * without nulls goes by runs of numbered ids (CodeDict.internPlainRun: one pass over the
 * bytes, no field offsets), with the fields between runs interned one by one.
 */
export function internPlain(
  page: Uint8Array,
  pos: number,
  count: number,
  defs: Uint8Array | null,
  dict: CodeDict,
  keys: Int32Array,
  row: number,
  dictionary: boolean,
): void {
  if (defs !== null || dictionary) {
    internFields(page, pos, count, defs, dict, keys, row);
    return;
  }
  let fields = FIELDS_FIRST;
  for (let v = 0; v < count; ) {
    const done = dict.internPlainRun(page, pos, count - v, keys, row + v);
    if (done < 0) {
      // A batch as internFields gives internMany (the shape is learnt from its first one).
      const m = Math.min(BATCH, count - v);
      pos = internFields(page, pos, m, null, dict, keys, row + v);
      v += m;
      continue;
    }
    if (done > 0) {
      // Every value of a run has the first one's length.
      pos += done * (4 + (page[pos] | (page[pos + 1] << 8) | (page[pos + 2] << 16) | (page[pos + 3] << 24)));
      v += done;
      fields = FIELDS_FIRST;
    } else fields = Math.min(2 * fields, FIELDS_MOST);
    const m = Math.min(fields, count - v);
    if (m > 0) {
      pos = internFields(page, pos, m, null, dict, keys, row + v);
      v += m;
    }
  }
}

/** internPlain field by field (offsets batched for CodeDict.internMany); returns the position after the values. */
function internFields(page: Uint8Array, pos: number, count: number, defs: Uint8Array | null, dict: CodeDict, keys: Int32Array, row: number): number {
  let f = 0;
  let r = row;
  let i = 0;
  for (let v = 0; v < count; ++v) {
    if (defs !== null) {
      while (defs[i] === 0) {
        keys[r++] = -1;
        ++i;
      }
      ++i;
    }
    const len = page[pos] | (page[pos + 1] << 8) | (page[pos + 2] << 16) | (page[pos + 3] << 24);
    const start = pos + 4;
    pos = start + len;
    // A length past the page's end is a corrupt page (read on, it would hash the rest of
    // the page once per value).
    if (len < 0 || pos > page.length) throw new Error(`a value of ${len} bytes past the end of its page`);
    if (isBlank(page, start, pos)) keys[r] = -1;
    else {
      starts[f] = start;
      ends[f] = pos;
      rows[f] = r;
      if (++f === BATCH) {
        dict.internMany(page, starts, ends, rows, f, keys);
        f = 0;
      }
    }
    ++r;
  }
  if (f > 0) dict.internMany(page, starts, ends, rows, f, keys);
  if (defs !== null) {
    // Trailing nulls after the last value.
    const total = defs.length;
    for (; i < total && r < row + total; ++i) if (defs[i] === 0) keys[r++] = -1;
  }
  return pos;
}
