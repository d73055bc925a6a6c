import { Command, Option } from 'commander';
import { executeCompare } from '../../engine/memory/compare/execute-compare.js';
import { fail } from '../../errors.js';
import { formatCompare } from '../../export/terminal/format-compare.js';
import { toArrow } from '../../export/to-arrow.js';
import { toCSV } from '../../export/to-csv.js';
import { loadInputs } from '../../matrix.js';
import { activityProjection } from '../../compare.js';
import { formatReport } from '../../report/load-report.js';
import { compareJSON, type CompareResult } from '../../result/compare-result.js';
import { compareTidyTable, compareWideTable } from '../../result/compare-table.js';
import type { CompareSpec } from '../../spec/compare-spec.js';
import { DURATION_UNITS } from '../../spec/survival-spec.js';
import { GRANULARITIES, OFFSET_KINDS, ANCHORS, WEEK_STARTS, type MatrixSpec } from '../../spec/types.js';
import { P_ADJUST_METHODS } from '../../stats/adjust-p.js';
import { DATE_FORMATS } from '../../time/parse-time.js';
import { collect, numberList, wholeNumber } from '../arguments.js';
import type { CliIO } from '../io.js';
import { numberArg } from './survival-command.js';
import { writeResult, type OutputFormat } from '../write-result.js';

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'tidy-csv', 'json', 'arrow'];

interface CompareOptions {
  customers?: string;
  id?: string;
  time?: string;
  signup?: string;
  amount?: string;
  churn?: string;
  anchor?: MatrixSpec['anchor'];
  by: string;
  groups?: string;
  reference?: string;
  adjust: CompareSpec['adjust'];
  confLevel?: number;
  period: MatrixSpec['period'];
  offsets: MatrixSpec['offsets'];
  weekStart: MatrixSpec['weekStart'];
  mode: MatrixSpec['mode'];
  tz: string;
  asOf?: string;
  maxOffset?: number;
  where: string[];
  dateFormat?: string;
  inputFormat?: MatrixSpec['input']['format'];
  delimiter?: string;
  strict?: boolean;
  inactiveAfter?: string;
  duration?: string;
  event?: string;
  until?: CompareSpec['until'];
  unit: CompareSpec['unit'];
  at?: number[];
  format?: OutputFormat;
  out?: string;
  quiet?: boolean;
  timings?: boolean;
}

/** `kohort compare [activity]`: groups of customers compared on retention, survival and revenue. */
export function compareCommand(io: CliIO): Command {
  return new Command('compare')
    .description('Compare groups of customers (referral vs organic, a condition such as "Referrals > 0"): retention per offset with intervals and adjusted p-values, Kaplan-Meier with log-rank, revenue per customer.')
    .argument('[activity]', 'activity file (with --duration: the one table of customers)')
    .requiredOption('--by <column-or-condition>', 'a group column (channel), or a condition that splits in two: "Number of Referrals > 0"')
    .option('--groups <list>', 'comma list of the groups compared (default: every value; "true,false" for a condition)')
    .option('--reference <group>', 'the group the others are compared with (default: the largest)')
    .addOption(new Option('--adjust <method>', 'adjustment of p-values across offsets').choices(P_ADJUST_METHODS).default('holm'))
    .option('--conf-level <level>', 'confidence level of the intervals (default 0.95)', numberArg('--conf-level'))
    .option('--customers <file>', 'customers file: one row per customer (attributes, signup, churn)')
    .option('--id <column>', 'customer id column (detected: customer_id, CustomerID, "Customer ID", user_id, ...)')
    .option('--time <column>', 'activity time column (detected: event_time, timestamp, date, InvoiceDate, ...)')
    .option('--signup <column>', 'signup time on the customers table; the anchor when given (else first activity)')
    .option('--amount <column>', 'revenue per customer: an activity amount (or "A*B"), or a customers column such as "Total Revenue"')
    .option('--churn <column>', 'churn time on the customers table, for the survival part')
    .option('--inactive-after <duration>', 'churn inferred as last activity + this window, e.g. 45d (survival part)')
    .option('--duration <column>', 'durations given directly (no dates): the curves are Kaplan-Meier S at each offset\'s end')
    .option('--event <rule>', 'with --duration: a 0/1 or yes/no column, or "<column>=<value>" (e.g. "Customer Status=Churned")')
    .addOption(new Option('--until <end>', 'what ends a lifetime in the survival part: churn, or the first activity after signup (time to conversion)').choices(['churn', 'first-activity']))
    .addOption(new Option('--unit <unit>', 'unit of survival durations from dates; with --duration, the durations\' own unit (names the offsets)').choices(DURATION_UNITS).default('days'))
    .option('--at <times>', 'comma list of times to report S(t) at, in --unit', numberList('--at'))
    .addOption(new Option('--anchor <anchor>', 'what offsets count from (default: signup when the customers table has one, else first activity)').choices(ANCHORS))
    .addOption(new Option('--period <granularity>', 'offset granularity').choices(GRANULARITIES).default('month'))
    .addOption(new Option('--offsets <kind>', 'calendar periods, or elapsed time since the anchor').choices(OFFSET_KINDS).default('calendar'))
    .addOption(new Option('--week-start <day>', 'first day of the week').choices(WEEK_STARTS).default('monday'))
    .addOption(new Option('--mode <mode>', 'what a group\'s share counts: active at k, active at k or later, not churned by the end of k').choices(['classic', 'unbounded', 'survival']).default('classic'))
    .option('--tz <zone>', 'IANA time zone for calendar bucketing', 'UTC')
    .option('--as-of <date>', 'observation end (a date = start of that day); default: end of the last active day')
    .option('--max-offset <k>', 'largest offset compared', wholeNumber('--max-offset'))
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; repeatable', collect, [])
    .addOption(new Option('--date-format <format>', 'format of string dates when sniffing cannot tell').choices(DATE_FORMATS))
    .addOption(new Option('--input-format <format>', 'force the input format').choices(['csv', 'ndjson', 'arrow', 'parquet']))
    .option('--delimiter <char>', 'CSV delimiter (sniffed: comma, tab, semicolon, pipe, whitespace)')
    .option('--strict', 'fail when activity ids are missing from the customers table')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices(FORMATS))
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .option('-q, --quiet', 'no load report on stderr')
    .option('--timings', 'print phase timings as one JSON line on stderr')
    .addHelpText(
      'after',
      `
Each group's curve is its retention per offset with rolling completeness: at offset k, the
share of the group's customers whose own offset-k period has ended (eligible) who count
(--mode). Each group is compared with the reference at every offset: the difference in
points with a Newcombe (Wilson score) interval, a two-proportion z-test, and its p-value
adjusted across the offsets (--adjust holm|bh|none). With churn (--churn, --inactive-after,
--until first-activity, or --duration/--event): Kaplan-Meier per group and the log-rank
test. With --amount: revenue per customer per group, with intervals.
Without dates (--duration/--event) the curves are Kaplan-Meier S at each offset's end,
compared with Greenwood standard errors.
Formats: table; csv (one row per offset: a value column per group, then diff/lower/upper/
p_adjusted per group); tidy-csv and arrow (one row per group and offset); json ({groups,
differences, survival, revenue, summary}).

Examples:
  $ kohort compare events.csv --customers customers.csv --signup signup --by channel \\
      --groups referral,organic --reference organic --period month --inactive-after 45d
  $ kohort compare telecom_customer_churn.csv --id "Customer ID" --by "Number of Referrals > 0" \\
      --duration "Tenure in Months" --event "Customer Status=Churned" --unit months --amount "Total Revenue"
  $ kohort compare olist_closed_deals_dataset.csv --customers olist_marketing_qualified_leads_dataset.csv \\
      --id mql_id --time won_date --signup first_contact_date --by origin --until first-activity`,
    )
    .action(async (activity: string | undefined, o: CompareOptions) => {
      await runCompare(io, activity, o);
    });
}

async function runCompare(io: CliIO, activity: string | undefined, o: CompareOptions): Promise<void> {
  const t0 = performance.now();
  if (!activity && !o.customers) fail('noInput', {});
  const spec: CompareSpec = {
    input: { activity, customers: o.customers, format: o.inputFormat, delimiter: o.delimiter },
    columns: { id: o.id, time: o.time, signup: o.signup, amount: o.amount, churn: o.churn },
    by: o.by,
    groups: o.groups === undefined ? undefined : o.groups.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    reference: o.reference,
    adjust: o.adjust,
    confLevel: o.confLevel,
    anchor: o.anchor,
    period: o.period,
    offsets: o.offsets,
    weekStart: o.weekStart,
    mode: o.mode,
    tz: o.tz,
    asOf: o.asOf,
    maxOffset: o.maxOffset,
    where: o.where,
    dateFormat: o.dateFormat,
    strict: o.strict,
    inactiveAfter: o.inactiveAfter,
    duration: o.duration,
    event: o.event,
    until: o.until,
    unit: o.unit,
    at: o.at,
  };
  const format = o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv');
  const tables = await loadInputs(spec.input, await activityProjection(spec), { progress: !o.quiet });
  const t1 = performance.now();
  const result = executeCompare(spec, tables);
  const t2 = performance.now();
  await writeResult(io, { format, out: o.out }, () => renderCompare(result, format));
  const t3 = performance.now();
  if (!o.quiet) {
    const lines = result.report ? formatReport(result.report) : [];
    if (result.outside.rows) {
      lines.push(`${result.outside.rows.toLocaleString('en-US')} ${result.outside.table} rows are in no compared group (no value of ${JSON.stringify(result.by)}, or not in --groups): left out, counted as filtered`);
    }
    if (lines.length) io.stderr(`${lines.join('\n')}\n`);
  }
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}

/** The compare result in an output format. */
export function renderCompare(r: CompareResult, format: OutputFormat): string | Uint8Array {
  switch (format) {
    case 'table':
      return formatCompare(r);
    case 'csv':
      return toCSV(compareWideTable(r));
    case 'tidy-csv':
      return toCSV(compareTidyTable(r));
    case 'json':
      return `${JSON.stringify(compareJSON(r), null, 2)}\n`;
    case 'arrow':
      return toArrow(compareTidyTable(r));
  }
}
