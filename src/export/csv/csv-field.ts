/** A CSV field as Arquero's toCSV writes it: quoted when it holds a quote, a line break or the delimiter. */
export function csvField(s: string, delimiter = ','): string {
  return /["\n\r]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}
