import { Command, Option } from 'commander';
import { executeMatrix } from '../../engine/memory/matrix/execute-matrix.js';
import { fail } from '../../errors.js';
import { toArrow } from '../../export/to-arrow.js';
import { formatMatrix } from '../../export/terminal/format-matrix.js';
import { formatReport } from '../../report/load-report.js';
import { averageTable } from '../../result/average-table.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import { tidyTable } from '../../result/tidy-table.js';
import { wideTable } from '../../result/wide-table.js';
import { planAndLoad } from '../../matrix.js';
import { ANCHORS, GRANULARITIES, MODES, OFFSET_KINDS, WEEK_STARTS, type MatrixSpec } from '../../spec/types.js';
import { DATE_FORMATS } from '../../time/parse-time.js';
import { collect, wholeNumber } from '../arguments.js';
import { writeResult, type OutputFormat } from '../write-result.js';
import type { CliIO } from '../io.js';
import { addRejectOptions, rejectSpec, type RejectFlags } from '../reject-flags.js';
import { csvChunks } from '../../export/csv-chunks.js';
import { jsonChunks } from '../../export/to-json.js';
import { assertNotInput } from '../../export/output-guard.js';
import type { OutputData } from '../../export/write-atomic.js';

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'tidy-csv', 'json', 'arrow'];

interface MatrixOptions extends RejectFlags {
  customers?: string;
  id?: string;
  time?: string;
  signup?: string;
  amount?: string;
  churn?: string;
  anchor?: MatrixSpec['anchor'];
  cohort: string;
  period: MatrixSpec['period'];
  offsets: MatrixSpec['offsets'];
  weekStart: MatrixSpec['weekStart'];
  mode: MatrixSpec['mode'];
  tz: string;
  asOf?: string;
  partial?: boolean;
  maxOffset?: number;
  where: string[];
  dateFormat?: string;
  inputFormat?: MatrixSpec['input']['format'];
  delimiter?: string;
  strict?: boolean;
  format?: OutputFormat;
  out?: string;
  quiet?: boolean;
  timings?: boolean;
  inactiveAfter?: string;
}

/** `kohort matrix [activity]`: the retention matrix. */
export function matrixCommand(io: CliIO): Command {
  return addRejectOptions(new Command('matrix'))
    .description('Retention matrix: cohorts by row, offsets since the anchor by column.')
    .argument('[activity]', 'activity file: one row per event, order line or billed period')
    .option('--customers <file>', 'customers file: one row per customer (attributes, signup, churn)')
    .option('--id <column>', 'customer id column (detected: customer_id, CustomerID, "Customer ID", user_id, ...)')
    .option('--time <column>', 'activity time column (detected: event_time, timestamp, date, InvoiceDate, ...)')
    .option('--signup <column>', 'signup time on the customers table; the anchor when given (else first activity)')
    .option('--amount <column>', 'amount column, or a product of two: "Quantity*UnitPrice" (revenue modes)')
    .option('--churn <column>', 'churn time on the customers table (empty = still a customer)')
    .addOption(new Option('--anchor <anchor>', 'what offsets count from (default: signup when the customers table has one, else first activity)').choices(ANCHORS))
    .option('--cohort <list>', 'comma list of a granularity (the anchor\'s period) and/or attribute columns', 'month')
    .addOption(new Option('--period <granularity>', 'offset granularity').choices(GRANULARITIES).default('month'))
    .addOption(new Option('--offsets <kind>', 'calendar periods, or elapsed time since the anchor').choices(OFFSET_KINDS).default('calendar'))
    .addOption(new Option('--week-start <day>', 'first day of the week').choices(WEEK_STARTS).default('monday'))
    .addOption(new Option('--mode <mode>', 'what each cell shows').choices(MODES).default('classic'))
    .option('--tz <zone>', 'IANA time zone for calendar bucketing', 'UTC')
    .option('--as-of <date>', 'observation end (a date = start of that day); default: end of the last active day')
    .option('--partial', 'show incomplete cells, flagged (default: absent)')
    .option('--max-offset <k>', 'largest offset shown', wholeNumber('--max-offset'))
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; op: = != < <= > >= ^= (starts with) !^=; repeatable', collect, [])
    .addOption(new Option('--date-format <format>', 'format of string dates when sniffing cannot tell').choices(DATE_FORMATS))
    .addOption(new Option('--input-format <format>', 'force the input format').choices(['csv', 'ndjson', 'arrow', 'parquet']))
    .option('--delimiter <char>', 'CSV delimiter (sniffed: comma, tab, semicolon, pipe, whitespace)')
    .option('--strict', 'fail when activity ids are missing from the customers table')
    .option('--inactive-after <duration>', 'infer churn after this long without activity, e.g. 90d')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices(FORMATS))
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .option('-q, --quiet', 'no load report on stderr')
    .option('--timings', 'print phase timings as one JSON line on stderr')
    .addHelpText(
      'after',
      `
Modes:
  classic        share of the cohort active at offset k (default)
  unbounded      share active at offset k or later
  revenue        net revenue retention: revenue at k / revenue at 0
  gross-revenue  sum of min(customer revenue at k, at 0) / revenue at 0
  ltv            cumulative revenue per cohort customer
Formats: table, csv (wide: one row per cohort), tidy-csv (one row per cell), json, arrow (tidy, IPC file).
Cells whose period ends after --as-of are left out (shown flagged with --partial): an
unobserved period never reads as churn.

Examples:
  $ kohort matrix Online_Retail.parquet --id CustomerID --time InvoiceDate --as-of 2012-01-01 \\
      --where "InvoiceNo !^= C" --where "Quantity > 0"
  $ kohort matrix CDNOW_master.txt --date-format YYYYMMDD
  $ kohort matrix events.csv --customers customers.csv --cohort month,channel --mode unbounded`,
    )
    .action(async (activity: string | undefined, opts: MatrixOptions) => {
      await runMatrix(io, activity, opts);
    });
}

async function runMatrix(io: CliIO, activity: string | undefined, o: MatrixOptions): Promise<void> {
  const t0 = performance.now();
  const spec: MatrixSpec = {
    input: { activity, customers: o.customers, format: o.inputFormat, delimiter: o.delimiter },
    columns: { id: o.id, time: o.time, signup: o.signup, amount: o.amount, churn: o.churn },
    anchor: o.anchor,
    cohort: o.cohort.split(','),
    period: o.period,
    offsets: o.offsets,
    weekStart: o.weekStart,
    mode: o.mode,
    tz: o.tz,
    asOf: o.asOf,
    partial: o.partial,
    maxOffset: o.maxOffset,
    where: o.where,
    dateFormat: o.dateFormat,
    strict: o.strict,
    inactiveAfter: o.inactiveAfter,
    ...rejectSpec(o),
  };
  if (!activity && !o.customers) fail('noInput', {});
  if (o.out) assertNotInput(o.out, [activity, o.customers]);
  if (o.rejects) assertNotInput(o.rejects, [activity, o.customers, o.out]);
  const format = o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv');
  const { plan: p, tables } = await planAndLoad(spec, { progress: !o.quiet });
  const t1 = performance.now();
  const result = executeMatrix(p, tables);
  const t2 = performance.now();
  await writeResult(io, { format, out: o.out, inputs: [activity, o.customers] }, () => render(result, format));
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${formatReport(result.report).join('\n')}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}

function render(r: MatrixResult, format: OutputFormat): OutputData {
  switch (format) {
    case 'table':
      return formatMatrix(r);
    case 'csv':
      return csvChunks(wideTable(r));
    case 'tidy-csv':
      return csvChunks(tidyTable(r));
    case 'json':
      return jsonChunks({ spec: r.spec, asOf: r.asOf, rows: tidyTable(r), average: averageTable(r), report: r.report });
    case 'arrow':
      return toArrow(tidyTable(r));
  }
}
