import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT_SCHEMA_VERSION, OUTPUT_TABLES, outputTable } from '../../../src/result/typed/output-schema.js';
import { outputSchemaMarkdown } from '../../../src/result/typed/output-schema-doc.js';

const DOC = new URL('../../../docs/schema.md', import.meta.url);

describe('outputSchemaMarkdown', () => {
  it('is docs/schema.md as committed (regenerate: npm run docs:schema)', () => {
    const text = outputSchemaMarkdown();
    if (process.env.KOHORT_UPDATE_DOCS) writeFileSync(DOC, text);
    expect(readFileSync(DOC, 'utf8')).toBe(text);
  });

  it('documents every table kind, each column once, and quotes no reserved word unexplained', () => {
    const text = outputSchemaMarkdown();
    for (const t of OUTPUT_TABLES) {
      expect(text).toContain(`## ${t.kind}`);
      const names = t.columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(text).toContain('"offset"');
  });
});

describe('outputTable', () => {
  it('has the tidy columns of METRICS.md section 4 in order', () => {
    expect(outputTable('matrix-tidy').columns.map((c) => c.name)).toEqual([
      'cohort', '<attribute>', 'offset', 'cohort_size', 'eligible', 'active', 'value', 'complete', 'revenue', 'period', 'cohort_start', 'period_start',
    ]);
  });
});

// The shape of every table (names, types, nullability, order, presence), per schema
// version: a table whose shape changes without a version bump fails here.
const PRINTS = new URL('./output-schema.fingerprints.json', import.meta.url);

describe('OUTPUT_SCHEMA_VERSION', () => {
  it('is bumped whenever a column of a released table changes (new tables are recorded: npm run docs:schema)', () => {
    const prints: Record<string, Record<string, string>> = existsSync(PRINTS) ? JSON.parse(readFileSync(PRINTS, 'utf8')) : {};
    const v = String(OUTPUT_SCHEMA_VERSION);
    const now = Object.fromEntries(
      OUTPUT_TABLES.filter((t) => !t.placeholder).map((t) => {
        const shape = t.columns.map((c) => ['group' in c ? `*${c.group}` : c.name, c.type, c.nullable, 'only' in c && c.only ? 'optional' : '']);
        return [t.kind, createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16)];
      }),
    );
    if (process.env.KOHORT_UPDATE_DOCS) {
      // Records new tables and new versions; never rewrites a recorded shape.
      prints[v] = { ...now, ...prints[v] };
      writeFileSync(PRINTS, `${JSON.stringify(prints, null, 2)}\n`);
    }
    for (const [kind, print] of Object.entries(now)) {
      expect(prints[v]?.[kind], `${kind} is not recorded for schema version ${v}: run npm run docs:schema`).toBeDefined();
      expect(print, `${kind} changed shape: bump OUTPUT_SCHEMA_VERSION, then npm run docs:schema`).toBe(prints[v][kind]);
    }
  });
});
