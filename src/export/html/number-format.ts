/** Thousands separators, no decimals: 4,372. */
export function formatCount(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–';
}

/** A share as a percentage with `digits` decimals: 0.4523 -> "45.2%"; "–" for NaN/null. */
export function formatPercent(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

/** A number with up to `digits` decimals, trailing zeros dropped: 12.5, 3. */
export function formatNumber(x: number | null, digits = 2): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return Number(x.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A number rounded for embedding in the page (`digits` decimals); null for NaN. */
export function rounded(x: number, digits = 4): number | null {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A p-value as people read it: "< 0.0001", "0.0123", "< 1e-300". */
export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '–';
  if (p === 0) return '< 1e-300';
  if (p < 1e-4) return p.toExponential(2);
  return p.toFixed(4);
}
