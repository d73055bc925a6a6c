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

/** A seeded pseudo-random generator in [0, 1) (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Epoch ms of an ISO text with an explicit zone (test fixtures only). */
export const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || !/(Z|[+-]\d\d:\d\d)$/.test(iso)) throw new Error(`bad fixture ${iso}`);
  return t;
};

/** Wall-clock ms of "YYYY-MM-DDTHH:MM[:SS]" (the time written as if it were UTC). */
export const wall = (iso: string): number => at(`${iso}Z`);
