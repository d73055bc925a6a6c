import type { ByteDictState } from './byte-dict.js';
import type { DigitMode } from './digit-mode.js';

/** A CodeDict for sending to another thread (see CodeDict.take). */
export interface CodeDictState {
  /** Whether a first value was seen (it decides between numbering and hashing). */
  learned: boolean;
  /** The hashed values, by key (code -2 - key, or key when there are no numbers). */
  hashed: ByteDictState;
  /** The numbered values' shape, and which numbers were seen (bit i of present: number lo + i). */
  digits: { prefix: Uint8Array; length: number; mode: DigitMode; lo: number; present: Int32Array } | null;
}

/** The buffers of a CodeDictState to transfer with it. */
export function codeDictBuffers(s: CodeDictState): ArrayBuffer[] {
  const list = [s.hashed.arena.buffer, s.hashed.starts.buffer, s.hashed.lengths.buffer] as ArrayBuffer[];
  if (s.digits) list.push(s.digits.present.buffer as ArrayBuffer);
  return list;
}
