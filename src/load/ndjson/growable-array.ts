/**
 * Typed arrays that double as rows arrive, so loaders never hold a JS array of
 * boxed values. `finish()` returns an exactly sized array, copying it when more than
 * a sixteenth of the capacity is spare, so that spare memory is freed.
 */

type Typed = Float64Array | Int32Array;

/** A growable typed array (GrowableFloat64, GrowableInt32). */
class GrowableArray<A extends Typed> {
  data: A;
  length = 0;

  constructor(
    private readonly make: (n: number) => A,
    capacity: number,
  ) {
    this.data = make(Math.max(16, capacity));
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
    const next = this.make(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** The values, exactly `length` long (a view when little capacity is spare, else a copy). */
  finish(): A {
    const spare = this.data.length - this.length;
    return (spare <= this.data.length / 16 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length)) as A;
  }
}

/** A growable Float64Array (NaN = missing). */
export class GrowableFloat64 extends GrowableArray<Float64Array> {
  constructor(capacity = 1024) {
    super((n) => new Float64Array(n), capacity);
  }
}

/** A growable Int32Array, used for dictionary keys. */
export class GrowableInt32 extends GrowableArray<Int32Array> {
  constructor(capacity = 1024) {
    super((n) => new Int32Array(n), capacity);
  }
}
