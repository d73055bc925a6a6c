import { formulaSafe } from '../../report/formula-safe.js';

/**
 * A CSV field of a text: formula-safe (see formulaSafe) unless `guard` is false, then
 * quoted as Arquero's toCSV quotes, when it holds a quote, a line break or the delimiter.
 */
export function csvField(text: string, delimiter = ',', guard = true): string {
  const s = guard ? formulaSafe(text) : text;
  return /["\n\r]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}
