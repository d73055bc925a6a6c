import { interpolateYlGnBu, schemeTableau10 } from 'd3-scale-chromatic';

/** Steps of the heatmap's colour scale: cells fall in one of these bins (CSS classes q0..q19). */
export const BINS = 20;

/** An RGB triple, 0-255 each. */
export type RGB = [number, number, number];

function parseRGB(css: string): RGB {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{6})$/i.exec(css);
  if (!h) throw new Error(`not a colour: ${css}`);
  const n = parseInt(h[1], 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/**
 * The sequential palette: ColorBrewer's YlGnBu (d3-scale-chromatic), perceptually ordered,
 * readable by the colour-blind and in greyscale print: pale yellow (low) to deep blue
 * (high). The palest tenth is skipped so a low value still reads as a colour, not as paper.
 */
export const PALETTE: readonly RGB[] = Array.from({ length: BINS }, (_, i) =>
  parseRGB(interpolateYlGnBu(0.1 + (0.9 * (i + 0.5)) / BINS)),
);

/** Categorical colours of series (Tableau 10). */
export const SERIES_COLOURS: readonly string[] = schemeTableau10;

/** The bin of a value on [lo, hi], clamped; -1 for NaN. */
export function binOf(value: number, lo: number, hi: number): number {
  if (!Number.isFinite(value)) return -1;
  const t = hi > lo ? (value - lo) / (hi - lo) : 1;
  return Math.max(0, Math.min(BINS - 1, Math.floor(t * BINS)));
}

function luminance([r, g, b]: RGB): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Text colour on a background: black or white, whichever contrasts more (WCAG ratio). */
export function textOn(bg: RGB): '#000000' | '#ffffff' {
  const l = luminance(bg);
  const onBlack = (l + 0.05) / (luminance([0, 0, 0]) + 0.05);
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}

/** "#rrggbb" of an RGB triple. */
export function hex([r, g, b]: RGB): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
