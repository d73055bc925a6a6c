// The row-by-row survival algorithms kohort used before the columnar ones (kept as test
// oracles): the columnar code must give the very same doubles, not merely close ones.

const TOL = Math.sqrt(2 ** -52);

export interface RefRow {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

function interval(s: number, gsum: number, z: number, type: string): { lower: number | null; upper: number | null } {
  const se = Math.sqrt(gsum);
  let lower: number;
  let upper: number;
  if (type === 'log') {
    if (s === 0) return { lower: null, upper: null };
    lower = Math.exp(Math.log(s) - z * se);
    upper = Math.min(Math.exp(Math.log(s) + z * se), 1);
  } else if (type === 'log-log') {
    if (s === 0 || s === 1) return { lower: null, upper: null };
    const ll = Math.log(-Math.log(s));
    const w = (z * se) / Math.log(s);
    lower = Math.exp(-Math.exp(ll - w));
    upper = Math.exp(-Math.exp(ll + w));
  } else {
    const half = se * s * z;
    lower = Math.max(s - half, 0);
    upper = Math.min(s + half, 1);
  }
  return { lower: Number.isNaN(lower) ? null : lower, upper: Number.isNaN(upper) ? null : upper };
}

/** Kaplan-Meier rows from one group's durations: sort all and events, walk runs of equal times. */
export function refKaplanMeier(durations: number[], events: number[], confType: string, z: number): RefRow[] {
  const all = Float64Array.from(durations).sort();
  const ev = Float64Array.from(durations.filter((_, i) => events[i] !== 0)).sort();
  const n = all.length;
  const rows: RefRow[] = [];
  let s = 1;
  let gsum = 0;
  let j = 0;
  for (let i = 0; i < n; ) {
    const t = all[i];
    let k = i + 1;
    while (k < n && all[k] === t) k++;
    let d = 0;
    while (j < ev.length && ev[j] === t) {
      d++;
      j++;
    }
    const nRisk = n - i;
    if (d > 0) {
      s *= (nRisk - d) / nRisk;
      gsum += nRisk > d ? d / (nRisk * (nRisk - d)) : Infinity;
    }
    const se = s * Math.sqrt(gsum);
    rows.push({ time: t, nRisk, nEvent: d, nCensor: k - i - d, survival: s, stdErr: Number.isFinite(se) ? se : null, ...interval(s, gsum, z, confType) });
    i = k;
  }
  return rows;
}

/** O, E and V of the weighted log-rank test over the pooled sorted rows. */
export function refLogRankSums(
  durations: number[],
  events: number[],
  groups: number[],
  G: number,
  weight: (nTotal: number, kmLeft: number) => number,
): { observed: number[]; expected: number[]; variance: number[][] } {
  const rows = durations.map((t, i) => ({ t, e: events[i] !== 0, g: groups[i] })).filter((r) => r.g >= 0);
  rows.sort((a, b) => a.t - b.t);
  const atRisk = new Array<number>(G).fill(0);
  for (const r of rows) atRisk[r.g]++;
  const observed = new Array<number>(G).fill(0);
  const expected = new Array<number>(G).fill(0);
  const V = Array.from({ length: G }, () => new Array<number>(G).fill(0));
  let nTotal = rows.length;
  let kmLeft = 1;
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j].t === rows[i].t) j++;
    const dG = new Array<number>(G).fill(0);
    const exitG = new Array<number>(G).fill(0);
    let d = 0;
    for (let k = i; k < j; k++) {
      exitG[rows[k].g]++;
      if (rows[k].e) {
        dG[rows[k].g]++;
        d++;
      }
    }
    if (d > 0) {
      const w = weight(nTotal, kmLeft);
      for (let g = 0; g < G; g++) if (dG[g] !== 0) observed[g] += w * dG[g];
      const e = (w * d) / nTotal;
      for (let g = 0; g < G; g++) if (atRisk[g] > 0) expected[g] += e * atRisk[g];
      if (nTotal > 1) {
        const c = (w * w * d * (nTotal - d)) / (nTotal * (nTotal - 1));
        for (let a = 0; a < G; a++) {
          const na = atRisk[a];
          if (na === 0) continue;
          const ca = c * na;
          V[a][a] += ca;
          const can = ca / nTotal;
          for (let b = 0; b < G; b++) if (atRisk[b] > 0) V[a][b] -= can * atRisk[b];
        }
      }
      kmLeft *= (nTotal - d) / nTotal;
    }
    for (let g = 0; g < G; g++) {
      atRisk[g] -= exitG[g];
      nTotal -= exitG[g];
    }
    i = j;
  }
  return { observed, expected, variance: V };
}

/** survival:::findq as first written: drop repeated y with a Set, then scan the kept points. */
export function refFindq(times: number[], curve: (number | null)[], p: number): number | null {
  const x = [0, ...times];
  const y: (number | null)[] = [0, ...curve.map((v) => (v === null ? null : 1 - v))];
  let maxY = -Infinity;
  for (const v of y) if (v !== null && v > maxY) maxY = v;
  if (maxY < p) return null;
  const xmax = x[x.length - 1];
  const seen = new Set<number | null>();
  const kx: number[] = [];
  const ky: (number | null)[] = [];
  for (let i = 0; i < y.length; i++) {
    if (seen.has(y[i])) continue;
    seen.add(y[i]);
    kx.push(x[i]);
    ky.push(y[i]);
  }
  const first = (shift: number): number | null => {
    let min = Infinity;
    let max = -Infinity;
    let best = -1;
    for (let i = 0; i < ky.length; i++) {
      const v = ky[i];
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v + shift >= p && (best < 0 || v < (ky[best] as number))) best = i;
    }
    if (best < 0 || p < min + shift || p > max + shift) return null;
    return best;
  };
  const i1 = first(TOL);
  const i2 = first(-TOL);
  const last = ky[ky.length - 1];
  if (last !== null && Math.abs(p - last) < TOL) return i1 === null ? null : (kx[i1] + xmax) / 2;
  if (i1 === null || i2 === null) return null;
  return (kx[i1] + kx[i2]) / 2;
}
