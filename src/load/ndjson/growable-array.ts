/**
 * Typed arrays that double as rows arrive, so loaders never hold a JS array of
 * boxed values. `finish()` returns an exactly sized array, copying it when more than
 * a sixteenth of the capacity is spare, so that spare memory is freed.
 */

/** A growable Float64Array (NaN = missing). */
export class GrowableFloat64 {
  data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }

  /** Append `count` copies of `v`. */
  fill(v: number, count: number): void {
    this.reserve(this.length + count);
    this.data.fill(v, this.length, this.length + count);
    this.length += count;
  }

  /** Make room for `n` values in total (at least doubling, so pushes stay amortised O(1)). */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Float64Array(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** The values, exactly `length` long (a view when little capacity is spare, else a copy). */
  finish(): Float64Array {
    const spare = this.data.length - this.length;
    return spare <= this.data.length / 16 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
  }
}

/** A growable Int32Array, used for dictionary keys. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }

  /** Append `count` copies of `v`. */
  fill(v: number, count: number): void {
    this.reserve(this.length + count);
    this.data.fill(v, this.length, this.length + count);
    this.length += count;
  }

  /** Make room for `n` values in total (at least doubling, so pushes stay amortised O(1)). */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Int32Array(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** The values, exactly `length` long (a view when little capacity is spare, else a copy). */
  finish(): Int32Array {
    const spare = this.data.length - this.length;
    return spare <= this.data.length / 16 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
  }
}
