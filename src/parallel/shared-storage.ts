/**
 * Typed-array storage that worker threads can share: big columns (and the engine's
 * big per-row arrays) go on SharedArrayBuffers, so a worker reads them in place.
 */

export type TypedArrayOf<T> = { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/** From this many elements, `storage(C, n, true)` is shared (below, a worker does not pay). */
export const SHARED_ROWS = 1 << 20;

/** An array of n zeros: on a SharedArrayBuffer when `shared` and n >= SHARED_ROWS. */
export function storage<T>(C: TypedArrayOf<T>, n: number, shared = true): T {
  return shared && n >= SHARED_ROWS ? sharedArray(C, n) : new C(n);
}

/** An array of n zeros on a SharedArrayBuffer, whatever its size. */
export function sharedArray<T>(C: TypedArrayOf<T>, n: number): T {
  return new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT));
}

/** A copy of `a` on a SharedArrayBuffer. */
export function copyShared<T extends Uint8Array | Int32Array | Float64Array>(a: T): T {
  const out = sharedArray(a.constructor as TypedArrayOf<T>, a.length);
  (out as Uint8Array).set(a as Uint8Array);
  return out;
}

/** `a` itself when on a SharedArrayBuffer, else a copy there (for arrays a worker only reads). */
export function asShared<T extends Uint8Array | Int32Array | Float64Array>(a: T): T {
  return isShared(a) ? a : copyShared(a);
}

/** Whether `a` is on a SharedArrayBuffer. */
export const isShared = (a: ArrayBufferView): boolean => a.buffer instanceof SharedArrayBuffer;
