/** Colours a padded cell (row i, column j of the whole table; the header is row 0). */
export type PaintCell = (i: number, j: number, padded: string) => string;

/**
 * Right-aligned columns after `keys` left-aligned ones, separated by two spaces;
 * `paintCell` may colour a padded cell (row i, column j; the header is row 0).
 */
export function alignRows(rows: string[][], keys: number, paintCell?: PaintCell): string[] {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map((r, i) =>
    r
      .map((cell = '', j) => {
        const padded = j < keys ? cell.padEnd(widths[j]) : cell.padStart(widths[j]);
        return paintCell && i > 0 ? paintCell(i, j, padded) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
}

/**
 * alignToWidth: the rows aligned as alignRows does, with a rule of dashes under the header
 * (`rule`), in as many blocks as it takes to fit `width` columns: each block repeats the
 * `keys` columns and takes as many of the others as fit (at least one), the next block
 * follows after a blank line. Nothing is dropped, so no note is needed; without a width
 * (a file, a pipe) the table is one block.
 */
export function alignToWidth(rows: string[][], keys: number, width: number | undefined, o: { paintCell?: PaintCell; rule?: boolean } = {}): string[] {
  const n = rows[0].length;
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  const span = (cols: number[]): number => cols.reduce((a, j) => a + widths[j], 0) + 2 * (cols.length - 1);
  const key = Array.from({ length: Math.min(keys, n) }, (_, j) => j);
  const blocks: number[][] = [];
  for (let j = key.length; j < n || blocks.length === 0; ) {
    const cols = [...key];
    while (j < n && (cols.length === key.length || width === undefined || span([...cols, j]) <= width)) cols.push(j++);
    blocks.push(cols);
  }
  const out: string[] = [];
  for (const cols of blocks) {
    const paint = o.paintCell && ((i: number, j: number, padded: string) => o.paintCell!(i, cols[j], padded));
    const lines = alignRows(rows.map((r) => cols.map((j) => r[j] ?? '')), keys, paint);
    if (o.rule) lines.splice(1, 0, '-'.repeat(lines[0].length));
    if (out.length) out.push('');
    out.push(...lines);
  }
  return out;
}

/** A note as lines of at most `room` characters, broken at spaces (a longer word alone on its line). */
export function wrapWords(text: string, room = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
