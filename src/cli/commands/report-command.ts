import { Command, InvalidArgumentError, Option } from 'commander';
import { fail } from '../../errors.js';
import { toHTMLReport } from '../../export/html/to-html.js';
import { writeAtomic } from '../../export/write-atomic.js';
import { formatReport } from '../../report/load-report.js';
import { REPORT_MODES, retentionReport, type ReportSpec } from '../../retention-report.js';
import { ANCHORS, GRANULARITIES, MODES, OFFSET_KINDS, WEEK_STARTS, type Mode } from '../../spec/types.js';
import { DATE_FORMATS } from '../../time/parse-time.js';
import { collect, wholeNumber } from '../arguments.js';
import type { CliIO } from '../io.js';

interface ReportOptions {
  customers?: string;
  id?: string;
  time?: string;
  signup?: string;
  amount?: string;
  churn?: string;
  anchor?: ReportSpec['anchor'];
  cohort: string;
  period: ReportSpec['period'];
  offsets: ReportSpec['offsets'];
  weekStart: ReportSpec['weekStart'];
  modes: Mode[];
  by?: string;
  inactiveAfter?: string;
  tz: string;
  asOf?: string;
  partial?: boolean;
  maxOffset?: number;
  where: string[];
  dateFormat?: string;
  inputFormat?: ReportSpec['input']['format'];
  delimiter?: string;
  strict?: boolean;
  title?: string;
  out: string;
  quiet?: boolean;
}

function modeList(value: string): Mode[] {
  const modes = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const m of modes) {
    if (!(MODES as readonly string[]).includes(m)) {
      throw new InvalidArgumentError(`--modes expects a comma list of ${MODES.join(', ')}, got ${JSON.stringify(m)}.`);
    }
  }
  if (!modes.length) throw new InvalidArgumentError('--modes expects at least one mode.');
  return modes as Mode[];
}

/** `kohort report [activity]`: one self-contained HTML page with the matrix, curves, CRR and the comparison. */
export function reportCommand(io: CliIO): Command {
  return new Command('report')
    .description('One self-contained HTML report: the retention heatmap, the average curve, CRR per period and, with --by, the comparison.')
    .argument('[activity]', 'activity file: one row per event, order line or billed period')
    .option('--customers <file>', 'customers file: one row per customer (attributes, signup, churn)')
    .option('--id <column>', 'customer id column (detected when omitted)')
    .option('--time <column>', 'activity time column (detected when omitted)')
    .option('--signup <column>', 'signup time on the customers table; the anchor when given (else first activity)')
    .option('--churn <column>', 'churn time on the customers table (for CRR and survival)')
    .option('--inactive-after <duration>', 'infer churn after this long without activity, e.g. 90d (for CRR and survival)')
    .option('--amount <column>', 'amount column, or "Quantity*UnitPrice" (revenue modes)')
    .addOption(new Option('--anchor <anchor>', 'what offsets count from').choices(ANCHORS))
    .option('--cohort <list>', 'comma list of a granularity and/or attribute columns', 'month')
    .addOption(new Option('--period <granularity>', 'offset granularity (also the CRR period)').choices(GRANULARITIES).default('month'))
    .addOption(new Option('--offsets <kind>', 'calendar periods, or elapsed time since the anchor').choices(OFFSET_KINDS).default('calendar'))
    .addOption(new Option('--week-start <day>', 'first day of the week').choices(WEEK_STARTS).default('monday'))
    .option('--modes <list>', `matrix modes to switch between in the page (${MODES.join(', ')})`, modeList, [...REPORT_MODES])
    .option('--by <columns>', 'compare groups: comma list of columns, e.g. channel (curves per group, Kaplan-Meier, log-rank)')
    .option('--tz <zone>', 'IANA time zone for calendar bucketing', 'UTC')
    .option('--as-of <date>', 'observation end (a date = start of that day)')
    .option('--partial', 'show incomplete cells, hatched and flagged')
    .option('--max-offset <k>', 'largest offset shown', wholeNumber('--max-offset'))
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; repeatable', collect, [])
    .addOption(new Option('--date-format <format>', 'format of string dates when sniffing cannot tell').choices(DATE_FORMATS))
    .addOption(new Option('--input-format <format>', 'force the input format').choices(['csv', 'ndjson', 'arrow', 'parquet']))
    .option('--delimiter <char>', 'CSV delimiter (sniffed when omitted)')
    .option('--strict', 'fail when activity ids are missing from the customers table')
    .option('--title <text>', 'page title', 'Customer retention report')
    .option('--out <file>', 'the HTML file to write (atomically)', 'retention-report.html')
    .option('-q, --quiet', 'no load report on stderr')
    .addHelpText(
      'after',
      `
The page opens from disk (no server, nothing fetched), prints on paper and reads on a phone.
CRR and survival need churn: a churn column on the customers table (--churn, detected), or
--inactive-after; a part that cannot be computed is listed at the end of the page.

Examples:
  $ kohort report events.csv --customers customers.csv --out report.html
  $ kohort report events.csv --customers customers.csv --by channel --modes classic,unbounded,revenue --amount amount
  $ kohort report Online_Retail.parquet --id CustomerID --time InvoiceDate --inactive-after 90d --as-of 2011-12-10`,
    )
    .action(async (activity: string | undefined, o: ReportOptions) => {
      if (!activity && !o.customers) fail('noInput', {});
      const spec: ReportSpec = {
        input: { activity, customers: o.customers, format: o.inputFormat, delimiter: o.delimiter },
        columns: { id: o.id, time: o.time, signup: o.signup, amount: o.amount, churn: o.churn },
        anchor: o.anchor,
        cohort: o.cohort.split(','),
        period: o.period,
        offsets: o.offsets,
        weekStart: o.weekStart,
        modes: o.modes,
        by: o.by?.split(',').map((s) => s.trim()).filter(Boolean),
        inactiveAfter: o.inactiveAfter,
        tz: o.tz,
        asOf: o.asOf,
        partial: o.partial,
        maxOffset: o.maxOffset,
        where: o.where,
        dateFormat: o.dateFormat,
        strict: o.strict,
      };
      const parts = await retentionReport(spec, { progress: !o.quiet });
      const html = toHTMLReport(parts, { title: o.title });
      await writeAtomic(o.out, html);
      if (!o.quiet) {
        io.stderr(`${formatReport(parts.matrices[0].report).join('\n')}\n`);
        for (const n of parts.notes ?? []) io.stderr(`note: left out of the report: ${n}\n`);
      }
      io.stderr(`wrote ${o.out} (${Math.round(Buffer.byteLength(html) / 1024)} KB)\n`);
    });
}
