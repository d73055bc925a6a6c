import { fail } from '../errors.js';
import { UNIT_DAYS, type TimeUnit } from './units.js';

const LETTERS: Record<string, TimeUnit> = { d: 'days', w: 'weeks', m: 'months', y: 'years' };

/**
 * Parse an inactivity window such as "90d", "12w", "3m" or "1y" in the units of
 * units.ts (a month is 365.25 / 12 days, a year 365.25 days); a bare number is days.
 * Returns days (> 0).
 */
export function parseDuration(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([dwmy]?)\s*$/i.exec(text);
  if (!m) fail('badDuration', { option, value: text });
  const days = Number(m[1]) * UNIT_DAYS[LETTERS[(m[2] || 'd').toLowerCase()]];
  if (!(days > 0)) fail('badDuration', { option, value: text });
  return days;
}
