import { closeSync, constants, openSync, realpathSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import path from 'node:path';
import { fail } from '../errors.js';
import { standardStream, standardStreamName } from '../report/standard-stream.js';
import { outputTarget } from '../report/write-fd.js';
import { outputFile, STDOUT_FILE } from '../spec/stdout-file.js';

// For the CLI, which reads it at the end of a run (the stages are not its to import).
export { takeStdoutCut } from '../report/stdout-cut.js';

/**
 * assertNotInput: refuse an output path that is one of the inputs (the same file by its
 * real path, or by device and inode: symbolic and hard links included), before anything
 * is read or written. An output that does not exist yet is never an input.
 */
export function assertNotInput(out: string, inputs: readonly (string | undefined)[]): void {
  const target = identity(out);
  if (target === null) return;
  for (const input of inputs) {
    if (input === undefined) continue;
    const source = identity(input);
    if (source === null) continue;
    if (source.real === target.real || (source.dev === target.dev && source.ino === target.ino)) {
      fail('outputOverInput', { file: out, input });
    }
  }
}

function identity(file: string): { real: string; dev: number; ino: number } | null {
  try {
    const st = statSync(file);
    return { real: realpathSync.native(file), dev: st.dev, ino: st.ino };
  } catch {
    // Not there (yet): compare what the path would resolve to.
    return null;
  }
}

/**
 * outputKey: the file an output path ends up written to (links followed, as the writers
 * follow them), so two paths to one file are seen as one; the path itself when it cannot
 * be resolved (the writer then says why).
 */
export function outputKey(file: string): string {
  try {
    return outputTarget(file).path;
  } catch {
    return path.resolve(file);
  }
}

/**
 * writesToStdout: whether an output goes to this process's standard output: no file, "-",
 * or a path naming its descriptor 1 (/dev/stdout, /dev/fd/1, /proc/self/fd/1, or any path
 * to the same device and inode: a link to /dev/stdout, the terminal's /dev/pts/N): those
 * are written to the same stream as "-", so two of them interleave into one.
 */
export function writesToStdout(file: string | undefined): boolean {
  const f = outputFile(file);
  if (f === undefined) return true;
  return standardStream(f) === 1;
}

/**
 * stdoutByIdentity: whether a path is standard output by what it is, not by its name: the
 * file the shell sent standard output to (`> out.csv`), a link to /dev/stdout. The user
 * gave a file there, so a message must say that it is standard output.
 */
export function stdoutByIdentity(file: string): boolean {
  return file !== STDOUT_FILE && standardStreamName(file) === undefined && standardStream(file) === 1;
}

/**
 * writesToTerminal: whether an output goes to a terminal, where binary bytes are garbage
 * and may drive it: standard output when it is one (`stdoutIsTTY`, as the caller knows
 * it), /dev/stderr when stderr is one, or a path to a terminal device (/dev/tty,
 * /dev/pts/N). Only a character device is opened to ask (never a FIFO, which would wait
 * for a reader), without becoming the process's controlling terminal.
 */
export function writesToTerminal(file: string | undefined, stdoutIsTTY: boolean): boolean {
  if (writesToStdout(file)) return stdoutIsTTY;
  const f = outputFile(file)!;
  if (standardStream(f) === 2) return isatty(2);
  let fd: number;
  try {
    if (!statSync(f, { throwIfNoEntry: false })?.isCharacterDevice()) return false;
    fd = openSync(f, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
  } catch {
    // Not there or not ours to open: no terminal to spare, and the writer says why.
    return false;
  }
  try {
    return isatty(fd);
  } finally {
    closeSync(fd);
  }
}
