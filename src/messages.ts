/**
 * The one catalogue of user-facing error messages. Each entry turns its parameters
 * into one line of text; `fail(code, params, where)` in errors.ts adds the file, row
 * and column. Messages quote the bad input (use `q`). An option is named by its spec
 * field through `n` ("asOf", "columns.id"): the library prints the field, the CLI its
 * flag (cli/flags.ts), so a library user never reads a flag they did not type.
 */
import type { FieldName } from './field-name.js';
import { noActivityReason, noCustomersReason, type NoActivityReason, type NoCustomersReason } from './message-reasons.js';

const q = (v: unknown): string => {
  const s = typeof v === 'string' ? v : String(v);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
};
const list = (xs: readonly string[]): string => xs.map(q).join(', ');

/** A file's (or table's) columns, for a message that names them; `file` empty = unnamed. */
export interface FileColumns {
  file: string;
  columns: readonly string[];
}

/** "the columns of a.csv are "x", "y"; those of b.csv are "z"" (one unnamed table: "the columns are ..."). */
const columnsOf = (files: readonly FileColumns[]): string =>
  files.map((f, i) => `${i ? 'those' : 'the columns'}${f.file ? ` of ${f.file}` : ''} are ${list(f.columns)}`).join('; ');
/** ". The columns of a.csv are ..." after a message, or nothing when no columns are known. */
const columnsTail = (files: readonly FileColumns[] | undefined): string => {
  const known = (files ?? []).filter((f) => f.columns.length);
  return known.length ? `. T${columnsOf(known).slice(1)}` : '';
};

/**
 * counted: a count and its noun, singular for exactly one ("1 row", "0 rows", "1,200
 * customers"); `many` when the plural is not `one` + "s", or when a verb follows ("row has",
 * "rows have"). Every count a message, report or printed line shows goes through it.
 */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${thousands(count)} ${count === 1 ? one : many}`;
}

/**
 * thousands: a number as toLocaleString('en-US') writes it ("1,234,567", "-42"), whole
 * numbers without Intl: a process's first toLocaleString loads ICU's locale data, 16-20 ms
 * of CPU on the main thread alone at the end of every run (its summary lines).
 */
export function thousands(x: number): string {
  if (!Number.isSafeInteger(x) || Object.is(x, -0)) return x.toLocaleString('en-US');
  const digits = String(Math.abs(x));
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return x < 0 ? `-${out}` : out;
}

/**
 * grouped: a number with `digits` decimals and its whole part grouped, as
 * toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
 * writes it ("1,234.50"; like Intl it rounds the number's shortest decimal, 1.005 -> "1.01",
 * half away from zero), without Intl (see thousands): the money columns of the tables.
 */
export function grouped(x: number, digits: number): string {
  const text = String(Math.abs(x));
  if (!Number.isFinite(x) || Object.is(x, -0) || text.includes('e')) return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const dot = text.indexOf('.');
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  let kept = (dot < 0 ? text : text.slice(0, dot)) + frac.slice(0, digits).padEnd(digits, '0');
  if (frac.length > digits && frac.charCodeAt(digits) >= 53) kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const whole = kept.slice(0, kept.length - digits);
  const head = whole.length % 3 || 3;
  let out = whole.slice(0, head);
  for (let i = head; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return `${x < 0 ? '-' : ''}${out}${digits ? `.${kept.slice(kept.length - digits)}` : ''}`;
}

export const messages = {
  // ---- spec and CLI arguments -------------------------------------------------
  unknownOption: (p: { option: string; value: unknown; allowed: readonly string[] }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not one of ${list(p.allowed)}`,
  badNumber: (p: { option: string; value: unknown }, n: FieldName) =>
    `${n(p.option)} expects a whole number >= 0, got ${q(p.value)}`,
  badTimeZone: (p: { tz: string }) =>
    `unknown time zone ${q(p.tz)}; use an IANA name such as "UTC" or "Europe/Berlin"`,
  badAsOf: (p: { value: string }, n: FieldName) =>
    `${n('asOf')} ${q(p.value)} is not a date or date-time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`,
  badWhere: (p: { value: string }, n: FieldName) =>
    `${n('where')} ${q(p.value)} is not "<column> <op> <value>" with op one of = != < <= > >= ^= !^=`,
  badWhereOp: (p: { value: string; op: string }, n: FieldName) =>
    `${n('where')} ${q(p.value)}: unknown operator ${q(p.op)}; use one of = != < <= > >= ^= !^= (<> and == are read as != and =)`,
  badGroupCondition: (p: { value: string }, n: FieldName) =>
    `${n('by')} ${q(p.value)} is neither a column nor a condition "<column> <op> <value>" with op one of = != < <= > >= ^= !^=`,
  filterNotNumber: (p: { value: string; kind: string; field?: string }, n: FieldName) =>
    `${n(p.field ?? 'where')} compares a ${p.kind} column with ${q(p.value)}, which is not a ${p.kind === 'number' ? 'number' : 'date kohort reads in a filter: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ'}`,
  badAmount: (p: { value: string }, n: FieldName) =>
    `${n('columns.amount')} ${q(p.value)} must be a column name or a product of two columns such as "Quantity*UnitPrice"`,
  badDuration: (p: { option: string; value: string }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a duration such as "90d", "12w" or "3m"`,
  badCohort: (p: { value: string }, n: FieldName) =>
    `${n('cohort')} ${q(p.value)}: at most one time granularity (day, week, month, quarter, year) may be given`,
  binaryToTerminal: (p: { format: string }, n: FieldName) =>
    `${n('format')} ${p.format} is binary: pass ${n('out')} <file> or pipe stdout`,
  anchorNeedsActivity: (_p: Record<string, never>, n: FieldName) =>
    `${n('anchor')} first-activity needs an activity file`,
  noInput: (_p: Record<string, never>, n: FieldName) =>
    `no input: give an activity file, a customers file (${n('input.customers')}), or both`,
  modeNeedsAmount: (p: { mode: string }, n: FieldName) =>
    `${n('mode')} ${p.mode} needs an amount column: pass ${n('columns.amount')} <column> (or "A*B")`,
  rollingPartial: (_p: Record<string, never>, n: FieldName) =>
    `${n('partial')} shows cells before their period ended, which ${n('completeness')} rolling never has: drop one of them`,
  compareMode: (p: { mode: string }, n: FieldName) =>
    `${n('analysis.compare')} compares shares of customers: ${n('mode')} ${q(p.mode)} is not one of "classic", "unbounded", "survival" (use ${n('columns.amount')} for revenue per customer)`,
  unknownGroup: (p: { option: string; value: string; groups: readonly string[] }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a group; the groups are ${list(p.groups)}`,
  tooFewGroups: (p: { groups: readonly string[] }, n: FieldName) =>
    `${n('analysis.compare')} needs at least two groups with customers, found ${p.groups.length ? list(p.groups) : 'none'}`,
  tooManyGroups: (p: { by: string; count: number; limit: number }, n: FieldName) =>
    `${n('by')} ${q(p.by)} has ${counted(p.count, 'distinct value')} to compare; ${n('analysis.compare')} takes at most ${thousands(p.limit)} groups: ` +
    `name the ones to compare with ${n('groups')} a,b,... or split in two with a condition such as ${n('by')} ${q(`${p.by} > x`)}`,
  tooManySurvivalGroups: (p: { by: readonly string[]; count: number; limit: number }, n: FieldName) =>
    `${n('by')} ${q(p.by.join(','))} makes ${counted(p.count, 'group')}; the test across them takes at most ${thousands(p.limit)}: ` +
    `group by a column with fewer values, or keep some with ${n('where')}`,
  compareNeedsBy: (p: { files?: readonly FileColumns[] }, n: FieldName) =>
    `${n('analysis.compare')} needs ${n('by')} <column or condition>: what splits the customers into groups${columnsTail(p.files)}`,
  modeNeedsActivity: (p: { mode: string }, n: FieldName) =>
    `${n('mode')} ${q(p.mode)} counts activity: pass an activity file (a customers table alone gives ${n('mode')} "survival", with its churn column)`,
  modeNeedsChurn: (p: { mode: string }, n: FieldName) =>
    `${n('mode')} ${p.mode} needs churn times: pass ${n('columns.churn')} <column> or ${n('inactiveAfter')} <duration>`,

  outFormatContradiction: (p: { out: string; ext: string; format: string }, n: FieldName) =>
    `${n('out')} ${q(p.out)} names a .${p.ext} file but ${n('format')} is ${q(p.format)}: drop ${n('format')} or change the extension`,
  outFormatOnly: (p: { out: string; ext: string; format: string }, n: FieldName) =>
    `${n('out')} ${q(p.out)} names a .${p.ext} file, but this command writes ${p.format} only: name the file .${p.format}`,
  outFormatUnavailable: (p: { out: string; family: string; available: readonly string[] }, n: FieldName) =>
    `${n('out')} ${q(p.out)}: ${p.family} output is not available yet; this command writes ${list(p.available)} (pass ${n('format')})`,
  outFormatUnknown: (p: { out: string; ext: string; available: readonly string[] }, n: FieldName) =>
    `${n('out')} ${q(p.out)}: cannot tell the output format from ".${p.ext}"; pass ${n('format')}, one of ${list(p.available)}`,

  // ---- files and columns ---------------------------------------------------------
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

  // ---- time ------------------------------------------------------------------------
  noTimeParsed: (p: { example: unknown }, n: FieldName) =>
    `no value of the time column could be read as a date, e.g. ${q(p.example)}; pass ${n('dateFormat')} (YYYYMMDD, DD-MM-YYYY, MM/DD/YYYY, ...)`,
  ambiguousDate: (p: { example: string }, n: FieldName) => {
    const s = p.example.includes('/') ? '/' : '-'; // name the formats that read the example
    return `dates such as ${q(p.example)} could be day-first or month-first; pass ${n('dateFormat')} DD${s}MM${s}YYYY or MM${s}DD${s}YYYY`;
  },
  excelOrEpoch: (p: { example: string; excelDay: string }, n: FieldName) =>
    `numbers such as ${q(p.example)} read as epoch seconds all fall on 1970-01-01 or 1970-01-02; ` +
    `if they are Excel serial dates (${q(p.example)} = ${p.excelDay}) pass ${n('dateFormat')} EXCEL, if epoch seconds ${n('dateFormat')} EPOCH-S`,
  smallNumbersNotTimes: (p: { column?: string; min: number; max: number }, n: FieldName) =>
    `the column holds only whole numbers, ${thousands(p.min)} to ${thousands(p.max)}, not times (as epoch seconds they would all fall in the first days of 1970). ` +
    `If they are lifetimes (such as months of tenure), ${n('analysis.survival')} ${n('duration')} ${q(p.column ?? '<column>')} ${n('event')} "<column>=<value>" draws their survival curves; ` +
    `if they are times, pass ${n('dateFormat')} EPOCH-S (epoch seconds) or ${n('dateFormat')} EXCEL (Excel serial days)`,
  mixedTimeForms: (p: { a: string; aRow: number; aForm: string; b: string; bRow: number; bForm: string }, n: FieldName) =>
    `the time column mixes ${p.aForm} (row ${p.aRow}: ${q(p.a)}) and ${p.bForm} (row ${p.bRow}: ${q(p.b)}); pass ${n('dateFormat')} to say which is meant`,
  unknownDateFormat: (p: { value: string; allowed: readonly string[] }, n: FieldName) =>
    `${n('dateFormat')} ${q(p.value)} is not one of ${list(p.allowed)}`,
  dateFormatMostlyUnreadable: (p: { format: string; bad: number; present: number; rows: readonly number[] }, n: FieldName) =>
    `${n('dateFormat')} ${p.format} leaves ${thousands(p.bad)} of ${counted(p.present, 'value')} unreadable` +
    `${p.rows.length ? ` (rows ${p.rows.join(', ')}, ...)` : ''}; check the format, or leave ${n('dateFormat')} out to sniff it`,
  inactiveAfterUnused: (p: { mode: string }, n: FieldName) =>
    `${n('inactiveAfter')} infers churn, which ${n('mode')} ${p.mode} does not use: drop it, or pass ${n('mode')} survival (churn from inactivity)`,
  inactivityWithChurn: (p: { churn: string }, n: FieldName) =>
    `${n('inactiveAfter')} infers churn from activity, but ${n('columns.churn')} ${q(p.churn)} names churn times: drop one of them`,
  inactiveAfterWithDuration: (_p: Record<string, never>, n: FieldName) =>
    `${n('inactiveAfter')} infers churn from activity, but ${n('duration')} and ${n('event')} already give lifetimes: drop one of them`,
  noCustomers: (p: { read: number; left: Partial<Record<NoCustomersReason, number>> }, n: FieldName) => {
    const why = Object.entries(p.left).filter(([, count]) => count).map(([reason, count]) => `${thousands(count!)} ${noCustomersReason(reason as NoCustomersReason, n)}`);
    return `no customer is left to compute${why.length ? `: of ${counted(p.read, 'customer')}, ${why.join(', ')}` : ''}`;
  },
  noActivity: (p: { rows?: number; left?: Partial<Record<NoActivityReason, number>>; warnings?: readonly string[] }, n: FieldName) => {
    const why = Object.entries(p.left ?? {}).filter(([, count]) => count).map(([reason, count]) => `${thousands(count!)} ${noActivityReason(reason as NoActivityReason, n)}`);
    return p.rows !== undefined && why.length
      ? `no activity is left to compute: of ${counted(p.rows, 'activity row')}, ${why.join(', ')}${(p.warnings ?? []).map((w) => `; ${w}`).join('')}`
      : 'no activity is left after filtering and the as-of date: nothing to compute';
  },

  // ---- survival and churn ------------------------------------------------------------
  eventNeverOccurs: (p: { value: string }, n: FieldName) =>
    `${n('event')} value ${q(p.value)} never occurs in the column, so no customer ever churned`,
  badEventColumn: (p: { example: unknown }, n: FieldName) =>
    `the event column must hold 0/1, true/false or yes/no, found ${q(p.example)}; or pass ${n('event')} "<column>=<value>"`,
  badConfLevel: (p: { value: unknown }, n: FieldName) => `${n('confLevel')} ${q(p.value)} must be between 0 and 1`,
  badSurvivalDuration: (p: { value: unknown }) =>
    `a survival duration must be a finite number >= 0, found ${q(p.value)} (is a churn time before the anchor?)`,
  // ---- SQL engines (src/engine/sql) ---------------------------------------------
  sqlNotTime: (p: { table: string; column: string; type: string }) =>
    `${q(p.table)}: column ${q(p.column)} is ${p.type}, not a timestamp or date; the SQL engines need a time column typed as one`,
  sqlTimeNotRead: (p: { table: string; column: string; example: string; why: string; engine: string }, n: FieldName) =>
    `${q(p.table)}: column ${q(p.column)} holds times such as ${q(p.example)} (${p.why}), which the ${p.engine} engine does not read; ${n('engine')} memory reads it`,
  sqlMixedDayMonth: (p: { a: string; b: string }, n: FieldName) =>
    `the time column mixes day-month dates written with different separators (${q(p.a)}, ${q(p.b)}); pass ${n('dateFormat')} DD/MM/YYYY (or MM/DD/YYYY) to say which is meant`,
  sqlTimeInvalid: (p: { table: string; column: string; example: string; form: string; from: string; engine: string }, n: FieldName) =>
    `${q(p.table)}: column ${q(p.column)}: ${q(p.example)} is not a ${p.form} date (the order ${p.from}); the ${p.engine} engine reads a time column only when every value reads: fix the value, or ${n('engine')} memory counts such rows as rejects`,
  sqlUnsupported: (p: { what: string }, n: FieldName) => `the SQL engines do not compute ${p.what} yet; use ${n('engine')} memory`,
  sqlDuplicateIds: (p: { column: string; count: number; engine: string; relation: string }) =>
    `${counted(p.count, 'row repeats', 'rows repeat')} an id of column ${q(p.column)}; the memory engine keeps each id's first row, but a ${p.engine} ${p.relation} has no row order: remove the repeats (or use the memory engine)`,
  sqlEngineNeedsUrl: (p: { engine: string }, n: FieldName) =>
    `${n('engine')} ${p.engine} needs ${n('url')} (and ${n('table')}): the server and the table to read`,
  sqlDriverMissing: (p: { engine: string; pkg: string }, n: FieldName) =>
    `${n('engine')} ${p.engine} needs the npm package ${q(p.pkg)}, which is not installed: npm install ${p.pkg}`,
  sqlServerError: (p: { engine: string; message: string }) => `${p.engine}: ${p.message}`,
  sqlNeedsFiles: (p: { format: string }, n: FieldName) =>
    `${n('engine')} duckdb reads CSV and Parquet files; ${q(p.format)} input is not one of them (convert it, or use ${n('engine')} memory)`,
  tooLargeForMemory: (p: { file: string; sizeMB: number; needMB: number; haveMB: number }, n: FieldName) =>
    `${q(p.file)} (${p.sizeMB} MB) needs about ${p.needMB} MB in memory, more than this machine has (${p.haveMB} MB usable): run it with ${n('engine')} duckdb, which reads it out of core and spills to disk`,
  needsChurn: (p: { analysis: string }, n: FieldName) =>
    `${n(`analysis.${p.analysis}`)} needs churn: pass ${n('inactiveAfter')} <duration> (activity table)` +
    (p.analysis === 'survival' ? `, ${n('columns.churn')} <column> (customers table) or ${n('duration')} <column> ${n('event')} <column>` : ` or ${n('columns.churn')} <column> (customers table)`),
  activityNeedsInactivity: (p: { analysis: string; time: string }, n: FieldName) =>
    `${n(`analysis.${p.analysis}`)} needs churn, and this file has no churn column but a time column (${q(p.time)}), as activity has: ` +
    `infer churn from inactivity with ${n('inactiveAfter')} 90d (or pass ${n('input.customers')} <file> ${n('columns.churn')} <column>)`,
  datelessCustomers: (p: { analysis: string; lifetime?: string; status?: string }, n: FieldName) => {
    const none = 'this file has no signup, churn or time column';
    const here = (cols: (string | undefined)[]): string => (cols.some((c) => c !== undefined) ? ` (here perhaps ${cols.filter((c) => c !== undefined).map(q).join(' and ')})` : '');
    if (p.analysis === 'crr') {
      return `${n('analysis.crr')} counts customers per period from their signup and churn times, and ${none}: pass ${n('columns.signup')} <column> ${n('columns.churn')} <column>; ` +
        `a file of lifetimes and a churn flag suits ${n('analysis.survival')} ${n('duration')} <column> ${n('event')} "<column>=<value>"`;
    }
    const way = p.analysis === 'survival'
      ? `for lifetimes given as numbers pass ${n('duration')} <column> ${n('event')} "<column>=<value>"${here([p.lifetime, p.status])}`
      : `for churn given as a status pass ${n('event')} "<column>=<value>"${here([p.status])}`;
    return `${n(`analysis.${p.analysis}`)} needs churn, and ${none}: ${way}, or pass ${n('columns.signup')} <column> ${n('columns.churn')} <column>`;
  },
  inactivityNeedsActivity: (_p: Record<string, never>, n: FieldName) =>
    `${n('inactiveAfter')} infers churn from activity: pass an activity file (${n('input.activity')} <file>)`,
  durationNeedsEvent: (_p: Record<string, never>, n: FieldName) =>
    `${n('duration')} and ${n('event')} go together: pass ${n('duration')} <column> ${n('event')} <column> (or ${n('event')} "<column>=<value>")`,
  untilNeedsSignup: (_p: Record<string, never>, n: FieldName) =>
    `${n('until')} first-activity measures time from signup to the first activity: pass a customers file with ${n('columns.signup')} <column> and an activity file`,
  crrNeedsDates: (_p: Record<string, never>, n: FieldName) =>
    `${n('analysis.crr')} needs signup and churn times (or activity with ${n('inactiveAfter')}); ${n('duration')}/${n('event')} carry no dates`,
  badPeriodBound: (p: { option: string; value: string }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a date or a period such as 2024-03, 2024-Q1 or 2024`,
  emptyPeriodRange: (p: { from: string; to: string }, n: FieldName) =>
    `${n('from')} ${q(p.from)} is after ${n('to')} ${q(p.to)}: the range holds no period`,
  fromAfterAsOf: (p: { from: string; period: string; last: string }, n: FieldName) =>
    `${n('from')} ${q(p.from)} starts after the last ${p.period} that had ended at ${n('asOf')} (${p.last}): no period to report`,
  badNonNegative: (p: { option: string; value: unknown }, n: FieldName) => `${n(p.option)} expects a number >= 0, got ${q(p.value)}`,

  // ---- reasons, value, feedback ---------------------------------------------------
  npsClassNeedsNps: (p: { name: string }, n: FieldName) =>
    `${q(p.name)} is the NPS class of an NPS column: name it with ${n('nps')} <column>`,
  reasonsNeedReason: (p: { files?: readonly FileColumns[] }, n: FieldName) =>
    `${n('analysis.reasons')} needs the reason column(s), the churned customers' reason for leaving: pass ${n('reason')} <column> or ${n('reason')} "<category>,<reason>"` +
    columnsTail(p.files),
  badReasonLevels: (p: { value: string }, n: FieldName) =>
    `${n('reason')} ${q(p.value)}: give one column or two separated by a comma (category, then reason)`,
  outcomeNeedsCustomers: (p: { what?: string; field?: string; value?: string }, n: FieldName) =>
    `${p.field === undefined ? p.what : `${n(p.field)}${p.value === undefined ? '' : ` ${JSON.stringify(p.value)}`}`} is read from the customers table: pass it with ${n('input.customers')} <file> (or as the file)`,
  valueNeedsValue: (_p: Record<string, never>, n: FieldName) =>
    `${n('analysis.value')} needs a value: ${n('value')} <column> (customers table) or ${n('amount')} <column> (activity, summed per customer)`,
  valueOneSource: (_p: Record<string, never>, n: FieldName) => `give ${n('value')} or ${n('amount')}, not both`,
  oneChurnSource: (p: { other: string }, n: FieldName) =>
    `churn comes from one source: ${n('event')} (a status) or ${n(p.other)}, not both`,
  feedbackNeedsScore: (_p: Record<string, never>, n: FieldName) =>
    `${n('analysis.feedback')} needs at least one score column: ${n('nps')}, ${n('csat')} or ${n('ces')}`,
  badScale: (p: { option: string; value: unknown }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a scale such as "1-5" or "1-7" (whole numbers, low-high)`,
  // ---- spec files and outputs ------------------------------------------------------
  specNotJson: (p: { reason: string }) => `not a JSON spec (${p.reason})`,
  specUnknownKey: (p: { path: string; key: string; hint?: string }) =>
    `${p.path}: unknown key ${q(p.key)}${p.hint ? `; did you mean ${q(p.hint)}?` : ''}`,
  specInvalid: (p: { path: string; problem: string }) => `${p.path}: ${p.problem}`,
  specTwoStdout: (_p: Record<string, never>) =>
    'more than one output has no "file": only one output may go to standard output ("file": "-" goes there too)',
  rejectsAndOutputToStdout: (_p: Record<string, never>) =>
    'the rejects ("-") and the result both go to standard output: only one may; give --out (an output\'s "file") or --rejects ("rejects") a file',
  duplicateOutput: (p: { file: string }) => `two outputs write ${q(p.file)}; give each its own file`,
  outputOverInput: (p: { file: string; input?: string }) =>
    `the output ${q(p.file)} is an input of the run${p.input && p.input !== p.file ? ` (${q(p.input)}, the same file)` : ''}: refusing to write over it; choose another file`,
  noSpecKind: (p: { kind: string }) => `--print-spec: ${p.kind} analyses cannot be written as a spec file yet`,
} as const;

/** The name of a catalogued message. */
export type MessageCode = keyof typeof messages;

/** The parameters a catalogued message takes. */
export type MessageParams<C extends MessageCode> = Parameters<(typeof messages)[C]>[0];
