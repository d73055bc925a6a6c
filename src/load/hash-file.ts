import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** A job for the hash worker: a file to hash. */
export interface HashWorkerJob {
  file: string;
}

/** The worker's answer: the file's size and SHA-256, or why it could not be read. */
export type HashWorkerReply = { bytes: number; sha256: string } | { error: string };

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
