import type { CrrResult } from '../../../src/result/crr-table.js';
import type { SurvivalResult } from '../../../src/result/survival-result.js';

const near = (x: number | null, y: number | null, tol = 1e-9): boolean =>
  (x === null && y === null) || (x !== null && y !== null && ((Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= tol * Math.max(1, Math.abs(x))));

/** Differences between two survival results: groups, curves (times, at risk, events, S, intervals), medians, the test. */
export function survivalDifferences(a: SurvivalResult, b: SurvivalResult): string[] {
  const out: string[] = [];
  if (a.asOf !== b.asOf) out.push(`asOf ${a.asOf} vs ${b.asOf}`);
  if (a.groups.length !== b.groups.length) return [...out, `groups ${a.groups.length} vs ${b.groups.length}`];
  a.groups.forEach((ga, h) => {
    const gb = b.groups[h];
    const name = JSON.stringify(ga.key);
    if (name !== JSON.stringify(gb.key)) out.push(`group ${h}: ${name} vs ${JSON.stringify(gb.key)}`);
    const ca = ga.curve as unknown as Record<string, ArrayLike<number> | number>;
    const cb = gb.curve as unknown as Record<string, ArrayLike<number> | number>;
    for (const k of Object.keys(ca)) {
      if (k === 'rows') continue;
      const va = ca[k];
      const vb = cb[k];
      if (typeof va === 'number') {
        if (!near(va, vb as number)) out.push(`${name} ${k} ${va} vs ${vb}`);
      } else if (va && typeof va === 'object' && 'length' in va) {
        const xb = vb as ArrayLike<number>;
        if (va.length !== xb.length) out.push(`${name} ${k} length ${va.length} vs ${xb.length}`);
        else for (let i = 0; i < va.length && out.length < 20; ++i) if (!near(va[i], xb[i])) out.push(`${name} ${k}[${i}] ${va[i]} vs ${xb[i]}`);
      }
    }
    for (const f of ['estimate', 'lower', 'upper'] as const) if (!near(ga.median[f], gb.median[f])) out.push(`${name} median.${f}`);
    ga.at.forEach((p, i) => {
      if (!near(p.survival, gb.at[i].survival)) out.push(`${name} at ${p.time}: ${p.survival} vs ${gb.at[i].survival}`);
    });
  });
  if ((a.test === null) !== (b.test === null)) out.push('test present in one only');
  if (a.test && b.test && (!near(a.test.chi2, b.test.chi2) || !near(a.test.p, b.test.p) || a.test.df !== b.test.df)) {
    out.push(`test ${a.test.chi2} vs ${b.test.chi2}`);
  }
  return out;
}

/** Differences between two CRR results: periods, groups and every count. */
export function crrDifferences(a: CrrResult, b: CrrResult): string[] {
  const out: string[] = [];
  if (a.asOf !== b.asOf) out.push(`asOf ${a.asOf} vs ${b.asOf}`);
  if (a.labels.join() !== b.labels.join()) out.push(`periods ${a.labels.join()} vs ${b.labels.join()}`);
  if (JSON.stringify(a.groups) !== JSON.stringify(b.groups)) out.push(`groups ${JSON.stringify(a.groups)} vs ${JSON.stringify(b.groups)}`);
  for (const k of ['start', 'newCustomers', 'end', 'retained', 'lost', 'newLost'] as const) {
    const x = a.counts[k];
    const y = b.counts[k];
    if (x.length !== y.length) out.push(`${k} length`);
    else for (let i = 0; i < x.length && out.length < 20; ++i) if (x[i] !== y[i]) out.push(`${k}[${i}] ${x[i]} vs ${y[i]}`);
  }
  return out;
}
