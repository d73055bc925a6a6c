import { statSync } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { parsers } from './parquet-columns.js';

/**
 * Footers parsed in this process, by path: a run reads a Parquet file's schema to plan its
 * columns (readColumnNames), then loads it (readParquet), and parsing the footer twice
 * cost 10-25 ms of CPU a file on the main thread (the 82 row groups of 10M events), while
 * the prestarted Parquet worker waited for its job. An entry counts only for the same
 * bytes by stat (device, inode, size, modification and change times); a few are kept.
 */
const parsed = new Map<string, { identity: string; size: number; metadata: Promise<FileMetaData> }>();
const KEEP = 4;

/** What stat says of a file's bytes, or undefined when it cannot be read. */
function identity(path: string): { identity: string; size: number } | undefined {
  try {
    const s = statSync(path, { bigint: true, throwIfNoEntry: false });
    return s && { identity: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`, size: Number(s.size) };
  } catch {
    return undefined;
  }
}

/**
 * parquetFooter: the footer of the Parquet file at `path` (read through `file` when the
 * caller has it open), parsed with kohort's time parsers once for the same bytes: a
 * second call gets the first one's result. A footer that does not parse is not kept.
 */
export function parquetFooter(path: string, file?: AsyncBuffer): Promise<FileMetaData> {
  const id = identity(path);
  const hit = id === undefined ? undefined : parsed.get(path);
  // `file` opened on other bytes than those stat sees now: parsed through it, not kept.
  const same = file === undefined || file.byteLength === id?.size;
  if (hit && hit.identity === id!.identity && same) return hit.metadata;
  const metadata = (async () => parquetMetadataAsync(file ?? (await asyncBufferFromFile(path)), { parsers }))();
  if (id === undefined || !same) return metadata;
  parsed.delete(path);
  parsed.set(path, { ...id, metadata });
  if (parsed.size > KEEP) parsed.delete(parsed.keys().next().value!);
  metadata.catch(() => {
    if (parsed.get(path)?.metadata === metadata) parsed.delete(path);
  });
  return metadata;
}
