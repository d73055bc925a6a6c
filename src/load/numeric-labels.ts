import * as aq from 'arquero';
import type { Dataset } from './dataset.js';
import { parseNumberBytes } from './bytes/parse-number.js';
import type { DictColumn } from './dict/dict-column.js';

const utf8 = new TextEncoder();

/**
 * numericLabels: the label columns (cohort, group, segment, reason) of a CSV read as text,
 * made numbers again only where DuckDB (as kohort's DuckDB engine reads a CSV) gives
 * numbers: every non-blank value is a decimal number ("NA", "-" or any other text keep the
 * column text), none has a zero before a digit, signed or not ("02139", "-01", "00.5"), and
 * one at least has a point or an exponent (19.00 is 19). A column of integers keeps the
 * file's text (kohort's DuckDB engine reads it as VARCHAR; "1234567890123456781" stays
 * exact), as does one with a value beyond 2^53, which a double would not give back.
 */
export function numericLabels(data: Dataset, labels: readonly string[]): Dataset {
  const names = data.table.columnNames();
  const numbers = new Map<string, Float64Array>();
  for (const name of labels) {
    if (data.kinds[name] !== 'string' || numbers.has(name)) continue;
    const col = data.table.column(name) as unknown as DictColumn;
    const values = asNumbers(col.values);
    if (!values) continue;
    const out = new Float64Array(col.length);
    for (let i = 0; i < out.length; ++i) out[i] = col.keys[i] < values.length ? values[col.keys[i]] : NaN;
    numbers.set(name, out);
  }
  if (!numbers.size) return data;
  const columns = new Map<string, unknown>(names.map((n) => [n, numbers.get(n) ?? data.table.column(n)]));
  const kinds = Object.assign(Object.create(null), data.kinds) as Dataset['kinds'];
  for (const name of numbers.keys()) kinds[name] = 'number';
  return { ...data, table: aq.table(columns as Map<string, Float64Array>, names), kinds };
}

/**
 * Decimal text as DuckDB sniffs a number: no "+", no zero before a digit (RE2 reads it too:
 * the SQL engines apply the same rule to a CSV's label columns, label-sources.ts).
 */
export const LABEL_NUMBER = /^-?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER = LABEL_NUMBER;
const FRACTION = /[.eE]/;

/**
 * The distinct texts as numbers (NaN for a blank), or undefined if the column keeps its
 * text: a value is not such a number, none has a point or an exponent, or one is beyond 2^53.
 */
function asNumbers(texts: readonly string[]): Float64Array | undefined {
  const out = new Float64Array(texts.length);
  let fraction = false;
  for (let k = 0; k < texts.length; ++k) {
    const s = texts[k].trim();
    if (s === '') {
      out[k] = NaN;
      continue;
    }
    if (!NUMBER.test(s)) return undefined;
    const bytes = utf8.encode(s);
    const v = parseNumberBytes(bytes, 0, bytes.length);
    if (v === undefined || v !== v || Math.abs(v) > 2 ** 53) return undefined;
    out[k] = v;
    if (FRACTION.test(s)) fraction = true;
  }
  return fraction ? out : undefined;
}
