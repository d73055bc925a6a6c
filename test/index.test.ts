import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as kohort from '../src/index.js';

describe('src/index.ts', () => {
  it('names the whole pipeline and every stage', () => {
    for (const name of [
      'retention', 'matrix', 'survival', 'crr', 'loadFile', 'normalize', 'plan', 'executeMatrix',
      'tidyTable', 'wideTable', 'toCSV', 'toJSON', 'toArrow', 'createProgram', 'kaplanMeier', 'logRank',
      'compare', 'compareFromTables', 'executeCompare', 'adjustP', 'compareJSON',
    ]) {
      expect(typeof (kohort as Record<string, unknown>)[name]).toBe('function');
    }
  });
});

const SRC = new URL('../src/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, SRC), 'utf8');

/** The names an export list `{ a, type B, c as d }` hands on: [name as exported, name in its module]. */
function names(list: string): [string, string][] {
  return list.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter(Boolean).map((n) => {
    const [from, as] = n.split(/\s+as\s+/);
    return [as ?? from, from];
  });
}

/** Whether `name`'s declaration in `file` (followed through re-exports) has a doc comment. */
function documented(file: string, name: string, depth = 0): boolean {
  const text = read(file);
  const decl = new RegExp(`(^|\\n)((?:[ \\t]*(?:/\\*\\*[\\s\\S]*?\\*/|//[^\\n]*)\\n)*)export (?:declare )?(?:async )?(?:function\\*?|const|let|class|interface|type|enum) ${name}\\b`);
  const m = decl.exec(text);
  if (m) return /\/\*\*[\s\S]*\*\//.test(m[2]);
  for (const re of text.matchAll(/export (?:type )?\{([^}]*)\} from '([^']+)'/g)) {
    const hit = names(re[1]).find(([as]) => as === name);
    if (hit && depth < 5) return documented(new URL(re[2].replace(/\.js$/, '.ts'), new URL(file, SRC)).pathname.split('/src/')[1], hit[1], depth + 1);
  }
  for (const re of text.matchAll(/export (?:type )?\{([^}]*)\};/g)) {
    const hit = names(re[1]).find(([as]) => as === name);
    if (hit) {
      const imp = new RegExp(`import (?:type )?\\{[^}]*\\b${hit[1]}\\b[^}]*\\} from '([^']+)'`).exec(text);
      if (imp && depth < 5) return documented(new URL(imp[1].replace(/\.js$/, '.ts'), new URL(file, SRC)).pathname.split('/src/')[1], hit[1], depth + 1);
    }
  }
  throw new Error(`${name} is not declared in src/${file}`);
}

describe('src/index.ts exports', () => {
  it('names every export (no export *) and each has a doc comment where it is declared', () => {
    const index = read('index.ts');
    expect(index).not.toMatch(/export \*/);
    const undocumented: string[] = [];
    let count = 0;
    for (const m of index.matchAll(/export (?:type )?\{([^}]*)\} from '\.\/([^']+)\.js'/g)) {
      for (const [name] of names(m[1])) {
        ++count;
        if (!documented(`${m[2]}.ts`, name)) undocumented.push(`${name} (src/${m[2]}.ts)`);
      }
    }
    expect(count).toBeGreaterThan(300);
    expect(undocumented).toEqual([]);
  });
});
