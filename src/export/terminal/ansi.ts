import { BINS, PALETTE, binOf, textOn, type RGB } from '../html/colour-scale.js';

/** How a terminal table is drawn: colours (256-colour backgrounds) and the width to fit. */
export interface TerminalOptions {
  /** Paint cells with the colour scale (only on a terminal, never with NO_COLOR). */
  colour?: boolean;
  /** Columns available: a wider matrix drops its last offsets with a note; the other tables wrap their columns into blocks (alignToWidth). */
  width?: number;
}

const LEVELS = [0, 95, 135, 175, 215, 255];

/** The xterm-256 colour nearest to an RGB triple (6x6x6 cube or the grey ramp). */
export function xterm256([r, g, b]: RGB): number {
  let best = 16;
  let bestD = Infinity;
  const consider = (code: number, c: RGB): void => {
    const d = (c[0] - r) ** 2 + (c[1] - g) ** 2 + (c[2] - b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = code;
    }
  };
  for (let i = 0; i < 6; ++i) for (let j = 0; j < 6; ++j) for (let k = 0; k < 6; ++k) consider(16 + 36 * i + 6 * j + k, [LEVELS[i], LEVELS[j], LEVELS[k]]);
  for (let i = 0; i < 24; ++i) consider(232 + i, [8 + 10 * i, 8 + 10 * i, 8 + 10 * i]);
  return best;
}

// The HTML page's palette, bin by bin, in the terminal's colours: made at the first
// painted cell, not at start-up (4,800 colour distances; most runs paint nothing).
let colours: { bg: number[]; fg: number[] } | undefined;
const binColours = () => (colours ??= { bg: PALETTE.map(xterm256), fg: PALETTE.map((c) => (textOn(c) === '#ffffff' ? 231 : 16)) });

/** Text on the colour of `value`'s bin on [lo, hi]; unchanged for NaN. */
export function paint(text: string, value: number, lo: number, hi: number): string {
  const b = binOf(value, lo, hi);
  if (b < 0) return text;
  const { bg, fg } = binColours();
  return `\x1b[48;5;${bg[b]}m\x1b[38;5;${fg[b]}m${text}\x1b[0m`;
}

/** A dim note (grey) in colour mode. */
export function dim(text: string, colour: boolean): string {
  return colour ? `\x1b[2m${text}\x1b[0m` : text;
}

/** The scale as a strip of coloured blocks, low to high (colour mode). */
export function scaleStrip(): string {
  const { bg } = binColours();
  let s = '';
  for (let b = 0; b < BINS; b += 2) s += `\x1b[48;5;${bg[b]}m \x1b[0m`;
  return s;
}
