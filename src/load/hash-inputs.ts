import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { InputHash } from '../report/input-hash.js';
import type { InputSpec } from '../spec/types.js';

/** SHA-256 (hex) and size of a file's bytes, streamed in 1 MiB reads (never whole in memory). */
export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: h.digest('hex') };
}

/**
 * hashInputs: the identity of each input file of a spec: its path as given, its size and
 * the SHA-256 of its bytes as stored (a gzip'd file is hashed compressed). A content hash,
 * not a time stamp: the same bytes give the same metadata wherever and whenever they run.
 * Standard input ("-") is not hashed.
 */
export async function hashInputs(input: InputSpec): Promise<InputHash[]> {
  const roles = (['activity', 'customers'] as const).filter((r) => input[r] !== undefined && input[r] !== '-');
  return Promise.all(roles.map(async (role) => ({ role, file: input[role]!, ...(await hashFile(input[role]!)) })));
}
