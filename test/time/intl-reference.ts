import { mulberry32 } from '../seeded-random.js';
/** Test helpers: time zone answers straight from Intl, independent of src/time/zone.ts. */

const formats = new Map<string, Intl.DateTimeFormat>();

/** UTC offset (ms) of instant t in zone tz, from Intl.DateTimeFormat#formatToParts. */
export function intlOffset(tz: string, t: number): number {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/** A seeded generator (mulberry32): the same data on every run. */
export const random = mulberry32;

/** Epoch ms of an ISO text with an explicit zone (test fixtures only). */
export const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || !/(Z|[+-]\d\d:\d\d)$/.test(iso)) throw new Error(`bad fixture ${iso}`);
  return t;
};

/** Wall-clock ms of "YYYY-MM-DDTHH:MM[:SS]" (the time written as if it were UTC). */
export const wall = (iso: string): number => at(`${iso}Z`);
