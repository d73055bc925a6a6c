import type { ParsedTimes } from '../../../load/times/parse-time-column.js';
import type { Rejects } from '../../../report/rejects.js';
import { rowReader, type AnyColumn } from './column-keys.js';
import type { Events } from './prepare-events.js';

/** Each customer's anchor at its first counted event (anchor[c] stays NaN without one). */
export function firstActivityAnchors(events: Events, anchor: Float64Array): void {
  const { customer, time } = events;
  for (let i = 0; i < events.n; ++i) {
    const c = customer[i];
    if (!(time[i] >= anchor[c])) anchor[c] = time[i];
  }
}

/** Each customer's signup anchor, with the customers counted as left out, and what they were made from. */
export interface SignupAnchors {
  /** Signup instant per customer; NaN = no signup, a signup at or after as-of, or filtered out. */
  anchor: Float64Array;
  missingSignup: number;
  afterAsOf: number;
  signup: Float64Array;
  asOf: number;
  customersRow: Int32Array;
  removed: Uint8Array | undefined;
  /** The earliest anchor (Infinity when there is none), found in the same pass. */
  earliest: number;
}

/** The signups (by customers-table row) of the `count` customers not removed, before as-of. */
export function signupAnchors(signup: Float64Array, customersRow: Int32Array, count: number, removed: Uint8Array | undefined, asOf: number): SignupAnchors {
  const anchor = new Float64Array(count).fill(NaN);
  let missingSignup = 0;
  let afterAsOf = 0;
  let earliest = Infinity;
  for (let c = 0; c < count; ++c) {
    if (removed?.[c]) continue;
    const t = signup[customersRow[c]];
    if (t !== t) ++missingSignup;
    else if (t >= asOf) ++afterAsOf;
    else {
      anchor[c] = t;
      if (t < earliest) earliest = t;
    }
  }
  return { anchor, missingSignup, afterAsOf, signup, asOf, customersRow, removed, earliest };
}

/** PreparedRun.firstEvent of a run that did not ask for it. */
export const NO_FIRST_EVENTS = new Int32Array(0);

/** Index (into events) of each of `count` customers' first counted event, -1 = none. */
export function firstEvents(events: Events | undefined, count: number): Int32Array {
  const firstEvent = new Int32Array(count).fill(-1);
  if (!events) return firstEvent;
  const { customer, time } = events;
  const firstTime = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < events.n; ++i) {
    const c = customer[i];
    if (time[i] < firstTime[c]) {
      firstTime[c] = time[i];
      firstEvent[c] = i;
    }
  }
  return firstEvent;
}

/** Each row of a time column whose value is present but unreadable, as a reject. */
export function timeRejects(rejects: Rejects, file: string, column: string, times: ParsedTimes, raw: AnyColumn): void {
  if (times.bad === 0) return;
  const bad = unreadableRows(times, raw);
  const read = rowReader(raw);
  for (let row = 0; row < bad.length; ++row) {
    if (bad[row]) rejects.add({ file, row: row + 1, column, value: String(read(row)), reason: 'is not a date or time' });
  }
}

/** Rows whose time is NaN although a value is present: unreadable, not missing. */
export function unreadableRows(times: ParsedTimes, raw: AnyColumn): Uint8Array {
  const { ms } = times;
  const out = new Uint8Array(ms.length);
  if (times.bad === 0) return out;
  const read = rowReader(raw);
  for (let row = 0; row < ms.length; ++row) {
    if (ms[row] === ms[row]) continue;
    const v = read(row);
    if (!(v === null || v === undefined || (typeof v === 'number' && v !== v) || String(v).trim() === '')) out[row] = 1;
  }
  return out;
}
