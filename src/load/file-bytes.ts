import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { fail, KohortError, systemErrorReason } from '../errors.js';
import { concatArrays } from './bytes/concat-arrays.js';
import { isGzip } from './sniff.js';


/** Rethrow a file-system or gzip error as a KohortError for `file`. */
export function fileError(err: unknown, file: string): never {
  if (err instanceof KohortError) throw err;
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    fail('badFile', { format: 'gzip', reason: e.message }, { file });
  }
  return fail('unreadableFile', { reason: systemErrorReason(err) }, { file });
}

/**
 * assertReadableFile: fail with `unreadableFile` when `path` is missing, a directory or
 * cannot be opened, as a load would, without reading it (`kohort run --check`).
 */
export async function assertReadableFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) fail('unreadableFile', { reason: 'it is a directory' }, { file: path });
    // Opened only when regular: opening a FIFO would take the data a later read needs.
    if (info.isFile()) await (await open(path, 'r')).close();
  } catch (err) {
    fileError(err, path);
  }
}

/** The size of a file in bytes. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    return fileError(err, path);
  }
}

/** The first `n` bytes of a file, not decompressed (fewer if the file is shorter). */
export async function readHead(path: string, n = 1 << 16): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = new Uint8Array(n);
      const { bytesRead } = await handle.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    return fileError(err, path);
  }
}

/** The first `n` bytes of a file's content, gunzipped when it is gzip-compressed. */
export async function readContentHead(path: string, n = 1 << 16): Promise<Uint8Array> {
  const head = await readHead(path, n);
  if (!isGzip(head)) return head;
  const parts: Uint8Array[] = [];
  let size = 0;
  const stream = openByteStream(path, true);
  for await (const chunk of stream) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= n) break;
  }
  return concatBytes(parts).subarray(0, n);
}

/**
 * The content of a file as a sequence of byte chunks, gunzipped on the fly when
 * `gzip` is true. Errors are reported as KohortErrors for the file. `onRawBytes`
 * hears how many bytes of the file have been read.
 */
export async function* openByteStream(path: string, gzip: boolean, onRawBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onRawBytes) {
    // The bytes read from disk (compressed, for gzip): what progress is measured in.
    let read = 0;
    raw.on('data', (chunk) => onRawBytes((read += chunk.length)));
  }
  const stream = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gzip) raw.on('error', (err) => stream.destroy(err));
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (err) {
    fileError(err, path);
  } finally {
    raw.destroy();
    stream.destroy();
  }
}

/** The whole content of a file, gunzipped when it starts with the gzip magic number. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return fileError(err, path);
  }
  return gunzipIfNeeded(bytes, path);
}

/** Gunzip bytes that start with the gzip magic number; others are returned as they are. */
export function gunzipIfNeeded(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    return fileError(err, file);
  }
}

/** Concatenate byte chunks into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0] : concatArrays(parts, (n) => new Uint8Array(n));
}
