import { InvalidArgumentError, Option, type Command } from 'commander';
import { DATE_FORMATS, type InputSpec } from '../api/spec-fields.js';
import { fail } from '../errors.js';
import { formatsFor, type OutputFormat, type ResultKind } from '../export/formats.js';

/*
 * The option builders the commands share, with the commander parsers they use: one
 * description per option, so every command's --help says the same thing.
 */

/** Commander reducer for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Commander parser for a whole number >= 0, naming the option in its error. */
export function wholeNumber(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(`${option} expects a whole number >= 0, got ${JSON.stringify(value)}.`);
    }
    return n;
  };
}

/** Commander parser for a comma list of numbers (e.g. --at 12,24,48). */
export function numberList(option: string): (value: string) => number[] {
  return (value) => {
    const xs = value.split(',').map((s) => Number(s.trim()));
    if (xs.some((x) => !Number.isFinite(x))) {
      throw new InvalidArgumentError(`${option} expects numbers separated by commas, got ${JSON.stringify(value)}.`);
    }
    return xs;
  };
}

/** Commander parser for a plain number (range checks happen in normalize). */
export function numberArg(option: string): (value: string) => number {
  return (value) => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x)) {
      throw new InvalidArgumentError(`${option} expects a number, got ${JSON.stringify(value)}.`);
    }
    return x;
  };
}

/** The options every analysis command reads its input with (see addInputOptions). */
export interface InputOptions {
  customers?: string;
  id?: string;
  time?: string;
  signup?: string;
  churn?: string;
  inactiveAfter?: string;
  tz: string;
  asOf?: string;
  where: string[];
  dateFormat?: string;
  inputFormat?: InputSpec['format'];
  delimiter?: string;
  strict?: boolean;
  /** false with --no-header. */
  header?: boolean;
  /** --columns a,b,c (with --no-header). */
  columns?: string;
  nps?: string;
  decimal?: string;
  maxRejects?: string;
  rejects?: string;
}

/** The output options of every analysis command (see addOutputOptions). */
export interface OutputOptions {
  format?: OutputFormat;
  out?: string;
  quiet?: boolean;
  timings?: boolean;
  /** Print the spec file of the command line instead of running it. */
  printSpec?: boolean;
  /** false with --no-formula-guard. */
  formulaGuard?: boolean;
}

/** --customers and the column options: id, time, signup, churn. */
export function addColumnOptions(cmd: Command): Command {
  return cmd
    .option('--customers <file>', 'customers file: one row per customer (id, signup, churn, attributes)')
    .option('--id <column>', 'customer id column (detected: customer_id, CustomerID, "Customer ID", user_id, ...)')
    .option('--time <column>', 'activity time column (detected: event_time, timestamp, date, InvoiceDate, ...)')
    .option('--signup <column>', 'signup time on the customers table (else: first activity)')
    .option('--churn <column>', 'churn time on the customers table (empty = still a customer)')
    .option('--nps <column>', 'NPS score column (0-10): makes nps_class (promoter/passive/detractor) a cohort or --by key');
}

/** How the rows are read: churn from inactivity, zone, as-of, filters, formats. */
export function addReadOptions(cmd: Command): Command {
  return cmd
    .option('--inactive-after <duration>', 'infer churn from activity: last activity + this window, e.g. 90d')
    .option('--tz <zone>', 'IANA time zone for dates without an offset and calendar periods', 'UTC')
    .option('--as-of <date>', 'observation end (a date = start of that day); default: end of the latest day in the data')
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; op: = != < <= > >= ^= (starts with) !^=; repeatable', collect, [])
    .addOption(new Option('--date-format <format>', 'format of the time column when sniffing cannot tell (EXCEL: spreadsheet serial days, 45292 = 2024-01-01)').choices(DATE_FORMATS))
    .addOption(new Option('--input-format <format>', 'force the input format').choices(['csv', 'ndjson', 'arrow', 'parquet']))
    .option('--delimiter <char>', 'CSV delimiter (sniffed: comma, tab, semicolon, pipe, whitespace)')
    .option('--strict', 'fail when activity ids are missing from the customers table')
    .option('--no-header', 'CSV files have no header row (name the columns with --columns)')
    .option('--columns <names>', 'with --no-header: the column names in order, e.g. id,sample,date,cds,dollars')
    .option('--decimal <mark>', 'decimal mark of text amounts, "." (1,000.50) or "," (1.000,50); sniffed when the values tell')
    .option('--max-rejects <limit>', 'rows of a file with an unreadable time or amount before the run fails: 0, 1000 or 5% (default 1%)')
    .option('--rejects <file>', 'write each rejected value to this CSV (file,row,column,value,reason)');
}

/** --format (the formats of the export registry that write this result kind), --out, --quiet, --timings, --print-spec. */
export function addOutputOptions(cmd: Command, kind: ResultKind): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table on a terminal, else csv)').choices(formatsFor(kind)))
    .option('--out <file>', 'write here (atomically) instead of stdout; .csv .tsv .json .arrow ... pick the format')
    .option('-q, --quiet', 'no report on stderr')
    .option('--no-formula-guard', "csv/tsv: write texts that start with = + - @ exactly as read (default: a leading ' so spreadsheets show them, not run them)")
    .option('--timings', 'print phase timings as one JSON line on stderr')
    .option('--print-spec', 'print the spec file of this command line (for `kohort run`) instead of running it');
}

/** The input spec fields of --no-header and --columns (--columns needs --no-header). */
export function headerFields(o: { header?: boolean; columns?: string }): Pick<InputSpec, 'header' | 'columnNames'> {
  const columnNames = o.columns?.split(',').map((s) => s.trim());
  if (columnNames && o.header !== false) fail('columnsNeedNoHeader', {});
  if (o.header !== false) return {};
  return columnNames ? { header: false, columnNames } : { header: false };
}

/** The spec fields every analysis shares, from the input options. */
export function inputSpecFields(o: InputOptions) {
  return {
    inactiveAfter: o.inactiveAfter,
    tz: o.tz,
    asOf: o.asOf,
    where: o.where,
    dateFormat: o.dateFormat,
    strict: o.strict,
    nps: o.nps,
    decimal: o.decimal,
    maxRejects: o.maxRejects,
    rejects: o.rejects,
  };
}
