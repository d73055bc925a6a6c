import { DECIMAL, FLOAT, HALF, valid, type ArrowColumn } from './arrow-column.js';

/**
 * Numbers straight from the batches' typed arrays, times `scale` (the unit in ms
 * for times): 64-bit integers are read as two 32-bit halves (one rounding, as
 * Number(bigint) does), null slots become NaN. Types without a plain value buffer
 * (decimals, float16) are read through flechette's own conversion.
 */
export function toFloat64(c: ArrowColumn, scale: number): Float64Array {
  const out = new Float64Array(c.length);
  let offset = 0;
  const direct = c.type.typeId !== DECIMAL && !(c.type.typeId === FLOAT && c.type.precision === HALF);
  for (const batch of c.data) {
    const n = batch.length;
    const v = batch.values;
    if (!direct || v === undefined) {
      for (let i = 0; i < n; ++i) {
        const x = batch.at(i);
        out[offset + i] = x === null || x === undefined ? NaN : Number(x);
      }
    } else if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
      const halves = new Int32Array(v.buffer, v.byteOffset, 2 * n);
      const signed = v instanceof BigInt64Array;
      if (scale === 1) {
        for (let i = 0; i < n; ++i) {
          const hi = halves[2 * i + 1];
          out[offset + i] = (signed ? hi : hi >>> 0) * 4294967296 + (halves[2 * i] >>> 0);
        }
      } else if (scale >= 1) {
        for (let i = 0; i < n; ++i) {
          const hi = halves[2 * i + 1];
          out[offset + i] = ((signed ? hi : hi >>> 0) * 4294967296 + (halves[2 * i] >>> 0)) * scale;
        }
      } else {
        // Divide rather than multiply by a fraction: exact results stay exact.
        const div = Math.round(1 / scale);
        for (let i = 0; i < n; ++i) {
          const hi = halves[2 * i + 1];
          out[offset + i] = ((signed ? hi : hi >>> 0) * 4294967296 + (halves[2 * i] >>> 0)) / div;
        }
      }
    } else {
      const values = v as unknown as ArrayLike<number>;
      if (scale === 1) out.set(values.length === n ? values : (v as unknown as Float64Array).subarray(0, n), offset);
      else for (let i = 0; i < n; ++i) out[offset + i] = values[i] * scale;
    }
    const validity = batch.validity;
    if (batch.nullCount > 0 && validity) {
      for (let i = 0; i < n; ++i) if (!valid(validity, i)) out[offset + i] = NaN;
    }
    offset += n;
  }
  return out;
}

/** Booleans (null for null slots). */
export function toBooleans(c: ArrowColumn): (boolean | null)[] {
  const out: (boolean | null)[] = new Array(c.length);
  let row = 0;
  for (const batch of c.data) {
    for (let i = 0; i < batch.length; ++i) {
      const v = batch.at(i);
      out[row++] = v === null || v === undefined ? null : Boolean(v);
    }
  }
  return out;
}
