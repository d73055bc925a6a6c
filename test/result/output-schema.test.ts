import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT_TABLES, outputTable } from '../../src/result/output-schema.js';
import { outputSchemaMarkdown } from '../../src/result/output-schema-doc.js';

const DOC = new URL('../../docs/schema.md', import.meta.url);

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
      'cohort', '<attribute>', 'offset', 'cohort_size', 'active', 'value', 'complete', 'revenue', 'period', 'cohort_start', 'period_start',
    ]);
  });
});
