import { fail } from '../errors.js';
import { DAY_MS, daysFromCivil, MAX_INSTANT } from './civil.js';

/**
 * An IANA time zone reduced to what the engine needs: UTC offsets of instants and
 * the instant of a wall-clock time. All times are epoch milliseconds; "wall ms" is a
 * wall-clock time written as if it were UTC (so floor(wall / 86400000) is the local day).
 */
export interface Zone {
  /** The zone's canonical IANA name ("UTC" for every spelling of UTC). */
  readonly name: string;
  /** True for UTC, whose offset is always 0 (callers may skip the offset entirely). */
  readonly isUtc: boolean;
  /** Milliseconds to add to the instant `utcMs` to get its wall-clock time (NaN for NaN). */
  offsetAt(utcMs: number): number;
  /**
   * The instant of the wall-clock time `wallMs`. A time skipped by a forward
   * transition (DST gap) is shifted forward by the gap's length; a time that occurs
   * twice (overlap) resolves to the earlier instant (Temporal's "compatible").
   */
  toUtc(wallMs: number): number;
}

const UTC_ZONE: Zone = {
  name: 'UTC',
  isUtc: true,
  offsetAt: (utcMs) => (utcMs === utcMs ? 0 : NaN),
  toUtc: (wallMs) => wallMs,
};

const zones = new Map<string, Zone>();

/**
 * The zone named `tz` (an IANA name such as "Europe/Berlin"; "UTC", "Etc/UTC" and "Z"
 * are UTC). Zones are cached by canonical name, so their transition tables are shared.
 * @throws KohortError `badTimeZone` when the name is unknown
 */
export function timeZone(tz: string): Zone {
  const given = tz.trim();
  const upper = given.toUpperCase();
  if (upper === 'UTC' || upper === 'Z' || upper === 'ETC/UTC') return UTC_ZONE;
  let name: string;
  try {
    if (given === '') throw new RangeError('empty');
    name = new Intl.DateTimeFormat('en-US', { timeZone: given }).resolvedOptions().timeZone;
  } catch {
    return fail('badTimeZone', { tz });
  }
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'Etc/GMT' || name === 'GMT') return UTC_ZONE;
  let zone = zones.get(name);
  if (!zone) {
    zone = tableZone(name);
    zones.set(name, zone);
  }
  return zone;
}

/** The transition table covers at most this window; outside it Intl is asked directly. */
const WINDOW_LO = daysFromCivil(1800, 1, 1) * DAY_MS;
const WINDOW_HI = daysFromCivil(2200, 1, 1) * DAY_MS;
/** Extra range scanned around a query that falls outside the table. */
const SLACK_MS = 366 * DAY_MS;

/**
 * A zone whose offsets come from Intl, cached as a table of transitions that grows
 * (in whole days, at least a year at a time) to cover the instants queried.
 */
function tableZone(name: string): Zone {
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    timeZoneName: 'longOffset',
    numberingSystem: 'latn',
  });
  const intlOffset = (t: number): number => parseLongOffset(dtf.format(t));

  // Segments: the offset is offs[i] from starts[i] up to starts[i + 1]. The covered
  // range [lo, hi] is closed, with day-aligned ends that were both sampled.
  let starts: number[] = [];
  let offs: number[] = [];
  let lo = NaN;
  let hi = NaN;
  // Lookup form of the table: st has a +Infinity sentinel; dayIdx[d] is the segment
  // containing lo + d days, so a lookup is one index plus (almost always) one compare.
  let st = new Float64Array(0);
  let of = new Float64Array(0);
  let dayIdx = new Int32Array(0);

  /** Offsets sampled daily over [a, b] (day-aligned); changes bisected to the second. */
  function scan(a: number, b: number): { starts: number[]; offs: number[] } {
    let prevT = a;
    let prevO = intlOffset(a);
    const s = [a];
    const o = [prevO];
    for (let x = a + DAY_MS; x <= b; x += DAY_MS) {
      const ox = intlOffset(x);
      // Assumes no two changes within one day that cancel out (they would be missed).
      let p = prevT;
      let po = prevO;
      while (po !== ox) {
        let l = p;
        let h = x;
        while (h - l > 1000) {
          const m = l + Math.floor((h - l) / 2000) * 1000;
          if (intlOffset(m) === po) l = m;
          else h = m;
        }
        po = intlOffset(h);
        p = h;
        s.push(h);
        o.push(po);
      }
      prevT = x;
      prevO = ox;
    }
    return { starts: s, offs: o };
  }

  function rebuild(): void {
    const n = starts.length;
    st = new Float64Array(n + 1);
    st.set(starts);
    st[n] = Infinity;
    of = Float64Array.from(offs);
    const days = Math.round((hi - lo) / DAY_MS) + 1;
    dayIdx = new Int32Array(days);
    let seg = 0;
    for (let d = 0; d < days; ++d) {
      const t = lo + d * DAY_MS;
      while (t >= st[seg + 1]) ++seg;
      dayIdx[d] = seg;
    }
  }

  /** Grow the table to cover t (which lies inside the window). */
  function extend(t: number): void {
    const day = Math.floor(t / DAY_MS) * DAY_MS;
    if (lo !== lo) {
      lo = Math.max(WINDOW_LO, day - SLACK_MS);
      hi = Math.min(WINDOW_HI, day + SLACK_MS);
      ({ starts, offs } = scan(lo, hi));
    } else if (t < lo) {
      const next = Math.max(WINDOW_LO, day - SLACK_MS);
      const add = scan(next, lo);
      starts = add.starts.concat(starts.slice(1));
      offs = add.offs.concat(offs.slice(1));
      lo = next;
    } else {
      const next = Math.min(WINDOW_HI, day + SLACK_MS);
      const add = scan(hi, next);
      starts = starts.concat(add.starts.slice(1));
      offs = offs.concat(add.offs.slice(1));
      hi = next;
    }
    rebuild();
  }

  // Outside the window (rare, usually bad data) Intl is asked per value, memoised
  // for the last second asked.
  let memoSecond = NaN;
  let memoOffset = NaN;
  function outside(t: number): number {
    if (!(Math.abs(t) <= MAX_INSTANT)) return NaN;
    const sec = Math.floor(t / 1000) * 1000;
    if (sec !== memoSecond) {
      memoOffset = intlOffset(sec);
      memoSecond = sec;
    }
    return memoOffset;
  }

  function slowOffset(t: number): number {
    if (t !== t) return NaN;
    if (t < WINDOW_LO || t >= WINDOW_HI) return outside(t);
    extend(t);
    return offsetAt(t);
  }

  function offsetAt(t: number): number {
    if (t >= lo && t <= hi) {
      let seg = dayIdx[Math.floor((t - lo) / DAY_MS)];
      while (t >= st[seg + 1]) ++seg;
      return of[seg];
    }
    return slowOffset(t);
  }

  function toUtc(wall: number): number {
    if (wall !== wall) return NaN;
    // Offsets are under a day in size, so the candidate instants wall - offset lie
    // within a day of wall and the offsets a day either side bracket every candidate.
    const before = offsetAt(wall - DAY_MS);
    const after = offsetAt(wall + DAY_MS);
    if (before === after) return wall - before;
    const t1 = wall - before;
    const t2 = wall - after;
    const ok1 = offsetAt(t1) === before;
    const ok2 = offsetAt(t2) === after;
    if (ok1 && ok2) return Math.min(t1, t2);
    if (ok1) return t1;
    if (ok2) return t2;
    // A gap: reading the wall time with the earlier offset lands past the transition,
    // i.e. the wall time moved forward by the gap's length.
    return t1;
  }

  return { name, isUtc: false, offsetAt, toUtc };
}

/** Offset in ms from Intl's "longOffset" text: "..., GMT", "..., GMT+05:30", "..., GMT-00:44:30". */
function parseLongOffset(text: string): number {
  const i = text.lastIndexOf('GMT');
  if (i < 0) throw new Error(`unexpected time zone offset text ${JSON.stringify(text)}`);
  const p = i + 3;
  if (p >= text.length) return 0;
  const sign = text.charCodeAt(p) === 45 /* - */ || text.charCodeAt(p) === 0x2212 ? -1 : 1;
  const two = (at: number): number => (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
  let ms = two(p + 1) * 3_600_000 + two(p + 4) * 60_000;
  if (text.length >= p + 9) ms += two(p + 7) * 1000;
  return sign * ms;
}
