import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specSchemaJson, specSchemaModule } from '../../scripts/spec-schema.mjs';
import { RUN_SPEC_SCHEMA } from '../../src/spec/run-spec-schema.js';
import { KOHORT_VERSION } from '../../src/version.js';

const read = (f: string): string => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

describe('the generated JSON Schema of spec files', () => {
  it('is current: src/spec/run-spec-schema.ts and docs/spec.schema.json match src/spec/run-spec.ts (regenerate: npm run docs:schema)', () => {
    expect(read('src/spec/run-spec-schema.ts')).toBe(specSchemaModule());
    expect(read('docs/spec.schema.json')).toBe(specSchemaJson());
  }, 60_000);
});

describe('RUN_SPEC_SCHEMA', () => {
  const defs = RUN_SPEC_SCHEMA.$defs as unknown as Record<string, { properties?: Record<string, unknown> }>;

  it('documents each shared key once: a key two definitions share is a $ref to the interface that declares it', () => {
    const seen = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) {
      for (const [key, value] of Object.entries(def.properties ?? {})) {
        if ('$ref' in (value as object) && Object.keys(value as object).length === 1) continue;
        const text = `${key} ${JSON.stringify(value)}`;
        expect(seen.get(text), `${name}.${key} repeats ${seen.get(text)}.${key}`).toBeUndefined();
        seen.set(text, name);
      }
    }
  });

  it('resolves every $ref', () => {
    const refs = [...JSON.stringify(RUN_SPEC_SCHEMA).matchAll(/"\$ref":"#\/([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      const node = ref.split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], RUN_SPEC_SCHEMA);
      expect(node, ref).toBeTypeOf('object');
    }
  });
});

describe('KOHORT_VERSION', () => {
  it("is package.json's version", () => {
    expect(KOHORT_VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
