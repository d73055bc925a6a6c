import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A new FIFO (named pipe) in a temp folder. */
export function makeFifo(): string {
  const fifo = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-fifo-')), 'out.fifo');
  const r = spawnSync('mkfifo', [fifo]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
  return fifo;
}

/**
 * What another process reads from `fifo` (cat, started now): its text, or undefined when
 * nothing was written into the FIFO within `ms` (the reader is then killed, so a test of a
 * writer that misses the FIFO fails instead of hanging).
 */
export function readFifo(fifo: string, ms = 5000): Promise<string | undefined> {
  const cat = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  cat.stdout.on('data', (c: Buffer) => chunks.push(c));
  const timer = setTimeout(() => cat.kill('SIGKILL'), ms);
  return new Promise((resolve) => {
    cat.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : undefined);
    });
  });
}
