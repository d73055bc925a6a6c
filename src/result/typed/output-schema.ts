/**
 * The output schema: every table kohort writes, its columns in order, their types,
 * nullability and meaning (the tables are in schema/, by family). Arrow, Parquet and CSV
 * writers, the table builders and docs/schema.md all read OUTPUT_TABLES, so a changed
 * column is a visible change there (and a stale docs/schema.md fails a test).
 */

import { CHURN_TABLES } from './schema/churn-tables.js';
import { COMPARISON_TABLES } from './schema/comparison-tables.js';
import { MATRIX_TABLES } from './schema/matrix-tables.js';
import type { OutputColumn, OutputColumnGroup, OutputTableSchema, TableKind } from './schema/output-types.js';

/** Version of the output schema; bump it on any breaking change to a table below. */
export const OUTPUT_SCHEMA_VERSION = 3;

/** Every table, in the order of the document. */
export const OUTPUT_TABLES: readonly OutputTableSchema[] = [...MATRIX_TABLES, ...CHURN_TABLES, ...COMPARISON_TABLES];

/** The schema of a table kind. */
export function outputTable(kind: TableKind): OutputTableSchema {
  const t = OUTPUT_TABLES.find((s) => s.kind === kind);
  if (!t) throw new Error(`no output schema for table kind ${JSON.stringify(kind)}`);
  return t;
}

/** The fixed column `name` of a table kind. */
export function outputColumn(kind: TableKind, name: string): OutputColumn {
  const c = outputTable(kind).columns.find((x): x is OutputColumn => !('group' in x) && x.name === name);
  if (!c) throw new Error(`table ${kind} has no column ${JSON.stringify(name)}`);
  return c;
}

/** The column group ("key" or "offset") of a table kind. */
export function outputGroup(kind: TableKind, group: OutputColumnGroup['group']): OutputColumnGroup {
  const c = outputTable(kind).columns.find((x): x is OutputColumnGroup => 'group' in x && x.group === group);
  if (!c) throw new Error(`table ${kind} has no ${group} columns`);
  return c;
}
