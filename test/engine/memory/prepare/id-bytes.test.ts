import { describe, expect, it } from 'vitest';
import type { DictBytes, NumberedValues } from '../../../../src/load/dict/dict-bytes.js';
import { FIXED } from '../../../../src/load/dict/digit-mode.js';
import { idBytes } from '../../../../src/engine/memory/prepare/id-bytes.js';

const encoder = new TextEncoder();

/** Ids C0000001..C0000003 as a settled CodeDict gives them, `extra` hashed after them; `reads` counts reads of the bytes. */
function numberedDict(extra: string[], reads: { n: number }): DictBytes {
  const numbers: NumberedValues = { prefix: encoder.encode('C'), mode: FIXED, length: 8, lo: 0, present: Int32Array.of(0b1110), count: 3 };
  const texts = ['C0000001', 'C0000002', 'C0000003', ...extra];
  const arena = encoder.encode(texts.join(''));
  const lengths = Int32Array.from(texts, (t) => encoder.encode(t).length);
  const starts = new Int32Array(texts.length);
  for (let k = 1; k < texts.length; ++k) starts[k] = starts[k - 1] + lengths[k - 1];
  const read = <T>(v: T) => {
    ++reads.n;
    return v;
  };
  return {
    get arena() {
      return read(arena);
    },
    get starts() {
      return read(starts);
    },
    get lengths() {
      return read(lengths);
    },
    size: texts.length,
    ascii: true,
    numbers,
  };
}

const keysOf = (bytes: DictBytes) => ({ keys: new Int32Array(0), size: bytes.size, nullKey: -1, value: () => null, bytes });

describe('idBytes(k)', () => {
  it('reads no byte of a dictionary whose every value is numbered (the join goes through the numbers), and gives them when asked', () => {
    const reads = { n: 0 };
    const ids = idBytes(keysOf(numberedDict([], reads)));
    expect(reads.n).toBe(0);
    expect(ids).toMatchObject({ size: 3, verbatim: true, distinct: true, padded: 0 });
    expect(ids.numbers?.count).toBe(3);
    expect(new TextDecoder().decode(ids.bytes.subarray(ids.starts[2], ids.starts[2] + ids.lengths[2]))).toBe('C0000003');
  });

  it('trims the values after the numbered ones, as before', () => {
    const ids = idBytes(keysOf(numberedDict([' x\t', 'y'], { n: 0 })));
    expect(ids).toMatchObject({ size: 5, verbatim: false, distinct: false, padded: 1, paddedExample: ' x\t' });
    expect(new TextDecoder().decode(ids.bytes.subarray(ids.starts[3], ids.starts[3] + ids.lengths[3]))).toBe('x');
  });
});
