import { OUTPUT_SCHEMA_VERSION, OUTPUT_TABLES } from './output-schema.js';
import type { OutputType } from './schema/output-types.js';

const TYPE_TEXT: Record<OutputType, string> = {
  string: 'string',
  date32: 'date',
  int32: 'int32',
  int64: 'int64',
  float64: 'float64',
  bool: 'boolean',
};

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/**
 * outputSchemaMarkdown: docs/schema.md, generated from the output schema module (a test
 * fails when the committed document differs: regenerate with `npm run docs:schema`).
 */
export function outputSchemaMarkdown(): string {
  const out: string[] = [
    '# kohort output schema',
    '',
    '<!-- Generated from src/result/typed/output-schema.ts by `npm run docs:schema`: do not edit by hand. -->',
    '',
    `Output schema version: **${OUTPUT_SCHEMA_VERSION}**. Every table kohort writes as CSV, Parquet, Arrow (IPC file)`,
    'or Arrow stream has the columns below, in this order, with these types. A change to a',
    'column (name, type, order, nullability) is a breaking change: it bumps the version above',
    '(a test keeps a fingerprint of every table per version), and tests fail until this',
    'document, the writers and the files they write agree. A new table is added without',
    'breaking the others.',
    '',
    'Types, in each format:',
    '',
    '| type | Arrow | Parquet | CSV |',
    '| --- | --- | --- | --- |',
    '| string | Dictionary<Int32, Utf8> | BYTE_ARRAY (STRING), dictionary-encoded | text, quoted when needed |',
    '| date | Date32 (days since 1970-01-01) | INT32 (DATE) | YYYY-MM-DD |',
    '| int32 | Int32 | INT32 | digits |',
    '| int64 | Int64 | INT64 | digits |',
    '| float64 | Float64 | DOUBLE | shortest round-trip decimal |',
    '| boolean | Bool | BOOLEAN | true / false |',
    '',
    'Null (an absent cell, a rate with a zero denominator, a missing group value) is a null in',
    'Arrow and Parquet and an empty field in CSV (so CSV cannot tell an empty text from a null);',
    'never NaN, never 0. Dates are calendar days in',
    'the run\'s time zone (`tz`), not instants: a month cohort in Europe/Berlin starts on its first',
    'day there.',
    '',
    'Arrow and Parquet files carry key-value metadata (Arrow: schema metadata; Parquet: file',
    'key_value_metadata), with no wall-clock time, so the same run on the same input gives',
    'byte-identical files:',
    '',
    '| key | value |',
    '| --- | --- |',
    '| kohort.version | the kohort version that wrote the file |',
    '| kohort.schema_version | the output schema version above |',
    '| kohort.table | the table kind (the headings below) |',
    '| kohort.as_of | the as-of instant, ISO 8601 UTC (absent when durations were given directly) |',
    '| kohort.inputs | JSON list: role, file (as given), bytes, sha256 of each input file\'s bytes |',
    '| kohort.spec | JSON: the analysis (`kind` and its spec keys, sorted; as `kohort run` takes it) |',
    '| kohort.resolved | JSON: the spec as resolved for the run (columns detected, defaults filled, filters parsed); a comparison: its options, group column and reference, and the specs of its curves (`curves`) and survival part (`survival`) |',
    '',
    'In SQL, quote `offset`: it is a reserved word (`SELECT "offset", value FROM ...`).',
    '',
  ];
  for (const t of OUTPUT_TABLES) {
    out.push(`## ${t.kind}`, '');
    out.push(`Written by \`kohort ${t.command}\`; in a spec file, an output with \`"table": "${t.table}"\`.`, '');
    out.push(t.description, '');
    if (t.placeholder) {
      out.push('_To be filled in when the command lands._', '');
      continue;
    }
    out.push('| column | type | null | meaning |', '| --- | --- | --- | --- |');
    for (const c of t.columns) {
      const name = 'group' in c ? `*${c.name.replace(/</g, '\\<').replace(/>/g, '\\>')}*` : `\`${c.name}\``;
      const text = 'group' in c ? `Zero or more columns. ${c.description}` : c.only ? `${c.description} Present only for ${c.only}.` : c.description;
      out.push(`| ${name} | ${TYPE_TEXT[c.type]} | ${c.nullable ? 'yes' : 'no'} | ${cell(text)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
