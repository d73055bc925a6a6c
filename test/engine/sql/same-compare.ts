import type { CompareResult } from '../../../src/result/compare-result.js';
import { survivalDifferences } from './same-churn.js';

/**
 * Differences between two comparisons: groups, sizes, counts (active, eligible) and the
 * outside rows exactly; values, differences, intervals, p-values and revenue to 1e-9
 * (relative); the survival part as survivalDifferences; the summary. [] = the same.
 */
export function compareDifferences(a: CompareResult, b: CompareResult, tol = 1e-9): string[] {
  const out: string[] = [];
  const near = (x: number | null, y: number | null): boolean =>
    (x === null && y === null) ||
    (x !== null && y !== null && ((Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y))));
  for (const k of ['by', 'condition', 'reference', 'adjust', 'confLevel', 'mode', 'period', 'method', 'asOf'] as const) {
    if (a[k] !== b[k]) out.push(`${k} ${a[k]} vs ${b[k]}`);
  }
  if (JSON.stringify(a.outside) !== JSON.stringify(b.outside)) out.push(`outside ${JSON.stringify(a.outside)} vs ${JSON.stringify(b.outside)}`);
  if (a.groups.map((g) => `${g.key}:${g.n}`).join() !== b.groups.map((g) => `${g.key}:${g.n}`).join()) {
    return [...out, `groups ${a.groups.map((g) => `${g.key}:${g.n}`)} vs ${b.groups.map((g) => `${g.key}:${g.n}`)}`];
  }
  a.groups.forEach((g, h) => {
    const o = b.groups[h];
    if (g.average.length !== o.average.length) out.push(`${g.key} points ${g.average.length} vs ${o.average.length}`);
    g.average.forEach((p, i) => {
      const q = o.average[i];
      if (!q || p.offset !== q.offset || p.active !== q.active || p.eligible !== q.eligible || !near(p.value, q.value)) {
        out.push(`${g.key} point ${i}: ${JSON.stringify(p)} vs ${JSON.stringify(q)}`);
      }
    });
  });
  if (a.differences.length !== b.differences.length) out.push(`differences ${a.differences.length} vs ${b.differences.length}`);
  a.differences.forEach((d, i) => {
    const e = b.differences[i];
    const same = e && d.group === e.group && d.reference === e.reference && d.offset === e.offset;
    if (!same || !(['diff', 'lower', 'upper', 'p', 'p_adjusted'] as const).every((k) => near(d[k], e[k]))) {
      out.push(`difference ${i}: ${JSON.stringify(d)} vs ${JSON.stringify(e)}`);
    }
  });
  if ((a.revenue === null) !== (b.revenue === null)) out.push('revenue in one only');
  (a.revenue ?? []).forEach((r, i) => {
    const s = b.revenue![i];
    const keys = ['mean', 'sd', 'lower', 'upper', 'total', 'diff', 'diff_lower', 'diff_upper', 'p'] as const;
    if (!s || r.group !== s.group || r.customers !== s.customers || r.missing !== s.missing || !keys.every((k) => near(r[k], s[k]))) {
      out.push(`revenue ${i}: ${JSON.stringify(r)} vs ${JSON.stringify(s)}`);
    }
  });
  if ((a.survival === null) !== (b.survival === null)) out.push('survival in one only');
  if (a.survival && b.survival) out.push(...survivalDifferences(a.survival, b.survival).map((x) => `survival: ${x}`));
  // The summary rounds its numbers: the same words.
  if (a.summary !== b.summary) out.push(`summary ${a.summary} vs ${b.summary}`);
  return out.slice(0, 30);
}
