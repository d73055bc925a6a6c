import type { TypedColumn, TypedTable } from '../result/typed-table.js';
import { formatDay } from '../time/civil.js';

function field(s: string): string {
  return /["\n\r,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cell(c: TypedColumn, i: number): string {
  switch (c.type) {
    case 'string':
      return c.codes[i] < 0 ? '' : field(c.dictionary[c.codes[i]]);
    case 'float64': {
      const x = c.values[i];
      return Number.isNaN(x) ? '' : String(x);
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
 * dates YYYY-MM-DD, numbers in JavaScript's shortest round-trip form, booleans
 * true/false (the text Arquero's toCSV writes for the same values).
 */
export function typedToCSV(t: TypedTable): string {
  return [...typedCSVChunks(t)].join('');
}

/**
 * typedCSVChunks: the text of typedToCSV, 4,096 rows at a time, so that an output of any
 * size is written without one string holding it all (a JS string is at most ~512 MB).
 */
export function* typedCSVChunks(t: TypedTable): Generator<string> {
  yield `${t.columns.map((c) => field(c.name)).join(',')}\n`;
  let lines: string[] = [];
  for (let i = 0; i < t.length; ++i) {
    lines.push(t.columns.map((c) => cell(c, i)).join(','));
    if (lines.length === 4096) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}
