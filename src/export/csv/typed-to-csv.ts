import type { TypedColumn, TypedTable } from '../../result/typed/typed-table.js';
import { formatDay } from '../../time/civil.js';
import { csvField } from './csv-field.js';
import { textNumber, type CSVTextOptions } from './to-csv.js';

function cell(c: TypedColumn, i: number, delimiter: string, guard: boolean): string {
  switch (c.type) {
    case 'string':
      return c.codes[i] < 0 ? '' : csvField(c.dictionary[c.codes[i]], delimiter, guard);
    case 'float64': {
      const x = c.values[i];
      // At most 12 significant digits: summation noise goes, the precision that matters stays.
      return Number.isNaN(x) ? '' : textNumber(x);
    }
    case 'bool':
      return c.valid && !c.valid[i] ? '' : c.values[i] === 1 ? 'true' : 'false';
    case 'date32':
      return c.valid && !c.valid[i] ? '' : formatDay(c.values[i]);
    default:
      return c.valid && !c.valid[i] ? '' : String(c.values[i]);
  }
}

/**
 * typedToCSV: a typed table as RFC 4180 CSV with a header: null is an empty field,
 * dates YYYY-MM-DD, whole numbers as they are and others with at most 12 significant
 * digits (textNumber), booleans true/false. `delimiter` "\t" gives TSV; `formulaGuard`
 * false writes texts that start with = + - @ as they are (see csvField).
 */
export function typedToCSV(t: TypedTable, opts: CSVTextOptions = {}): string {
  return [...typedCSVChunks(t, opts)].join('');
}

/**
 * typedCSVChunks: the text of typedToCSV, 4,096 rows at a time, so that an output of any
 * size is written without one string holding it all (a JS string is at most ~512 MB).
 */
export function* typedCSVChunks(t: TypedTable, opts: CSVTextOptions = {}): Generator<string> {
  const d = opts.delimiter ?? ',';
  const guard = opts.formulaGuard ?? true;
  yield `${t.columns.map((c) => csvField(c.name, d, guard)).join(d)}\n`;
  let lines: string[] = [];
  for (let i = 0; i < t.length; ++i) {
    lines.push(t.columns.map((c) => cell(c, i, d, guard)).join(d));
    if (lines.length === 4096) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}
