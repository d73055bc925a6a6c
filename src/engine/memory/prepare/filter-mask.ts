import { fail } from '../../../errors.js';
import type { ColumnKind } from '../../../load/dataset.js';
import { plainNumber } from '../../../spec/parse-where.js';
import type { Filter } from '../../../spec/types.js';
import { parseTimeString } from '../../../time/parse-time.js';
import { timeZone, type Zone } from '../../../time/zone.js';
import { columnKeys, numericColumn, type AnyColumn } from './column-keys.js';

/** Where a filter's column came from, for messages. */
export interface FilterSource {
  file: string;
  column(name: string): AnyColumn;
  kind(name: string): ColumnKind;
  rows: number;
  /** The instants of a column the run reads as times (its time, signup), where it has them. */
  times?(name: string): Float64Array | undefined;
}

/**
 * filterMask: evaluate ANDed filters over a table, column by column, into a mask
 * (1 = row kept). Missing values fail every comparison, as in SQL. Dictionary columns
 * are compared once per distinct value. `field`: the spec field the filters come from,
 * named in errors ("where", or "by" for a comparison's condition).
 */
export function filterMask(filters: readonly Filter[], src: FilterSource, zone: Zone = timeZone('UTC'), field = 'where'): Uint8Array {
  return maskOf(filters, src, zone, field).mask;
}

/**
 * filterMask, and whether the mask is known to keep every row without a pass over it: every
 * filter a dictionary column's whose every key passes (as compare's group filter when every
 * customer is in a compared group).
 */
function maskOf(filters: readonly Filter[], src: FilterSource, zone: Zone = timeZone('UTC'), field = 'where'): { mask: Uint8Array; all: boolean } {
  const mask = new Uint8Array(src.rows).fill(1);
  let all = true;
  for (const f of filters) {
    const kind = src.kind(f.column);
    // A column of numbers or texts the run reads as times (epoch, YYYYMMDD, Excel serials,
    // month names...): a date compares as a time; a plain number with the column's own values.
    const times = kind !== 'timestamp' && kind !== 'wallclock' && f.op !== '^=' && f.op !== '!^=' && !plainNumber(f.value) ? src.times?.(f.column) : undefined;
    if (times) {
      const target = parseTimeString(f.value, zone);
      if (Number.isNaN(target)) fail('filterNotNumber', { value: f.value, kind: 'timestamp', field }, { file: src.file, column: f.column });
      const pass = numberTest(f.op, target);
      for (let i = 0; i < times.length; ++i) if (mask[i] && !pass(times[i])) mask[i] = 0;
      all = false;
      continue;
    }
    const col = src.column(f.column);
    if (kind === 'number' || kind === 'timestamp' || kind === 'wallclock') {
      applyNumeric(mask, numericColumn(col), f, kind, src.file, zone, field);
      all = false;
    } else if (!applyKeyed(mask, col, f)) all = false;
  }
  return { mask, all };
}

function applyNumeric(mask: Uint8Array, values: Float64Array, f: Filter, kind: ColumnKind, file: string, zone: Zone, field: string): void {
  // Times compare as the column holds them: instants in the run's zone, wall-clock
  // readings as wall-clock (stored as if UTC). Never the machine's own zone.
  const target =
    kind === 'number' ? Number(f.value) : parseTimeString(f.value, kind === 'wallclock' ? timeZone('UTC') : zone);
  if (f.op === '^=' || f.op === '!^=') {
    // Prefix tests on numbers compare their text, as a user reading the file would.
    const test = compare(f.op, f.value);
    for (let i = 0; i < values.length; ++i) {
      if (mask[i] && (Number.isNaN(values[i]) || !test(String(values[i])))) mask[i] = 0;
    }
    return;
  }
  if (Number.isNaN(target)) fail('filterNotNumber', { value: f.value, kind, field }, { file, column: f.column });
  const pass = numberTest(f.op, target);
  for (let i = 0; i < values.length; ++i) {
    if (mask[i] && !pass(values[i])) mask[i] = 0;
  }
}

/** A filter on a dictionary column, tested once per key; true when every key passes (no row is removed, no pass over them). */
function applyKeyed(mask: Uint8Array, col: AnyColumn, f: Filter): boolean {
  const { keys, size, value } = columnKeys(col);
  const test = compare(f.op, f.value);
  const keep = new Uint8Array(size);
  let passing = 0;
  for (let k = 0; k < size; ++k) {
    const v = value(k);
    keep[k] = v === null || v === undefined ? 0 : test(String(v)) ? 1 : 0;
    passing += keep[k];
  }
  if (passing === size) return true;
  for (let i = 0; i < keys.length; ++i) if (mask[i] && !keep[keys[i]]) mask[i] = 0;
  return false;
}

function numberTest(op: Filter['op'], t: number): (v: number) => boolean {
  switch (op) {
    case '=': return (v) => v === t;
    case '!=': return (v) => v === v && v !== t;
    case '<': return (v) => v < t;
    case '<=': return (v) => v <= t;
    case '>': return (v) => v > t;
    case '>=': return (v) => v >= t;
    default: return () => false;
  }
}

/** String comparison; ordering operators compare numerically when both sides are numbers. */
function compare(op: Filter['op'], target: string): (v: string) => boolean {
  const tn = Number(target);
  const numeric = target.trim() !== '' && !Number.isNaN(tn);
  const order = (v: string): number => {
    const vn = Number(v);
    if (numeric && v.trim() !== '' && !Number.isNaN(vn)) return vn - tn;
    return v < target ? -1 : v > target ? 1 : 0;
  };
  switch (op) {
    case '=': return (v) => v === target;
    case '!=': return (v) => v !== target;
    case '^=': return (v) => v.startsWith(target);
    case '!^=': return (v) => !v.startsWith(target);
    case '<': return (v) => order(v) < 0;
    case '<=': return (v) => order(v) <= 0;
    case '>': return (v) => order(v) > 0;
    case '>=': return (v) => order(v) >= 0;
  }
}

/** The mask of ANDed filters (keep) and of those without compare's group filter (where). */
export interface SplitMask {
  keep: Uint8Array;
  /** The same array as keep when no filter is a group filter; undefined (every row) when all are. */
  where: Uint8Array | undefined;
  /** True when keep is known to hold every row (no filter removes one), found without a pass over it. */
  keepsAll: boolean;
}

/**
 * splitFilterMask: filterMask of `filters`, and apart the mask of the filters that are not
 * compare's group filter (`group` set), so a row the group filter alone removes is counted
 * as in no compared group, not as filtered by --where.
 */
export function splitFilterMask(filters: readonly (Filter & { group?: true })[], src: FilterSource, zone?: Zone): SplitMask {
  const others = filters.filter((f) => !f.group);
  if (others.length === 0) {
    const { mask, all } = maskOf(filters, src, zone);
    return { keep: mask, where: undefined, keepsAll: all };
  }
  const { mask: where, all: whereAll } = maskOf(others, src, zone);
  if (others.length === filters.length) return { keep: where, where, keepsAll: whereAll };
  const { mask: keep, all } = maskOf(filters.filter((f) => f.group), src, zone);
  for (let i = 0; i < keep.length; ++i) keep[i] &= where[i];
  return { keep, where, keepsAll: all && whereAll };
}
