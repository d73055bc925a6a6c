/**
 * How a part of a column read by another thread joins a CodeDict: its codes translated
 * (see CodeDict.absorb); code-dict.ts's codeDictBuffers sends its dictionary's buffers.
 */

/** How another part's codes become this dictionary's (see CodeDict.absorb and translateCodes). */
export interface CodeTranslation {
  /** The part's codes are keys of its hashed values (it has no numbers). */
  direct: boolean;
  /** This dictionary's code for each of the part's hashed values, by their key. */
  hashed: Int32Array;
  /** The part's numbers whose code here is not the number itself. */
  numbers: Map<number, number> | null;
}

/** Turn a part's codes[from, to) into a dictionary's, by the translation its absorb gave. */
export function translateCodes(codes: Int32Array, from: number, to: number, t: CodeTranslation): void {
  const { hashed, numbers, direct } = t;
  for (let i = from; i < to; ++i) {
    const c = codes[i];
    if (c <= -2) codes[i] = hashed[-2 - c];
    else if (c >= 0) {
      if (direct) codes[i] = hashed[c];
      else if (numbers !== null) codes[i] = numbers.get(c) ?? c;
    }
  }
}

/**
 * Copy a part's codes src[0, n) to codes[at, at + n), translated as translateCodes would
 * (copied as they are when `t` is null): one pass instead of a copy and then a pass.
 */
export function copyTranslated(src: Int32Array, n: number, codes: Int32Array, at: number, t: CodeTranslation | null): void {
  if (t === null) {
    codes.set(src.subarray(0, n), at);
    return;
  }
  const { hashed, numbers, direct } = t;
  if (direct) {
    // Keys (or -1, missing) only: the usual join of a text column.
    for (let i = 0; i < n; ++i) {
      const c = src[i];
      codes[at + i] = c >= 0 ? hashed[c] : c <= -2 ? hashed[-2 - c] : c;
    }
    return;
  }
  for (let i = 0; i < n; ++i) {
    const c = src[i];
    codes[at + i] = c <= -2 ? hashed[-2 - c] : c >= 0 && numbers !== null ? (numbers.get(c) ?? c) : c;
  }
}
