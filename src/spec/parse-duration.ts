import { fail } from '../errors.js';

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/**
 * Parse an inactivity window such as "90d", "12w", "3m" (30-day months) or "1y"
 * (365 days); a bare number is days. Returns whole days (> 0).
 */
export function parseDuration(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([dwmy]?)\s*$/i.exec(text);
  if (!m) fail('badDuration', { option, value: text });
  const days = Number(m[1]) * UNIT_DAYS[(m[2] || 'd').toLowerCase()];
  if (!(days > 0)) fail('badDuration', { option, value: text });
  return days;
}
