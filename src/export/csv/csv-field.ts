import { formulaSafe } from '../../report/formula-safe.js';

/**
 * A CSV field of a text: formula-safe (see formulaSafe), then quoted as Arquero's toCSV
 * quotes, when it holds a quote, a line break or the delimiter.
 */
export function csvField(text: string, delimiter = ','): string {
  const s = formulaSafe(text);
  return /["\n\r]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}
