// The last pass of a split Parquet read's dictionary columns, codes to keys (see
// CodeDict.settleMap), on both threads: this one and the Parquet worker, which is
// otherwise idle once its part is done while this thread writes the values' texts.
import { codesToKeys, type CodeKeys } from '../dict/codes-to-keys.js';

/** Rows per claim: few atomics, and both threads end within a chunk of each other. */
export const KEY_CHUNK = 1 << 18;

/** A column's rows [0, n) to turn into keys by `map`, missing values to `missing`. */
export interface KeyColumn {
  /** On a SharedArrayBuffer when the worker takes part. */
  codes: Int32Array;
  n: number;
  map: CodeKeys;
  missing: number;
}

/**
 * The work of both threads: chunks of `chunk` rows claimed one at a time. `state`
 * (shared): [next chunk to claim, chunks done, then each column's missing values].
 */
export interface KeyJob {
  columns: KeyColumn[];
  chunk: number;
  state: Int32Array;
}

/** The map of codes that are keys already: only missing values change (to the null key). */
export const KEYS_ALREADY: CodeKeys = { direct: true, numbered: 0, base: 0, ranks: null, lo: 0, order: null };

export function keyJob(columns: KeyColumn[], chunk = KEY_CHUNK): KeyJob {
  return { columns, chunk, state: new Int32Array(new SharedArrayBuffer(4 * (2 + columns.length))) };
}

/** The chunks of every column. */
export function keyChunkCount(job: KeyJob): number {
  let n = 0;
  for (const c of job.columns) n += Math.ceil(c.n / job.chunk);
  return n;
}

/**
 * Claim chunks until none is left, turning each one's codes into keys in place and
 * counting its missing values. Each chunk is claimed once, so the threads may run this
 * at any time, in any order.
 */
export function keyChunks(job: KeyJob): void {
  const { columns, chunk, state } = job;
  for (;;) {
    let k = Atomics.add(state, 0, 1);
    let col = 0;
    while (col < columns.length && k >= Math.ceil(columns[col].n / chunk)) k -= Math.ceil(columns[col++].n / chunk);
    if (col === columns.length) return;
    const { codes, n, map, missing } = columns[col];
    const from = k * chunk;
    const nulls = codesToKeys(codes, codes, from, Math.min(n, from + chunk), map, missing);
    Atomics.add(state, 2 + col, nulls);
    Atomics.add(state, 1, 1);
  }
}

/**
 * Each column's missing values, once every chunk is done; null when a chunk was claimed
 * and not finished (by a worker that stopped on the way: its rows are then half keys).
 */
export function keyNulls(job: KeyJob): number[] | null {
  if (Atomics.load(job.state, 1) !== keyChunkCount(job)) return null;
  return job.columns.map((_, i) => Atomics.load(job.state, 2 + i));
}
