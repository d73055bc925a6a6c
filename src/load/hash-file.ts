import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { MAX_WAIT_MS, waitAtGate } from '../parallel/background-gate.js';

/** A job for the hash worker: a file to hash. */
export interface HashWorkerJob {
  file: string;
  /** The background gate (see backgroundGate): reading pauses while a loader holds it. */
  gate?: Int32Array;
}

/** The worker's answer: the file's size and SHA-256, or why it could not be read. */
export type HashWorkerReply = { bytes: number; sha256: string } | { error: string };

/** Bytes read per call by hashFileSync: one buffer reused, so the bytes hashed are in cache. */
const SYNC_CHUNK = 1 << 20;

/** SHA-256 (hex) and size of a file's bytes, streamed in 1 MiB reads (never whole in memory), on this thread. */
export async function hashFileHere(file: string): Promise<{ bytes: number; sha256: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: h.digest('hex') };
}

/**
 * The same as hashFileHere, blocking, for a worker thread: 1 MiB reads into one reused
 * buffer (a stream allocates a fresh one per read, some 20% more CPU), pausing at `gate`
 * between reads while a loader keeps the cores busy.
 */
export function hashFileSync(file: string, gate?: Int32Array): { bytes: number; sha256: string } {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(SYNC_CHUNK);
  const budget = { ms: MAX_WAIT_MS };
  const fd = openSync(file, 'r');
  let bytes = 0;
  try {
    for (;;) {
      if (gate) waitAtGate(gate, budget);
      const n = readSync(fd, buf, 0, SYNC_CHUNK, bytes);
      if (n === 0) break;
      h.update(n === SYNC_CHUNK ? buf : buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: h.digest('hex') };
}
