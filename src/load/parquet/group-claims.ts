// The row groups of a split Parquet read that both threads claim, one at a time, from
// either end of a range (see ParquetPartJob.claims and .help).

/**
 * Row groups [g0, g1) shared between a worker, which claims them from the front
 * (claimFront), and the thread that reads the file, which takes them from the back
 * (claimBack) once its own part is done: the worker's part stays one run of row groups
 * read in order, so its dictionary codes are absorbed as one part, as with a fixed split.
 * One word on a SharedArrayBuffer: (next << 16) | end, so for fewer than MAX_CLAIM_GROUPS groups.
 */
export function groupClaims(g0: number, g1: number): Int32Array {
  const claims = new Int32Array(new SharedArrayBuffer(4));
  claims[0] = (g0 << 16) | g1;
  return claims;
}

/** Row groups a claim word can number (16 bits, the sign bit left clear). */
export const MAX_CLAIM_GROUPS = 1 << 15;

/** The next row group from the front, or -1 when every group is claimed. */
export function claimFront(claims: Int32Array): number {
  return claim(claims, true);
}

/** The last unclaimed row group, or -1 when every group is claimed. */
export function claimBack(claims: Int32Array): number {
  return claim(claims, false);
}

function claim(claims: Int32Array, front: boolean): number {
  for (;;) {
    const old = Atomics.load(claims, 0);
    const next = old >>> 16;
    const end = old & 0xffff;
    if (next >= end) return -1;
    const taken = front ? next : end - 1;
    const word = front ? ((next + 1) << 16) | end : (next << 16) | (end - 1);
    if (Atomics.compareExchange(claims, 0, old, word) === old) return taken;
  }
}

/** The end of the front's claims: the first group not claimed from the front. */
export function claimedFront(claims: Int32Array): number {
  return Atomics.load(claims, 0) >>> 16;
}

/** The first group claimed from the back: the end while none is. */
export function claimedBack(claims: Int32Array): number {
  return Atomics.load(claims, 0) & 0xffff;
}
