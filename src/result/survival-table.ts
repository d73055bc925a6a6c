import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { atPoint } from './survival-json.js';
import { finiteOrNull, type SurvivalResult } from './survival-result.js';

// A group column named like a fixed column gets a suffix instead of clobbering it.
/** The fixed columns of the curve table, in order. */
export const CURVE_COLUMNS = new Set(['time', 'n_risk', 'events', 'censored', 'survival', 'std_err', 'lower', 'upper']);
const AT_COLUMNS = new Set(['n', 'cumulative_events', 'beyond_data']);
/** The column of a --by group: its name, or name_group when a fixed column has that name. */
export function groupColumnName(name: string): string {
  return CURVE_COLUMNS.has(name) || AT_COLUMNS.has(name) ? `${name}_group` : name;
}

/**
 * survivalCurveTable: every curve row (each distinct time, with events or censored) of every
 * group, group after group: the group columns, time, n_risk, events, censored, survival,
 * std_err, lower, upper (null where undefined).
 */
export function survivalCurveTable(r: SurvivalResult): ColumnTable {
  let total = 0;
  for (const g of r.groups) total += g.curve.time.length;
  const time = new Float64Array(total);
  const nRisk = new Int32Array(total);
  const events = new Int32Array(total);
  const censored = new Int32Array(total);
  const survival = new Float64Array(total);
  const stdErr: (number | null)[] = new Array(total);
  const lower: (number | null)[] = new Array(total);
  const upper: (number | null)[] = new Array(total);
  const keys: (string | null)[][] = r.by.map(() => new Array(total));
  let at = 0;
  for (const g of r.groups) {
    const c = g.curve;
    const len = c.time.length;
    time.set(c.time, at);
    nRisk.set(c.nRisk, at);
    events.set(c.nEvent, at);
    censored.set(c.nCensor, at);
    survival.set(c.survival, at);
    for (let i = 0; i < len; ++i) {
      stdErr[at + i] = finiteOrNull(c.stdErr[i]);
      lower[at + i] = finiteOrNull(c.lower[i]);
      upper[at + i] = finiteOrNull(c.upper[i]);
    }
    r.by.forEach((b, j) => keys[j].fill(g.key[b] ?? null, at, at + len));
    at += len;
  }
  const cols: Record<string, ArrayLike<unknown>> = {};
  r.by.forEach((b, j) => (cols[groupColumnName(b)] = keys[j]));
  Object.assign(cols, {
    time,
    n_risk: nRisk,
    events,
    censored,
    survival,
    std_err: stdErr,
    lower,
    upper,
  });
  return aq.table(cols);
}

/**
 * survivalAtTable: S at the chosen times, one row per group and time: the group columns,
 * n (of the group), time, n_risk, events (since the previous chosen time), survival,
 * std_err, lower, upper.
 */
export function survivalAtTable(r: SurvivalResult): ColumnTable {
  const rows: Record<string, unknown>[] = [];
  for (const g of r.groups) {
    for (const a of g.at) {
      const row: Record<string, unknown> = {};
      for (const b of r.by) row[groupColumnName(b)] = g.key[b] ?? null;
      Object.assign(row, { n: g.curve.n }, atPoint(a));
      rows.push(row);
    }
  }
  return aq.from(rows);
}
