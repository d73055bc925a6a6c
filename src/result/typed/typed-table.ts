import { formatDay } from '../../time/civil.js';
import { outputColumn, outputGroup, outputTable } from './output-schema.js';
import type { OutputColumnGroup, OutputType, TableKind } from './schema/output-types.js';

interface ColumnBase {
  name: string;
  nullable: boolean;
}

/** Dictionary-encoded text: codes into `dictionary`, -1 = null. */
export interface StringColumn extends ColumnBase {
  type: 'string';
  codes: Int32Array;
  dictionary: string[];
}

/** Whole numbers (int32) or local day numbers (date32); `valid[i] = 0` marks a null. */
export interface Int32Column extends ColumnBase {
  type: 'int32' | 'date32';
  values: Int32Array;
  valid?: Uint8Array;
}

/** Whole numbers past int32 (sums), held as doubles (exact to 2^53); `valid[i] = 0` marks a null. */
export interface Int64Column extends ColumnBase {
  type: 'int64';
  values: Float64Array;
  valid?: Uint8Array;
}

/** Doubles; NaN is null in a nullable column. */
export interface Float64Column extends ColumnBase {
  type: 'float64';
  values: Float64Array;
}

/** 0/1 flags; `valid[i] = 0` marks a null. */
export interface BoolColumn extends ColumnBase {
  type: 'bool';
  values: Uint8Array;
  valid?: Uint8Array;
}

/** One column of a {@link TypedTable}, by its output type. */
export type TypedColumn = StringColumn | Int32Column | Int64Column | Float64Column | BoolColumn;

/**
 * A result table with the output schema's types: plain typed arrays, one per column,
 * the input of every tabular writer (Arrow, Parquet, CSV).
 */
export interface TypedTable {
  kind: TableKind;
  length: number;
  columns: TypedColumn[];
}

/** Dictionary-encode text values (first-seen order, so the same rows give the same bytes). */
export function encodeText(values: ArrayLike<string | null | undefined>): { codes: Int32Array; dictionary: string[] } {
  const codes = new Int32Array(values.length);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      index.set(v, c);
      dictionary.push(v);
    }
    codes[i] = c;
  }
  return { codes, dictionary };
}

/** Values of a fixed column of `kind`, typed by the output schema. */
export type ColumnValues =
  | { text: ArrayLike<string | null | undefined> }
  | { numbers: ArrayLike<number>; valid?: Uint8Array };

/** A fixed column of `kind`, named and typed by the output schema. */
export function fixedColumn(kind: TableKind, name: string, values: ColumnValues, as = name): TypedColumn {
  const def = outputColumn(kind, name);
  return makeColumn(as, def.type, def.nullable, values);
}

/** A column of the table's key or offset group, named by the run. */
export function groupColumn(kind: TableKind, group: OutputColumnGroup['group'], name: string, values: ColumnValues): TypedColumn {
  const def = outputGroup(kind, group);
  return makeColumn(name, def.type, def.nullable, values);
}

function makeColumn(name: string, type: OutputType, nullable: boolean, v: ColumnValues): TypedColumn {
  if (type === 'string') {
    if (!('text' in v)) throw new Error(`column ${name}: text expected`);
    return { name, type, nullable, ...encodeText(v.text) };
  }
  if (!('numbers' in v)) throw new Error(`column ${name}: numbers expected`);
  const valid = v.valid;
  switch (type) {
    case 'int32':
    case 'date32':
      return { name, type, nullable, values: new Int32Array(v.numbers), ...(valid ? { valid } : {}) };
    case 'int64':
      return { name, type, nullable, values: new Float64Array(v.numbers), ...(valid ? { valid } : {}) };
    case 'bool':
      return { name, type, nullable, values: new Uint8Array(v.numbers), ...(valid ? { valid } : {}) };
    case 'float64': {
      const values = new Float64Array(v.numbers);
      if (valid) for (let i = 0; i < values.length; ++i) if (!valid[i]) values[i] = NaN;
      // A non-finite number is no value in an output.
      if (nullable) for (let i = 0; i < values.length; ++i) if (!Number.isFinite(values[i])) values[i] = NaN;
      return { name, type, nullable, values };
    }
  }
}

/** Whether row i of a column is null. */
export function isNull(c: TypedColumn, i: number): boolean {
  switch (c.type) {
    case 'string':
      return c.codes[i] < 0;
    case 'float64':
      return c.nullable && Number.isNaN(c.values[i]);
    default:
      return c.valid !== undefined && c.valid[i] === 0;
  }
}

/**
 * The value of row i as a plain JS value: string, number, boolean, null; a date32 as
 * its day number. For tests and small outputs, not for hot loops.
 */
export function cellValue(c: TypedColumn, i: number): string | number | boolean | null {
  if (isNull(c, i)) return null;
  switch (c.type) {
    case 'string':
      return c.dictionary[c.codes[i]];
    case 'bool':
      return c.values[i] === 1;
    default:
      return c.values[i];
  }
}

/** The rows of a typed table as objects (dates as YYYY-MM-DD): for tests and JSON. */
export function typedRows(t: TypedTable): Record<string, string | number | boolean | null>[] {
  const rows: Record<string, string | number | boolean | null>[] = [];
  for (let i = 0; i < t.length; ++i) {
    const row: Record<string, string | number | boolean | null> = {};
    for (const c of t.columns) {
      const v = cellValue(c, i);
      row[c.name] = c.type === 'date32' && v !== null ? formatDay(v as number) : v;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * checkConforms: the problems of a table against its kind's output schema (names in
 * order, types, nullability; nulls only in nullable columns). Empty = conforms.
 */
export function checkConforms(t: TypedTable): string[] {
  const schema = outputTable(t.kind);
  const problems: string[] = [];
  let j = 0;
  const cols = t.columns;
  for (const def of schema.columns) {
    if ('group' in def) {
      // A group takes the run of columns of its type that no fixed column names.
      const fixed = new Set(schema.columns.filter((d) => !('group' in d)).map((d) => d.name));
      while (j < cols.length && !fixed.has(cols[j].name) && cols[j].type === def.type && cols[j].nullable === def.nullable) ++j;
      continue;
    }
    const c = cols[j];
    if (!c || c.name !== def.name) {
      if (def.only) continue;
      problems.push(`${t.kind}: expected column ${def.name} at position ${j}, found ${c ? c.name : 'the end'}`);
      continue;
    }
    if (c.type !== def.type) problems.push(`${t.kind}.${c.name}: type ${c.type}, schema says ${def.type}`);
    if (c.nullable !== def.nullable) problems.push(`${t.kind}.${c.name}: nullable ${c.nullable}, schema says ${def.nullable}`);
    ++j;
  }
  if (j < cols.length) problems.push(`${t.kind}: unexpected column ${cols[j].name} at position ${j}`);
  for (const c of cols) {
    if (c.nullable) continue;
    for (let i = 0; i < t.length; ++i) {
      if (isNull(c, i)) {
        problems.push(`${t.kind}.${c.name}: null in row ${i} of a non-nullable column`);
        break;
      }
    }
  }
  for (const c of cols) {
    const n = c.type === 'string' ? c.codes.length : c.values.length;
    if (n !== t.length) problems.push(`${t.kind}.${c.name}: ${n} values for ${t.length} rows`);
  }
  return problems;
}
