import { codeDictBuffers } from '../dict/code-dict-state.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { CsvReader } from './csv-core.js';
import type { CsvPart, CsvPartOptions } from './csv-options.js';
import { fileError } from '../file-bytes.js';
import { buffersReleased } from '../../parallel/release-buffer.js';

/** Bytes read from a file per call. */
const CHUNK = 2 << 20;
/**
 * Input bytes between turns of the event loop in a long read: buffers released while
 * parsing (a growing dictionary's old tables) are only freed on such a turn (see
 * releaseBuffer), and a read of hundreds of megabytes would otherwise hold them all.
 */
const YIELD_BYTES = 32 << 20;

/**
 * Feed bytes [start, end) of an open file to a parser, one reused buffer at a time
 * (the unfinished record at the end of a chunk is moved to the front, not copied
 * into a new buffer). With `final` the parser is told the input ends at `end`;
 * without it the bytes of an unfinished last record are returned, so the caller can
 * tell whether `end` is a record boundary. `onBytes` hears the bytes read so far.
 */
export async function readRange(
  fd: number,
  parser: CsvReader,
  start: number,
  end: number,
  final: boolean,
  onBytes?: (bytes: number) => void,
): Promise<number> {
  let buf = new Uint8Array(Math.min(CHUNK, Math.max(end - start, 0)) + 1024);
  let have = 0;
  let pos = start;
  let sinceYield = 0;
  for (;;) {
    if (have === buf.length) {
      // One record longer than the buffer: make room (the parser limits record size).
      const next = new Uint8Array(buf.length * 2);
      next.set(buf);
      buf = next;
    }
    const n = pos < end ? readSync(fd, buf, have, Math.min(buf.length - have, end - pos), pos) : 0;
    pos += n;
    const len = have + n;
    const last = pos >= end || n === 0;
    const used = parser.consume(buf.subarray(0, len), last && final);
    onBytes?.(pos - start);
    have = len - used;
    if (last || parser.done) return parser.done ? 0 : have;
    buf.copyWithin(0, used, len);
    sinceYield += n;
    if (sinceYield >= YIELD_BYTES) {
      sinceYield = 0;
      await buffersReleased();
    }
  }
}

/** A byte range of a CSV file to read as one part (see csv-split.ts). */
export interface CsvPartJob extends CsvPartOptions {
  path: string;
  start: number;
  end: number;
}

/**
 * Parse one part of a file (in a worker, or inline): its range, then any refill pass.
 * `onChunk` is called with the parser after each chunk of the range (see publishEarly).
 */
export async function parseCsvPart(job: CsvPartJob, onBytes?: (bytes: number) => void, onChunk?: (parser: CsvReader) => void): Promise<CsvPart> {
  let fd: number;
  try {
    fd = openSync(job.path, 'r');
  } catch (err) {
    return fileError(err, job.path);
  }
  try {
    const parser = new CsvReader({ ...job, sizeHint: job.end - job.start, shared: false });
    const each = onChunk === undefined ? onBytes : (bytes: number) => (onBytes?.(bytes), onChunk(parser));
    await readRange(fd, parser, job.start, job.end, true, each);
    if (parser.needsRefill) {
      parser.startRefill();
      await readRange(fd, parser, job.start, job.end, true);
    }
    return parser.toPart();
  } finally {
    closeSync(fd);
  }
}

/** The buffers of a part, moved (not copied) to the other thread. */
export function transferList(part: CsvPart): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  for (const c of part.columns) {
    if (c.f64) list.push(c.f64.buffer as ArrayBuffer);
    if (c.i32) list.push(c.i32.buffer as ArrayBuffer);
    if (c.dict) list.push(...codeDictBuffers(c.dict));
  }
  return list;
}
