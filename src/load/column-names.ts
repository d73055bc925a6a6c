/** Make header names unique and non-blank: a blank name becomes "col_<position>". */
export function uniqueNames(raw: readonly string[]): string[] {
  const taken = new Set<string>();
  const names: string[] = [];
  raw.forEach((r, i) => {
    const base = r.trim() || `col_${i + 1}`;
    let name = base;
    for (let k = 2; taken.has(name); ++k) name = `${base}_${k}`;
    taken.add(name);
    names.push(name);
  });
  return names;
}
