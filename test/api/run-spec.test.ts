import { describe, expect, it } from 'vitest';
import { RUN_SPEC_SCHEMA, SPEC_ANALYSES } from '../../src/api/run-spec.js';
import { formatsFor, type ResultKind } from '../../src/export/formats.js';
import { OUTPUT_TABLES } from '../../src/result/typed/output-schema.js';
import { OUTPUT_TABLE_NAMES } from '../../src/result/typed/typed-output.js';

const defs = RUN_SPEC_SCHEMA.$defs as unknown as Record<string, { properties?: Record<string, { enum?: string[]; const?: string }>; enum?: string[] }>;
const title = (k: string): string => k[0].toUpperCase() + k.slice(1);

describe('SPEC_ANALYSES', () => {
  it.each(Object.keys(SPEC_ANALYSES).filter((k) => k !== 'report'))('%s: the spec schema, the registry and the output schema agree on formats and tables', (kind) => {
    const out = defs[`${title(kind)}OutputSpec`];
    const tables = out.properties!.table.enum ?? [out.properties!.table.const!];
    expect(tables).toEqual([...OUTPUT_TABLE_NAMES[kind as keyof typeof OUTPUT_TABLE_NAMES]]);
    expect(OUTPUT_TABLES.filter((t) => t.command === kind).map((t) => t.table).sort()).toEqual([...tables].sort());
    for (const f of defs.OutputFormatName.enum!) expect(formatsFor(kind as ResultKind), f).toContain(f);
  });

  it('report: one html page, no tables, in the spec schema and the registry', () => {
    const out = defs.ReportOutputSpec;
    expect([out.properties!.format.const ?? out.properties!.format.enum].flat()).toEqual(['html']);
    expect(out.properties!.table).toBeUndefined();
    expect(formatsFor('report')).toContain('html');
  });
});
