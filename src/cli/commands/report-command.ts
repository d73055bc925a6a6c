import { Command, InvalidArgumentError, Option } from 'commander';
import { reportAnalysis, REPORT_MODES, type ReportSpec } from '../../api/report.js';
import { outputFile } from '../../api/run-spec.js';
import { ANCHORS, MODES } from '../../api/spec-fields.js';
import { addOffsetOptions, matrixShapeFields, type MatrixShapeOptions } from '../matrix-options.js';
import type { Mode } from '../../api/spec-fields.js';
import { fail, messageText } from '../../errors.js';
import type { ResultKinds } from '../../export/formats.js';
import { flagOf } from '../flags.js';
import type { CliIO } from '../io.js';
import { addColumnOptions, addReadOptions, inputSpecFields, wholeNumber, type InputOptions, type OutputOptions } from '../options.js';
import { runCommand } from '../run-command.js';
import { addEngineOptions, type EngineFlags } from '../engine-options.js';

interface ReportOptions extends InputOptions, OutputOptions, EngineFlags, MatrixShapeOptions {
  cohort: string;
  modes: Mode[];
  by?: string;
  reason?: string;
  value?: string;
  partial?: boolean;
  title: string;
  out: string;
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
  const cmd = new Command('report')
    .description('One self-contained HTML report: the retention heatmap, the average curve, CRR per period and, with --by, the comparison.')
    .argument('[activity]', 'activity file: one row per event, order line or billed period');
  addColumnOptions(cmd)
    .option('--amount <column>', 'amount column, or "Quantity*UnitPrice" (revenue modes)')
    .addOption(new Option('--anchor <anchor>', 'what offsets count from (default: signup when the customers table has one, else first activity)').choices(ANCHORS))
    .option('--cohort <list>', 'comma list of a granularity and/or attribute columns', 'month');
  addOffsetOptions(cmd, { help: 'offset granularity, also the CRR period (default: day or week for daily or weekly cohorts, else month)' })
    .option('--modes <list>', `matrix modes to switch between in the page (${MODES.join(', ')})`, modeList, [...REPORT_MODES])
    .option('--by <columns>', 'compare groups: comma list of columns, e.g. channel (curves per group, Kaplan-Meier, log-rank)')
    .option('--reason <columns>', 'churn reason column(s) of the customers table: churned customers by reason (per --by group)')
    .option('--value <column>', 'value column of the customers table: value of churned vs retained customers (default: --amount summed)')
    .option('--partial', 'show incomplete cells, hatched and flagged')
    .option('--max-offset <k>', 'largest offset shown (default: every offset up to --as-of)', wholeNumber('--max-offset'));
  addEngineOptions(addReadOptions(cmd))
    .option('--title <text>', 'page title', 'Customer retention report')
    .addOption(new Option('--format <format>', 'output format (default: html, the only one)').choices(['html']))
    .option('--out <file>', 'the HTML file to write (atomically)', 'retention-report.html')
    .option('-q, --quiet', 'no load report on stderr')
    .option('--timings', 'print phase timings as one JSON line on stderr')
    .option('--print-spec', 'print the spec file of this command line (for `kohort run`) instead of running it')
    .addHelpText(
      'after',
      `
The page opens from disk (no server, nothing fetched), prints on paper and reads on a phone.
CRR and survival need churn: a churn column on the customers table (--churn, detected), or
--inactive-after; a part that cannot be computed is listed at the end of the page.

Examples:
  $ kohort report events.csv --customers customers.csv --out report.html
  $ kohort report events.csv --customers customers.csv --by channel --modes classic,unbounded,revenue --amount amount
  $ kohort report events.csv --customers customers.csv --by plan --reason churn_reason --value monthly_price
  $ kohort report Online_Retail.parquet --id CustomerID --time InvoiceDate --inactive-after 90d --as-of 2011-12-01
  $ kohort report events.parquet --customers customers.parquet --by channel --engine duckdb     (out of core)
  $ kohort report --engine postgres --url postgres://u@db/app --table events --customers-table customers --by plan
A part an engine cannot compute yet is listed at the end of the page (and on stderr) by name.`,
    )
    .action(async (activity: string | undefined, o: ReportOptions) => {
      // A server engine reads --table / --customers-table instead of files.
      if (!activity && !o.customers && !o.table && !o.customersTable) fail('noInput', {});
      const spec: ReportSpec = {
        ...inputSpecFields(o),
        input: { activity, customers: o.customers, format: o.inputFormat, delimiter: o.delimiter },
        ...matrixShapeFields(o),
        cohort: o.cohort.split(','),
        modes: o.modes,
        by: o.by?.split(',').map((s) => s.trim()).filter(Boolean),
        reason: o.reason,
        value: o.value,
        partial: o.partial,
      };
      await runCommand(io, reportAnalysis, spec, o, { write: { title: o.title }, reword: notesWithFlags });
      const file = outputFile(o.out);
      if (!o.printSpec && !o.quiet && file !== undefined) io.stderr(`wrote ${file}\n`);
    });
  return cmd;
}

/** The report's notes worded as the command's errors are: spec fields named by their flags. */
function notesWithFlags(parts: ResultKinds['report']): void {
  for (const n of parts.noteErrors ?? []) {
    parts.notes![n.note] = `${n.part}: ${messageText(n.code as never, n.params as never, n.where, flagOf)}`;
  }
}
