/**
 * keyColumnNames: output names for key columns (segments, reasons) named after their input
 * columns; a name that clashes with a fixed measure column, or repeats, gets `suffix`.
 */
export function keyColumnNames(names: readonly string[], fixed: readonly string[], suffix: string): string[] {
  const taken = new Set(fixed);
  return names.map((name) => {
    let out = name;
    while (taken.has(out)) out = `${out}${suffix}`;
    taken.add(out);
    return out;
  });
}

/** The label of a segment: "Contract = One Year, Offer = None", or "all" without --by. */
export function segmentLabel(names: readonly string[], values: readonly (string | null)[]): string {
  if (names.length === 0) return 'all';
  return names.map((n, i) => `${n} = ${values[i] ?? '(none)'}`).join(', ');
}
