import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import { HI, LO } from '../../../stats/survival-tally.js';
import type { ColumnarResult } from '../connection.js';

/** What a DuckDB vector of a fixed-width type holds: its values and validity bits (null: all valid). */
interface RawVector {
  items?: unknown;
  validity?: { data?: BigUint64Array | null };
  getItem(i: number): unknown;
}

/**
 * duckdbColumnar: a materialized DuckDB result read column by column. A number column
 * (DOUBLE, INTEGER, ...) is copied chunk by chunk from DuckDB's vectors into one
 * Float64Array, NULLs set to NaN from the validity bits: no value objects, no row objects.
 * Texts are decoded only for the rows asked for.
 */
export function duckdbColumnar(result: DuckDBMaterializedResult): ColumnarResult {
  const names = result.columnNames();
  const rows = result.rowCount;
  const chunks = Array.from({ length: result.chunkCount }, (_, c) => result.getChunk(c));
  const index = (name: string): number => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in the result`);
    return i;
  };
  return {
    rows,
    names,
    numbers(name) {
      const col = index(name);
      const out = new Float64Array(rows);
      let at = 0;
      for (const chunk of chunks) {
        const n = chunk.rowCount;
        const v = chunk.getColumnVector(col) as unknown as RawVector;
        const items = v.items;
        if (ArrayBuffer.isView(items) && !(items instanceof BigInt64Array) && !(items instanceof BigUint64Array)) {
          out.set((items as Float64Array).subarray(0, n), at);
          const bits = v.validity?.data;
          if (bits) nullsToNaN(new Uint32Array(bits.buffer, bits.byteOffset, 2 * bits.length), out, at, n);
        } else {
          for (let i = 0; i < n; i++) {
            const x = v.getItem(i);
            out[at + i] = x === null || x === undefined ? NaN : Number(x);
          }
        }
        at += n;
      }
      return out;
    },
    texts(name, end = rows) {
      const col = index(name);
      const out: (string | null)[] = [];
      for (const chunk of chunks) {
        const v = chunk.getColumnVector(col) as unknown as RawVector;
        for (let i = 0; i < chunk.rowCount && out.length < end; i++) {
          const x = v.getItem(i);
          out.push(x === null || x === undefined ? null : String(x));
        }
        if (out.length >= end) break;
      }
      return out;
    },
  };
}

/**
 * NaN where a validity bit is 0. DuckDB's bits are 64-bit words, row j at bit j % 64 of word
 * j / 64; read as 32-bit halves, the low half first on this platform's byte order (LO).
 */
function nullsToNaN(words: Uint32Array, out: Float64Array, at: number, n: number): void {
  for (let h = 0; h * 32 < n; h++) {
    const word = words[2 * (h >> 1) + ((h & 1) === 0 ? LO : HI)];
    if (word === 0xffffffff) continue;
    for (let b = 0; b < 32 && h * 32 + b < n; b++) if (((word >>> b) & 1) === 0) out[at + h * 32 + b] = NaN;
  }
}
