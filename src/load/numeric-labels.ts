import * as aq from 'arquero';
import type { Dataset } from './dataset.js';
import { parseNumberBytes } from './bytes/parse-number.js';
import type { DictColumn } from './dict/dict-column.js';

const utf8 = new TextEncoder();

/**
 * numericLabels: the label columns (cohort, group, segment, reason) of a CSV read as text,
 * made numbers again where the file writes numbers, as DuckDB's CSV sniffer types them: a
 * column is a number column when every non-blank value is a number (or a missing marker)
 * and none starts with a zero before a digit ("02139", "007", "00.5" keep the column text;
 * "0", "0.5", "-01" do not: DuckDB reads "-01" as -1); a column of only missing markers stays text. Its labels are then 19, 2.5, 0, as
 * the SQL engines give them; a text column keeps the file's text ("01" and "1" apart).
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
 * The distinct texts as numbers (NaN for a missing marker), or undefined if one is text or
 * none is a number (a column of only "-" or "N/A" keeps them as its labels, as the loader does).
 */
function asNumbers(texts: readonly string[]): Float64Array | undefined {
  const out = new Float64Array(texts.length);
  let numbers = 0;
  for (let k = 0; k < texts.length; ++k) {
    const s = texts[k].trim();
    if (/^0\d/.test(s)) return undefined;
    const bytes = utf8.encode(s);
    const v = parseNumberBytes(bytes, 0, bytes.length);
    if (v === undefined) return undefined;
    out[k] = v;
    if (v === v) ++numbers;
  }
  return numbers ? out : undefined;
}
