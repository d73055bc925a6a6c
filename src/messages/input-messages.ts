import type { FieldName } from '../field-name.js';
import { columnsOf, counted, list, q, thousands } from './message-format.js';

/** The catalogue's messages about input files and their columns, ids and numbers. */
export const inputMessages = {
  badMaxRejects: (p: { value: string }, n: FieldName) =>
    `${n('maxRejects')} ${q(p.value)} must be a count (0, 1000) or a share of the rows (5%)`,
  tooManyRejects: (p: { count: number; rows: number; limit: string; value: string; reason: string; listed: boolean }, n: FieldName) =>
    `${q(p.value)} ${p.reason}; unreadable values in ${thousands(p.count)} of ${counted(p.rows, 'row')}, more than ${n('maxRejects')} ${p.limit}` +
    (p.listed ? ` (listed in the ${n('rejects')} file)` : `; pass ${n('rejects')} FILE to list them, or ${n('maxRejects')} to skip them`),
  badDecimal: (p: { value: string }, n: FieldName) => `${n('decimal')} ${q(p.value)} must be "." or ","`,
  mixedDecimal: (p: { dot: string; comma: string }, n: FieldName) =>
    `the amount column writes numbers both with a decimal point (${q(p.dot)}) and a decimal comma (${q(p.comma)}); pass ${n('decimal')} . or ${n('decimal')} ,`,
  ambiguousDecimal: (p: { example: string }, n: FieldName) =>
    `amounts such as ${q(p.example)} read differently with a decimal point or comma; pass ${n('decimal')} . or ${n('decimal')} ,`,
  groupedNumbers: (p: { example: string; read: number }) =>
    `every value is written like ${q(p.example)}, read with a decimal point (${q(p.example)} = ${p.read}); ` +
    'if "." groups thousands there (1.000 = one thousand), pass --decimal , (a decimal comma); --decimal . keeps this reading without this warning',
  noRevenueBase: (p: { count: number; names: readonly string[]; mode: string; rolling: boolean }, n: FieldName) => {
    const its = p.count === 1 ? 'its' : 'their';
    const measure = p.mode === 'gross-revenue' ? 'gross revenue retention' : 'net revenue retention';
    const shown = p.names.slice(0, 5).join(', ') + (p.names.length > 5 ? ', ...' : '');
    const cohorts = counted(p.count, 'cohort');
    // The average row pools complete cells with a base (METRICS section 4), so such a cell is left out of it.
    return (p.rolling
      ? `${cohorts} had cells whose eligible members had no revenue at offset 0 (${shown}): those cells of ${its} ${measure} have no base, so they are empty, not unobserved, ` +
        'and left out of the average row'
      : `${cohorts} had no revenue at offset 0 (${shown}): ${its} ${measure} has no base, so ${its} cells are empty, not unobserved, ` +
        `and ${p.count === 1 ? 'it is' : 'they are'} left out of the average row`) +
      `; ${n('mode')} ltv shows ${its} revenue per customer`;
  },
  partialWide: (p: { format: string }, n: FieldName) =>
    `${n('partial')}: the wide ${p.format} cannot flag incomplete cells, so they read as observed; use ${n('format')} tidy-csv (column "complete"), json or arrow, or the table (marks them *)`,
  nullReasons: (p: { count: number; example: string }) =>
    `${counted(p.count, 'churned customer has', 'churned customers have')} a reason written as a database NULL (${p.example}): counted as "(none)", no reason`,
  valuesNotNumbers: (p: { count: number; column: string; shown: string }) =>
    `${counted(p.count, 'value', 'values')} of column ${JSON.stringify(p.column)} ${p.count === 1 ? 'is' : 'are'} not a number (${p.shown}): counted in "missing"`,
  noAmountParsed: (p: { example: string }) =>
    `no value of the amount column could be read as a number, e.g. ${q(p.example)}`,
  unreadableFile: (p: { reason: string }) => `cannot read the file (${p.reason})`,
  unwritableFile: (p: { reason: string }) => `cannot write the output (${p.reason})`,
  emptyFile: (_p: Record<string, never>) => 'the file has no data rows',
  unknownFormat: (p: { ext: string }, n: FieldName) =>
    `cannot tell the format of ${q(p.ext)}; use ${n('input.format')} csv|ndjson|arrow|parquet`,
  workbookFile: (p: { ext: string }) =>
    `this ${q(p.ext)} file is an Excel workbook or a zip archive, which kohort does not read: save the sheet as CSV (Excel: File > Save As > CSV UTF-8), or export CSV, Parquet, NDJSON or Arrow`,
  badFile: (p: { format: string; reason: string }) => `not a readable ${p.format} file (${p.reason})`,
  missingColumn: (p: { role: string; field?: string; name: string; columns: readonly string[]; files?: readonly { file: string; columns: readonly string[] }[]; suggestion?: string }, n: FieldName) =>
    `no column ${q(p.name)} for ${p.role}${p.field === undefined ? '' : ` (${n(p.field)})`}; ` +
    (p.files && p.files.length > 1 ? columnsOf(p.files) : `the columns are ${list(p.columns)}`) +
    (p.suggestion === undefined ? '' : `. Did you mean ${q(p.suggestion)}?`),
  nestedField: (p: { name: string; column: string; fields: readonly string[]; file: string }) =>
    `${q(p.name)} is a field of ${q(p.column)}, a nested column, whose fields are ${list(p.fields)}; kohort reads a nested column only whole, as JSON text: ` +
    `make the field a column of its own first, e.g. DuckDB: COPY (SELECT *, ${p.name} AS ${p.name.replace(/\W+/g, '_')} FROM '${p.file}') TO 'flat.parquet'`,
  ambiguousColumn: (p: { role: string; name: string; matches: readonly string[] }, _n: FieldName) =>
    `${q(p.name)} (${p.role}) matches several columns when case and spacing are ignored: ${list(p.matches)}; write the name exactly`,
  undetectedColumn: (p: { role: string; field: string; columns: readonly string[]; lifetime?: string; inactivity?: boolean }, n: FieldName) =>
    `cannot tell which column is the ${p.role}; pass ${n(p.field)} <column>` +
    (p.inactivity ? `, or infer churn from the activity with ${n('inactiveAfter')} 90d` : '') +
    `. The columns are ${list(p.columns)}` +
    (p.lifetime === undefined
      ? ''
      : `. If ${q(p.lifetime)} holds lifetimes rather than times, ${n('analysis.survival')} ${n('duration')} ${q(p.lifetime)} ${n('event')} "<column>=<value>" draws their survival curves`),
  notNumeric: (p: { role: string; field?: string; example: unknown }, n: FieldName) =>
    `the ${p.role}${p.field === undefined ? '' : ` (${n(p.field)})`} column must be numeric, found ${q(p.example)}`,
  badJsonLine: (p: { reason: string }) => `not a JSON object (${p.reason})`,
  stdinTwice: (_p: Record<string, never>) => 'only one input can be standard input ("-")',
  columnsNeedNoHeader: (_p: Record<string, never>, n: FieldName) =>
    `${n('input.columnNames')} names the columns of a file without a header row: pass ${n('input.header')} with it`,
  columnCountMismatch: (p: { given: number; found: number }, n: FieldName) =>
    `${n('input.columnNames')} names ${counted(p.given, 'column')}, but the first row has ${counted(p.found, 'field')}`,
  raggedRow: (p: { expected: number; found: number }) =>
    `expected ${counted(p.expected, 'field')}, found ${p.found}`,
  noIdMatches: (p: { rows: number; activityExample: unknown; customersExample: unknown; activityFile?: string; customersFile?: string }) =>
    `none of the ${counted(p.rows, 'activity row')} with an id${p.activityFile ? ` (${p.activityFile})` : ''} has its id in the customers table` +
    `${p.customersFile ? ` (${p.customersFile})` : ''}: activity ids such as ${q(p.activityExample)}, customer ids such as ${q(p.customersExample)}; ` +
    'check that both id columns hold the same ids in the same form (leading zeros, prefixes, case)',
  paddedIds: (p: { count: number; example: string; merged: number; file?: string }) =>
    `${counted(p.count, 'distinct id')}${p.file ? ` of ${p.file}` : ''} had surrounding spaces or tabs, e.g. ${q(p.example)}: ` +
    'ids are read without them on every engine' +
    (p.merged ? `; ${thousands(p.merged)} of them then named the same customer as another id and count as one` : ''),
  unknownIdsStrict: (p: { count: number; example: unknown }, n: FieldName) =>
    `${counted(p.count, 'activity id has', 'activity ids have')} no row in the customers table, e.g. ${q(p.example)} (${n('strict')})`,
} as const;
