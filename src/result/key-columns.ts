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
  return names.map((n, i) => `${n} = ${valueLabel(values[i])}`).join(', ');
}

/**
 * groupKey: a group's identity from its values (null for missing), one per column in the
 * --by order; unlike its shown label, a missing value and the text "(none)" differ.
 */
export function groupKey(values: readonly (string | null | undefined)[]): string {
  return JSON.stringify(values.map((v) => v ?? null));
}

/** How a missing value of a key or attribute column is shown. */
export const NO_VALUE = '(none)';

/** "(none)" inside as many pairs of quotes as around it (none too): the texts a label could mistake for another. */
const NO_VALUE_QUOTED = /^("*)\(none\)("*)$/;

/**
 * valueLabel: a key or attribute value as shown: "(none)" for a missing value, and the
 * text "(none)" quoted, so customers without a value and those whose value is that text
 * read as the two groups they are. A text that already is "(none)" in quotes gets one
 * pair more ('"(none)"' shows '""(none)""'), so no two values share a label.
 */
export function valueLabel(v: string | null | undefined): string {
  if (v === null || v === undefined) return NO_VALUE;
  const m = NO_VALUE_QUOTED.exec(v);
  return m && m[1].length === m[2].length ? `"${v}"` : v;
}
