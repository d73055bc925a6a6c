import { realpathSync, statSync } from 'node:fs';
import { fail } from '../errors.js';

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
    return { real: realpathSync(file), dev: st.dev, ino: st.ino };
  } catch {
    // Not there (yet): compare what the path would resolve to.
    return null;
  }
}
