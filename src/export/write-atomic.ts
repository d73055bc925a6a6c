import { openOutput } from '../report/open-output.js';
import { writeFully } from '../report/write-fd.js';

/** What writeAtomic writes: text or bytes whole, or a sequence of chunks (streamed). */
export type OutputData = string | Uint8Array | Iterable<string | Uint8Array>;

/**
 * writeAtomic: write to a temp file beside the target, then rename it into place, so a
 * reader never sees a half-written output and a failed run leaves the old file intact
 * (openOutput: temp files of killed runs swept, this run's removed on an interrupt).
 * Chunks are written as they come (the output is bounded by the disk, not by memory).
 * A symlink's target is replaced; a device, FIFO or /dev/stdout is written through.
 * A KohortError raised while the chunks render is passed through as it is.
 */
export async function writeAtomic(file: string, data: OutputData): Promise<void> {
  const out = openOutput(file);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) writeAll(out.fd, data);
    else {
      let n = 0;
      for (const chunk of data) {
        writeAll(out.fd, chunk);
        // Let signals (an interrupt) through on long writes to a temp file.
        if (!out.through && ++n % 4 === 0) await new Promise((r) => setImmediate(r));
      }
    }
    out.finish();
  } catch (e) {
    out.abandon(e);
  }
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  writeFully(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
}
