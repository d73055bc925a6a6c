/**
 * The one column resolver: every column a spec names (id, time, signup, churn, amount,
 * cohort attributes, groups, filters, duration, event) is found here, by one rule:
 * 1. the exact name;
 * 2. else the one column whose name matches ignoring case, spaces and punctuation
 *    ("customer id" finds "Customer_ID"); two such columns are an error;
 * 3. else an error listing the columns, with "did you mean" when one is close.
 */
import { fail } from '../errors.js';
import type { FileColumns } from '../messages.js';
import type { CohortAttribute, InputSchema, TableName } from './input-schema.js';

/** "Customer ID" -> "customerid": the name compared by rule 2. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Where a name was looked for, for the error: what it was for, and the file. */
export interface ColumnContext {
  /** What the column is for, e.g. "activity time", "group column". */
  role: string;
  /** The spec field that named it, when the role alone does not say ("where", "by"). */
  field?: string;
  file?: string;
}

/** The column `name` denotes among `columns` (rules 1 and 2), or undefined; throws when rule 2 is ambiguous. */
export function matchColumn(name: string, columns: readonly string[], ctx: ColumnContext): string | undefined {
  if (columns.includes(name)) return name;
  const canon = canonicalName(name);
  const loose = columns.filter((c) => canonicalName(c) === canon);
  if (loose.length > 1) fail('ambiguousColumn', { role: ctx.role, name, matches: loose }, { file: ctx.file, column: name });
  return loose[0];
}

/** resolveColumn: the column `name` denotes among `columns`, or a `missingColumn` error naming the file. */
export function resolveColumn(name: string, columns: readonly string[], ctx: ColumnContext): string {
  return matchColumn(name, columns, ctx) ?? missing(name, columns, ctx);
}

/**
 * The column `name` denotes in the first of `order`'s tables that has it: the exact name
 * in any table first, then the loose match (rule 2) in any table.
 */
export function resolveInTables(name: string, schema: InputSchema, order: readonly TableName[], role: string, field?: string): CohortAttribute {
  for (const table of order) {
    if (schema[table]?.columns.includes(name)) return { column: name, table };
  }
  for (const table of order) {
    const t = schema[table];
    const column = t && matchColumn(name, t.columns, { role, file: t.file });
    if (column !== undefined) return { column, table };
  }
  return missingInTables(name, schema, order, { role, field });
}

/**
 * tableColumns: the columns of each table of `order` the input has, under its file's name
 * (a table without a file, two of them, by its role: "the activity table"), for messages.
 */
export function tableColumns(schema: InputSchema, order: readonly TableName[] = ['customers', 'activity']): FileColumns[] {
  const present = order.filter((table) => schema[table] !== undefined);
  return present.map((table) => ({ file: schema[table]!.file || (present.length > 1 ? `the ${table} table` : ''), columns: schema[table]!.columns }));
}

/**
 * The `missingColumn` error for a name looked for in several tables: each file's columns
 * under its own name (a table without a file is named by its role), the suggestion from all.
 */
export function missingInTables(name: string, schema: InputSchema, order: readonly TableName[], ctx: Omit<ColumnContext, 'file'>): never {
  const tables = tableColumns(schema, order);
  if (tables.length < 2) {
    const t = tables.length ? schema[order.find((table) => schema[table] !== undefined)!] : undefined;
    return missing(name, t?.columns ?? [], { ...ctx, file: t?.file });
  }
  const all = [...new Set(tables.flatMap((t) => t.columns))];
  const suggestion = closestColumn(name, all);
  return fail('missingColumn', { role: ctx.role, field: ctx.field, name, columns: all, files: tables, suggestion }, { column: name });
}

/**
 * The closest column to `name` (edit distance of canonical names: at most 2, and under half
 * the name); else the one column whose canonical name begins or ends with it ("reason" ->
 * "churn_reason"), for names of three characters or more.
 */
export function closestColumn(name: string, columns: readonly string[]): string | undefined {
  return nearestColumn(name, columns) ?? affixColumn(name, columns);
}

function affixColumn(name: string, columns: readonly string[]): string | undefined {
  const canon = canonicalName(name);
  if (canon.length < 3) return undefined;
  const hits = columns.filter((c) => {
    const cc = canonicalName(c);
    return cc !== canon && (cc.startsWith(canon) || cc.endsWith(canon));
  });
  return hits.length === 1 ? hits[0] : undefined;
}

function nearestColumn(name: string, columns: readonly string[]): string | undefined {
  const canon = canonicalName(name);
  const most = Math.min(2, Math.ceil(canon.length / 2) - 1);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of columns) {
    const d = editDistance(canon, canonicalName(c));
    if (d <= most && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function missing(name: string, columns: readonly string[], ctx: ColumnContext): never {
  const suggestion = closestColumn(name, columns);
  return fail('missingColumn', { role: ctx.role, field: ctx.field, name, columns, suggestion }, { file: ctx.file, column: name });
}

/**
 * Edit distance with adjacent swaps counting as one edit (optimal string alignment):
 * "tmie" is one edit from "time", as a typist sees it. Names are short: the plain table.
 */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; ++i) {
    const row = [i];
    for (let j = 1; j <= b.length; ++j) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}
