import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { distUrl } from '../dist-url.js';

// stdlib's gamma functions (CommonJS) load on first use. The build bundles them into one
// file (scripts/bundle-cli.mjs): loading their ~200 modules one by one took ~0.1 s.
const require = createRequire(import.meta.url);
const BUNDLED = fileURLToPath(distUrl('./stats/stdlib-gamma.cjs'));
type GammaFns = { gammainc: (x: number, s: number, regularized: boolean, upper: boolean) => number; gammaln: (x: number) => number };
let gammaFns: GammaFns | undefined;
function gamma(): GammaFns {
  return (gammaFns ??= existsSync(BUNDLED)
    ? (require(BUNDLED) as GammaFns)
    : { gammainc: require('@stdlib/math-base-special-gammainc'), gammaln: require('@stdlib/math-base-special-gammaln') });
}

/** An upper-tail probability, with its base-10 logarithm for when p itself underflows. */
export interface TailProbability {
  /** P(X >= x); 0 when it underflows (read log10p then). Null when there is no test. */
  p: number | null;
  /** log10 of P(X >= x), finite even far past underflow. Null when there is no test. */
  log10p: number | null;
}

// Below this p the gamma routine's result is subnormal or zero, so log10 p is taken from
// the continued fraction instead (it keeps full relative accuracy there).
const TINY = 1e-280;

/**
 * The upper tail of the chi-square distribution, P(X >= x) for X ~ chi2(df), as R's
 * pchisq(x, df, lower.tail = FALSE). `log10p` is log10 of that probability and stays
 * finite far into the tail (chi2 = 5000 on 1 df gives log10p ~ -1088.4), like R's
 * pchisq(x, df, lower.tail = FALSE, log.p = TRUE) / log(10).
 * df <= 0 or a NaN statistic means no test: both fields are null.
 */
export function chiSquareTail(x: number, df: number): TailProbability {
  if (!(df > 0) || Number.isNaN(x) || !Number.isFinite(df)) return { p: null, log10p: null };
  if (x <= 0) return { p: 1, log10p: 0 };
  if (x === Infinity) return { p: 0, log10p: null };
  const a = df / 2;
  const z = x / 2;
  const p = gamma().gammainc(z, a, true, true);
  if (p >= TINY) return { p, log10p: Math.log10(p) };
  return { p, log10p: logUpperGamma(a, z) / Math.LN10 };
}

/**
 * Natural log of the regularized upper incomplete gamma Q(a, z) for z > a + 1, from the
 * Legendre continued fraction evaluated by the modified Lentz method: the prefactor
 * z^a e^-z / Gamma(a) is kept in log space, the fraction itself is of moderate size.
 */
function logUpperGamma(a: number, z: number): number {
  const FPMIN = 1e-300;
  let b = z + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return -z + a * Math.log(z) - gamma().gammaln(a) + Math.log(h);
}
