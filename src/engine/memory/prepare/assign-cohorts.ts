import type { Granularity, WeekStart } from '../../../spec/types.js';
import { NO_DAY } from '../../../time/local-days.js';
import { periodLabel, periodsOfInstants } from '../../../time/periods.js';
import type { Zone } from '../../../time/zone.js';
import { compareLabels } from '../../../result/label-order.js';

/** Per-customer keys of one cohort attribute (-1 = none) and the value behind each key. */
export interface AttributeKeys {
  name: string;
  keys: Int32Array;
  value(key: number): unknown;
}

/** The cohorts of a run, in output order (time, then attribute values). */
export interface Cohorts {
  count: number;
  /** Cohort of each customer; -1 = in no cohort (no anchor). */
  of: Int32Array;
  /** Customers in each cohort (N_c). */
  size: Int32Array;
  /** Period index of each cohort's time part (at the cohort granularity), when there is one. */
  period?: Int32Array;
  /** Label of each cohort's time part ("2024-01", "2024-Q1", ...). */
  label?: string[];
  /** Per attribute, the value of each cohort. */
  attributes: { name: string; values: (string | null)[] }[];
}

/**
 * assignCohorts: put each anchored customer in its cohort, the anchor's period (in the
 * run's zone) crossed with the attribute values. Customers without an anchor (NaN) are
 * in none.
 */
export function assignCohorts(
  anchor: Float64Array,
  time: Granularity | undefined,
  weekStart: WeekStart,
  zone: Zone,
  attributes: AttributeKeys[],
): Cohorts {
  const n = anchor.length;
  let tp: Int32Array | undefined;
  let tMin = 0;
  let tRange = 1;
  if (time) {
    tp = periodsOfInstants(anchor, zone, time, weekStart);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; ++i) {
      if (tp[i] === NO_DAY) continue;
      if (tp[i] < lo) lo = tp[i];
      if (tp[i] > hi) hi = tp[i];
    }
    if (lo <= hi) {
      tMin = lo;
      tRange = hi - lo + 1;
    }
  }
  // Mixed-radix composite key per customer: time part, then one digit per attribute
  // (the attribute's key + 1, so "none" is a digit too).
  const radix = [tRange, ...attributes.map((a) => maxKey(a.keys) + 2)];
  const space = radix.reduce((a, b) => a * b, 1);
  // Keys fit 32 bits when their space is small enough for a lookup table (the usual case).
  const composite = space <= TABLE_LIMIT ? new Int32Array(n) : new Float64Array(n);
  compositeKeys(anchor, tp, tMin, attributes.map((a) => a.keys), radix, composite);
  const distinct = distinctKeys(composite, space);
  const decoded = distinct.map((key) => decode(key, radix));
  const attrValue = (j: number, digit: number): string | null => {
    if (digit === 0) return null;
    const v = attributes[j].value(digit - 1);
    return v === null || v === undefined ? null : String(v);
  };
  const order = distinct.map((_, i) => i).sort((a, b) => {
    const da = decoded[a];
    const db = decoded[b];
    if (da[0] !== db[0]) return da[0] - db[0];
    for (let j = 0; j < attributes.length; ++j) {
      const va = attrValue(j, da[j + 1]);
      const vb = attrValue(j, db[j + 1]);
      if (va === vb) continue;
      if (va === null) return 1;
      if (vb === null) return -1;
      return compareLabels(va, vb);
    }
    return 0;
  });
  const count = order.length;
  const of = new Int32Array(n).fill(-1);
  const size = new Int32Array(count);
  if (space <= TABLE_LIMIT) {
    // Small key space (the usual case): a lookup table instead of a Map per customer.
    const idOf = new Int32Array(space);
    order.forEach((i, id) => (idOf[distinct[i]] = id));
    for (let i = 0; i < n; ++i) {
      if (composite[i] < 0) continue;
      const id = idOf[composite[i]];
      of[i] = id;
      ++size[id];
    }
  } else {
    const idOf = new Map<number, number>();
    order.forEach((i, id) => idOf.set(distinct[i], id));
    for (let i = 0; i < n; ++i) {
      if (composite[i] < 0) continue;
      const id = idOf.get(composite[i])!;
      of[i] = id;
      ++size[id];
    }
  }
  const result: Cohorts = {
    count,
    of,
    size,
    attributes: attributes.map((a, j) => ({ name: a.name, values: order.map((i) => attrValue(j, decoded[i][j + 1])) })),
  };
  if (time) {
    result.period = Int32Array.from(order, (i) => decoded[i][0] + tMin);
    result.label = Array.from(result.period, (p) => periodLabel(p, time, weekStart));
  }
  return result;
}

const TABLE_LIMIT = 1 << 22;

/**
 * Each customer's mixed-radix key (time part, then attribute key + 1 per attribute), -1
 * for a customer without an anchor. One attribute, the common case, has its own loop.
 */
function compositeKeys(
  anchor: Float64Array,
  tp: Int32Array | undefined,
  tMin: number,
  keys: Int32Array[],
  radix: number[],
  out: Int32Array | Float64Array,
): void {
  const n = anchor.length;
  if (keys.length === 1) {
    const k0 = keys[0];
    const r1 = radix[1];
    for (let i = 0; i < n; ++i) out[i] = anchor[i] !== anchor[i] ? -1 : (tp ? tp[i] - tMin : 0) * r1 + k0[i] + 1;
    return;
  }
  for (let i = 0; i < n; ++i) {
    if (anchor[i] !== anchor[i]) {
      out[i] = -1;
      continue;
    }
    let key = tp ? tp[i] - tMin : 0;
    for (let j = 0; j < keys.length; ++j) key = key * radix[j + 1] + keys[j][i] + 1;
    out[i] = key;
  }
}

/** The distinct non-negative keys, via a seen-table when the key space is small. */
function distinctKeys(composite: Int32Array | Float64Array, space: number): number[] {
  if (space > TABLE_LIMIT) return [...new Set(composite)].filter((k) => k >= 0);
  const seen = new Uint8Array(space);
  const out: number[] = [];
  for (let i = 0; i < composite.length; ++i) {
    const k = composite[i];
    if (k >= 0 && !seen[k]) {
      seen[k] = 1;
      out.push(k);
    }
  }
  return out;
}

function maxKey(keys: Int32Array): number {
  let m = -1;
  for (let i = 0; i < keys.length; ++i) if (keys[i] > m) m = keys[i];
  return m;
}

function decode(key: number, radix: number[]): number[] {
  const digits = new Array<number>(radix.length);
  for (let j = radix.length - 1; j > 0; --j) {
    digits[j] = key % radix[j];
    key = Math.floor(key / radix[j]);
  }
  digits[0] = key;
  return digits;
}

