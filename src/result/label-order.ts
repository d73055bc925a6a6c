/**
 * compareLabels: the order of cohort, group and segment labels in every result, on every
 * engine: labels that are numbers (Number() of a non-blank text) first, by value; then
 * the other texts by UTF-16 code units (no collation: "B" before "a", "Z" before "é").
 * Numbers of one value ("1" and "1.0", "007" and "7") go by code units too, so the order
 * is total: it never depends on the order the labels arrived in (a database's GROUP BY
 * or a file's), and "2", "10" and "1a" have one order whatever was read first.
 */
export function compareLabels(a: string, b: string): number {
  const na = labelNumber(a);
  const nb = labelNumber(b);
  if (na !== undefined && nb !== undefined && na !== nb) return na < nb ? -1 : 1;
  if ((na === undefined) !== (nb === undefined)) return na === undefined ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The number a label reads as, undefined for a blank or a text that is none. */
function labelNumber(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isNaN(n) ? undefined : n;
}
