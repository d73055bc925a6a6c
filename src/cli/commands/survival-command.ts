import { Command, InvalidArgumentError, Option } from 'commander';
import { executeSurvival } from '../../engine/memory/churn/execute-survival.js';
import { startChunkWorker } from '../../parallel/run-chunks.js';
import { inputSchema } from '../../engine/memory/prepare/input-tables.js';
import { fail } from '../../errors.js';
import { formatLifetimeReport, formatSurvival } from '../../export/terminal/format-survival.js';
import { toArrow } from '../../export/to-arrow.js';
import { toCSV } from '../../export/to-csv.js';
import { loadInputs } from '../../matrix.js';
import { survivalAtTable, survivalCurveCSV, survivalCurveTable, survivalJSON, type SurvivalResult } from '../../result/survival-result.js';
import { CONF_TYPES } from '../../stats/greenwood.js';
import { LOG_RANK_TESTS } from '../../stats/log-rank.js';
import { DURATION_UNITS, normalizeSurvival, type SurvivalSpec } from '../../spec/survival-spec.js';
import type { InputSpec } from '../../spec/types.js';
import { DATE_FORMATS } from '../../time/parse-time.js';
import { collect, numberList } from '../arguments.js';
import type { CliIO } from '../io.js';
import { writeResult, type OutputFormat } from '../write-result.js';
import { assertNotInput } from '../../export/output-guard.js';
import { addRejectOptions, rejectSpec, type RejectFlags } from '../reject-flags.js';

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'arrow'];

/** Options shared by `kohort survival` and `kohort crr`: inputs, columns, churn, filters. */
export interface ChurnOptions extends RejectFlags {
  customers?: string;
  activity?: string;
  id?: string;
  time?: string;
  signup?: string;
  churn?: string;
  by?: string;
  inactiveAfter?: string;
  tz: string;
  asOf?: string;
  where: string[];
  dateFormat?: string;
  inputFormat?: InputSpec['format'];
  delimiter?: string;
  strict?: boolean;
  format?: OutputFormat;
  out?: string;
  quiet?: boolean;
  timings?: boolean;
}

interface SurvivalOptions extends ChurnOptions {
  duration?: string;
  event?: string;
  unit: SurvivalSpec['unit'];
  ci: SurvivalSpec['ci'];
  confLevel?: number;
  at?: number[];
  test?: SurvivalSpec['test'];
  rho?: number;
  q?: number;
  curve: boolean;
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

/** Add the input, column, churn and filter options of the churn commands. */
export function addChurnOptions(cmd: Command): Command {
  return addRejectOptions(cmd)
    .option('--customers <file>', 'customers file: one row per customer (id, signup, churn, attributes)')
    .option('--activity <file>', 'activity file: one row per event or order (for --inactive-after)')
    .option('--id <column>', 'customer id column (detected: customer_id, CustomerID, user_id, ...)')
    .option('--time <column>', 'activity time column (detected: event_time, timestamp, date, ...)')
    .option('--signup <column>', 'signup time on the customers table (else: first activity)')
    .option('--churn <column>', 'churn time on the customers table (empty = still a customer)')
    .option('--inactive-after <duration>', 'infer churn from activity: last activity + this window, e.g. 90d')
    .option('--by <columns>', 'comma list of group columns, e.g. channel or channel,plan')
    .option('--tz <zone>', 'IANA time zone for dates without an offset and calendar periods', 'UTC')
    .option('--as-of <date>', 'observation end (a date = start of that day); default: end of the latest day in the data')
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; op: = != < <= > >= ^= !^=; repeatable', collect, [])
    .addOption(new Option('--date-format <format>', 'format of string dates when sniffing cannot tell').choices(DATE_FORMATS))
    .addOption(new Option('--input-format <format>', 'force the input format').choices(['csv', 'ndjson', 'arrow', 'parquet']))
    .option('--delimiter <char>', 'CSV delimiter (sniffed when omitted)')
    .option('--strict', 'fail when activity ids are missing from the customers table')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices(FORMATS))
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .option('-q, --quiet', 'no report on stderr')
    .option('--timings', 'print phase timings as one JSON line on stderr');
}

/**
 * The input files of a churn command: the positional file is the customers table, or the
 * activity table when churn is inferred (--inactive-after) and --activity is not given.
 */
export function churnInput(file: string | undefined, o: ChurnOptions): InputSpec {
  let customers = o.customers;
  let activity = o.activity;
  if (file !== undefined) {
    if (o.inactiveAfter !== undefined && activity === undefined) activity = file;
    else if (customers === undefined) customers = file;
    else if (activity === undefined) activity = file;
  }
  if (!customers && !activity) fail('noInput', {});
  return { customers, activity, format: o.inputFormat, delimiter: o.delimiter };
}

/** The spec fields shared by the churn commands. */
export function churnSpecFields(file: string | undefined, o: ChurnOptions) {
  return {
    input: churnInput(file, o),
    columns: { id: o.id, time: o.time, signup: o.signup, churn: o.churn },
    by: o.by === undefined ? undefined : o.by.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    inactiveAfter: o.inactiveAfter,
    tz: o.tz,
    asOf: o.asOf,
    where: o.where,
    dateFormat: o.dateFormat,
    strict: o.strict,
    ...rejectSpec(o),
  };
}

/** Load, compute, render, write and report: the common run of the churn commands. */
export async function runChurnCommand<R extends { report: Parameters<typeof formatLifetimeReport>[0] }>(
  io: CliIO,
  o: ChurnOptions,
  input: InputSpec,
  compute: (tables: Awaited<ReturnType<typeof loadInputs>>) => R,
  render: (r: R, format: OutputFormat) => string | Uint8Array,
  notes: (r: R) => string[] = () => [],
): Promise<void> {
  const t0 = performance.now();
  const format = o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv');
  if (o.out) assertNotInput(o.out, [input.activity, input.customers]);
  if (o.rejects) assertNotInput(o.rejects, [input.activity, input.customers, o.out]);
  const tables = await loadInputs(input, {}, { id: o.id });
  const t1 = performance.now();
  const result = compute(tables);
  const t2 = performance.now();
  await writeResult(io, { format, out: o.out, inputs: [input.activity, input.customers] }, () => render(result, format));
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${[...formatLifetimeReport(result.report), ...notes(result)].join('\n')}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}

/** `kohort survival [file]`: Kaplan-Meier curves per group and the log-rank test. */
export function survivalCommand(io: CliIO): Command {
  const cmd = new Command('survival')
    .description('Kaplan-Meier survival curves per group, median lifetimes, and a log-rank test across the groups.')
    .argument('[file]', 'customers file (the activity file with --inactive-after)');
  addChurnOptions(cmd)
    .option('--duration <column>', 'durations given directly (no dates): a column of lifetimes')
    .option('--event <column>', 'with --duration: a 0/1, yes/no column, or "<column>=<value>" (e.g. "Churn=Yes")')
    .addOption(new Option('--unit <unit>', 'unit of durations from dates (days; weeks = days/7; months = days/(365.25/12))').choices(DURATION_UNITS).default('days'))
    .addOption(new Option('--ci <type>', 'pointwise interval of S(t)').choices(CONF_TYPES).default('log-log'))
    .option('--conf-level <level>', 'confidence level of the intervals (default 0.95)', numberArg('--conf-level'))
    .option('--at <times>', 'comma list of times to report S(t) at (default: 30,90,180,365 days; 4,13,26,52 weeks; 1,3,6,12 months)', numberList('--at'))
    .addOption(new Option('--test <test>', 'test across the groups (default log-rank)').choices(LOG_RANK_TESTS))
    .option('--rho <rho>', 'Fleming-Harrington exponent of S(t-) (alone: selects fleming-harrington)', numberArg('--rho'))
    .option('--q <q>', 'Fleming-Harrington exponent of 1 - S(t-)', numberArg('--q'))
    .option('--no-curve', 'leave the curve out: json without "curve", csv/arrow give S at --at per group')
    .addHelpText(
      'after',
      `
Churn comes from a churn time column (--churn; empty = still a customer), from inactivity
(--inactive-after 90d: churned at last activity + 90 days when that is at or before --as-of),
or from durations given directly (--duration with --event; --unit then only labels them).
A customer not churned by --as-of is censored there. Churn before signup is left out and counted.
Formats: table; csv and arrow (every curve row: group columns, time, n_risk, events, censored,
survival, std_err, lower, upper; with --no-curve S at --at per group); json (per group n,
events, median, S at --at, the curve at every event time; the test; the report).

Examples:
  $ kohort survival customers.csv --id customer_id --signup signup_at --churn churned_at --by channel
  $ kohort survival orders.csv --inactive-after 90d --unit weeks --at 4,13,26
  $ kohort survival Telco-Customer-Churn.csv --duration tenure --event "Churn=Yes" --by Contract --unit months`,
    )
    .action(async (file: string | undefined, o: SurvivalOptions) => {
      const spec: SurvivalSpec = {
        ...churnSpecFields(file, o),
        duration: o.duration,
        event: o.event,
        unit: o.unit,
        ci: o.ci,
        confLevel: o.confLevel,
        at: o.at,
        test: o.test,
        rho: o.rho,
        q: o.q,
      };
      // Groups' curves and their test share a worker thread on big inputs: start it now.
      if (o.by?.length) startChunkWorker();
      await runChurnCommand(
        io,
        o,
        spec.input,
        (tables) => executeSurvival(normalizeSurvival(spec, inputSchema(tables)), tables),
        (r, format) => renderSurvival(r, format, o.curve),
      );
    });
  return cmd;
}

function renderSurvival(r: SurvivalResult, format: OutputFormat, curve: boolean): string | Uint8Array {
  switch (format) {
    case 'table':
      return formatSurvival(r);
    case 'json':
      return `${JSON.stringify(survivalJSON(r, { curve }), null, 2)}\n`;
    case 'arrow':
      return toArrow(curve ? survivalCurveTable(r) : survivalAtTable(r));
    default:
      return curve ? survivalCurveCSV(r) : toCSV(survivalAtTable(r));
  }
}
