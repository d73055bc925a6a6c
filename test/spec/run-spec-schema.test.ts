import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specSchemaJson, specSchemaModule } from '../../scripts/spec-schema.mjs';
import { KOHORT_VERSION } from '../../src/version.js';

const read = (f: string): string => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

describe('the generated JSON Schema of spec files', () => {
  it('is current: src/spec/run-spec-schema.ts and docs/spec.schema.json match src/spec/run-spec.ts (regenerate: npm run docs:schema)', () => {
    expect(read('src/spec/run-spec-schema.ts')).toBe(specSchemaModule());
    expect(read('docs/spec.schema.json')).toBe(specSchemaJson());
  }, 60_000);
});

describe('KOHORT_VERSION', () => {
  it("is package.json's version", () => {
    expect(KOHORT_VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
