import { EXCLUSION_LABELS } from '../../report/load-report.js';
import { alignToWidth, wrapWords } from './align-rows.js';
import { paint, type TerminalOptions } from './ansi.js';
import type { LifetimeReport } from '../../report/lifetime-report.js';
import type { SurvivalResult } from '../../result/survival-result.js';
import { counted, thousands } from '../../messages.js';
import { valueLabel } from '../../result/key-columns.js';


/** A number for the terminal: up to `digits` decimals, trailing zeros kept; "-" for none. */
function fixed(x: number | null, digits: number): string {
  return x === null || !Number.isFinite(x) ? '-' : x.toFixed(digits);
}

/** A time: whole numbers as they are, others with two decimals. */
function time(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'not reached';
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/**
 * formatSurvival: per group its n, events, median lifetime [interval] and S at the chosen
 * times, then the test across the groups, as aligned text for a terminal.
 */
export function formatSurvival(r: SurvivalResult, opts: TerminalOptions = {}): string {
  const keys = r.by.length ? r.by : ['group'];
  const level = Math.round(r.spec.confLevel * 1000) / 10;
  const times = r.spec.at;
  const header = [...keys, 'n', 'events', `median (${r.unit}) [${level}% CI]`, ...times.map((t) => `S(${time(t)})`)];
  const rows: string[][] = [header];
  let beyond = false;
  for (const g of r.groups) {
    const key = r.by.length ? r.by.map((b) => valueLabel(g.key[b])) : ['all'];
    const m = g.median;
    const bound = (x: number | null): string => (x === null ? '-' : time(x));
    // One form for every median: estimate [lower, upper], "-" for a bound not reached.
    const median = `${time(m.estimate)} [${bound(m.lower)}, ${bound(m.upper)}]`;
    const byTime = new Map(g.at.map((a) => [a.time, a]));
    const cell = (t: number): string => {
      const a = byTime.get(t);
      if (!a) return '-';
      if (a.beyondData) beyond = true;
      return fixed(a.survival, 4) + (a.beyondData ? '*' : '');
    };
    rows.push([...key, thousands(g.curve.n), thousands(g.curve.nEvents), median, ...times.map(cell)]);
  }
  // S(t) cells coloured on the heatmap's scale (0 to 100%).
  const first = keys.length + 3;
  const paintCell = opts.colour
    ? (i: number, j: number, padded: string): string => (j >= first && padded.trim() !== '-' ? paint(padded, Number(padded), 0, 1) : padded)
    : undefined;
  const lines = alignToWidth(rows, keys.length, opts.width, { paintCell, rule: true });
  // The lines after the table are prose, wrapped at words to the width.
  const tableEnd = lines.length;
  if (r.groups.length === 0) lines.push('(no customers left: see the report on stderr)');
  const t = r.test;
  if (t) {
    if (t.df === 0) lines.push('', `${t.name} test: not defined (fewer than two groups with events)`);
    else {
      const p = t.p === null ? '-' : t.p === 0 ? '< 1e-300' : t.p < 1e-4 ? t.p.toExponential(2) : t.p.toFixed(4);
      const lp = t.log10p === null ? '' : ` (log10 p = ${t.log10p.toFixed(2)})`;
      const eq = p.startsWith('<') ? ' ' : ' = ';
      lines.push('', `${t.name} test across ${r.by.join(' x ')}: chi2 = ${t.chi2.toFixed(2)}, df = ${t.df}, p${eq}${p}${lp}`);
    }
  }
  lines.push(`intervals: ${r.spec.ci}, ${level}%; times in ${r.unit}`);
  if (beyond) lines.push("* past the group's last observed time: S carried forward, not observed");
  return `${[...lines.slice(0, tableEnd), ...lines.slice(tableEnd).flatMap((l) => wrapWords(l, opts.width))].join('\n')}\n`;
}

/** Why customers were left out, as "left out <count> <label>" (a noun's plural third). */
const EXCLUDED: [keyof LifetimeReport['customers']['excluded'], string, string?][] = [
  ['missingId', 'without id'],
  ['duplicateId', 'duplicate id (first row kept)', 'duplicate ids (first row kept)'],
  ['filtered', 'filtered by --where'],
  ['noGroup', 'in no compared group'],
  ['missingAnchor', 'without a readable signup (or counted activity)'],
  ['anchorAfterAsOf', 'signed up after --as-of'],
  ['badChurn', 'with an unreadable churn time'],
  ['churnBeforeAnchor', 'with a churn time before their signup'],
  ['missingDuration', 'with an empty or unreadable duration'],
  ['negativeDuration', 'with a duration below 0'],
  ['missingEvent', 'with an empty event value'],
];


/** formatLifetimeReport: the report of a survival or CRR run as short lines for stderr. */
export function formatLifetimeReport(r: LifetimeReport, stayed = 'censored (still customers)'): string[] {
  const lines = r.files.map((f) => `read ${counted(f.rows, 'row')} of ${f.role} from ${f.file}`);
  if (r.activity) {
    lines.push(`used ${thousands(r.activity.rowsUsed)} of ${counted(r.activity.rowsRead, 'activity row')}`);
    const ex = r.activity.excluded;
    for (const [key, label] of EXCLUSION_LABELS) {
      const count = ex[key];
      if (typeof count === 'number' && count) lines.push(`  left out ${thousands(count)}: ${label}`);
    }
  }
  const c = r.customers;
  lines.push(`${thousands(c.used)} of ${counted(c.read, 'customer')} used: ${thousands(c.churned)} churned, ${thousands(c.censored)} ${stayed}`);
  for (const [key, label, many] of EXCLUDED) {
    const k = c.excluded[key];
    if (k) lines.push(`  left out ${counted(k, label, many ?? label)}`);
  }
  if (c.churnAfterAsOf) lines.push(`  ${counted(c.churnAfterAsOf, 'churn time')} after --as-of counted as still customers`);
  const single = r.singleCustomerGroups;
  if (single.length) {
    const shown = single.slice(0, 5).join('; ') + (single.length > 5 ? '; ...' : '');
    lines.push(`warning: ${counted(single.length, 'group has', 'groups have')} a single customer (no interval): ${shown}`);
  }
  return lines;
}
