/**
 * README's "How the code is laid out" names every folder of src/ and every path it
 * quotes exists, so the map a newcomer reads first cannot drift from the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## How the code is laid out'), readme.indexOf('\n## ', readme.indexOf('## How the code is laid out') + 3));
/** The table's rows: the folder column and the text. */
const rows = [...section.matchAll(/^\| `src\/([^`]*)`(?:, `src\/([^`]*)`)? \| (.*) \|$/gm)].map((m) => ({ folders: [m[1], m[2]].filter(Boolean), text: m[3] }));

/** Every file and folder below `dir`, as whole paths. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? [p, ...walk(p)] : [p];
  });
}

describe('README "How the code is laid out"', () => {
  it('has a row for every folder of src/', () => {
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${d.name}/`);
    const named = rows.flatMap((r) => r.folders);
    for (const f of folders) expect(named, `src/${f}`).toContain(f);
  });

  it('names only files and folders that exist under its folders', () => {
    for (const row of rows) {
      // Below the row's folders, or a folder of src/ itself (`load/`).
      const top = readdirSync(path.join(ROOT, 'src')).map((n) => path.join(ROOT, 'src', n));
      const under = [...top, ...(row.folders[0] === 'index.ts' ? [] : row.folders.flatMap((f) => walk(path.join(ROOT, 'src', f))))];
      for (const [, name] of row.text.matchAll(/`([\w./-]+\.ts|[\w-]+\/)`/g)) {
        const want = `/${name.replace(/\/$/, '')}`;
        expect(under.some((p) => p.endsWith(want)), `${name} (row src/${row.folders.join(', src/')})`).toBe(true);
      }
    }
  });
});
