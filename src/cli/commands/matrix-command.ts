import { Command, Option } from 'commander';
import { matrixAnalysis, rewordRevenueBase } from '../../api/matrix.js';
import { ANCHORS, COMPLETENESS, MODES, type MatrixSpec } from '../../api/spec-fields.js';
import { addOffsetOptions, matrixShapeFields, type MatrixShapeOptions } from '../matrix-options.js';
import type { CliIO } from '../io.js';
import { addColumnOptions, addOutputOptions, addReadOptions, headerFields, inputSpecFields, wholeNumber, type InputOptions, type OutputOptions } from '../options.js';
import { runCommand } from '../run-command.js';
import { messageText } from '../../errors.js';
import { formatsFor } from '../../export/formats.js';
import { flagOf } from '../flags.js';
import { outputFormat } from '../output-format.js';
import { addEngineOptions, type EngineFlags } from '../engine-options.js';

interface MatrixOptions extends InputOptions, OutputOptions, EngineFlags, MatrixShapeOptions {
  cohort: string;
  mode: MatrixSpec['mode'];
  partial?: boolean;
  completeness?: MatrixSpec['completeness'];
}

/** `kohort matrix [activity]`: the retention matrix. */
export function matrixCommand(io: CliIO): Command {
  const cmd = new Command('matrix')
    .description('Retention matrix: cohorts by row, offsets since the anchor by column.')
    .argument('[activity]', 'activity file: one row per event, order line or billed period ("-" = standard input; a FIFO works too)');
  addColumnOptions(cmd)
    .option('--amount <column>', 'amount column, or a product of two: "Quantity*UnitPrice" (revenue modes)')
    .addOption(new Option('--anchor <anchor>', 'what offsets count from (default: signup when the customers table has one, else first activity)').choices(ANCHORS))
    .option('--cohort <list>', 'comma list of a granularity (the anchor\'s period) and/or attribute columns', 'month');
  addOffsetOptions(cmd, { help: 'offset granularity (default: day or week for daily or weekly cohorts, else month)' })
    .addOption(new Option('--mode <mode>', 'what each cell shows').choices(MODES).default('classic'))
    .option('--partial', 'show incomplete cells, flagged (default: absent)')
    .addOption(
      new Option('--completeness <kind>', 'strict: a cell waits for the cohort\'s latest member; rolling: each cell counts the members whose period has ended (default: rolling for cohorts without a time part, else strict)').choices(COMPLETENESS),
    )
    .option('--max-offset <k>', 'largest offset shown (default: every offset up to --as-of)', wholeNumber('--max-offset'));
  addEngineOptions(addOutputOptions(addReadOptions(cmd), 'matrix'))
    .addHelpText(
      'after',
      `
Modes:
  classic        share of the cohort active at offset k (default)
  unbounded      share active at offset k or later
  revenue        net revenue retention: revenue at k / revenue at 0
  gross-revenue  sum of min(customer revenue at k, at 0) / revenue at 0
  ltv            cumulative revenue per cohort customer
  survival       share not churned by the end of offset k (--churn, or --inactive-after 90d)
Formats: table, csv (wide: one row per cohort), tidy-csv (one row per cell), tsv (wide), json,
html (a self-contained heatmap page; see also "kohort report"), and typed tidy tables
(docs/schema.md): parquet, arrow (IPC file), arrow-stream (IPC stream, for pipes);
--out r.arrow / r.json / r.parquet / r.html / r.tsv picks the format by itself.
Cells whose period ends after --as-of are left out (shown flagged with --partial): an
unobserved period never reads as churn. Cohorts without a time part (--cohort channel)
collect members over the whole span, so by default each of their cells counts only the
members whose own period at that offset has ended (--completeness rolling; tidy, json
and arrow outputs carry that denominator as "eligible").

Examples:
  $ kohort matrix Online_Retail.parquet --id CustomerID --time InvoiceDate --as-of 2011-12-01 \\
      --where "InvoiceNo !^= C" --where "Quantity > 0"
  $ kohort matrix CDNOW_master.txt --date-format YYYYMMDD
  $ kohort matrix events.csv --customers customers.csv --cohort month,channel --mode unbounded
  $ kohort matrix events.csv --customers customers.csv --cohort channel --format tidy-csv   # rolling

  $ kohort matrix events.parquet --engine duckdb                    (out of core: DuckDB spills to disk)
  $ kohort matrix --engine postgres --url postgres://u@db/app --table events --customers-table customers`,
    )
    .action(async (activity: string | undefined, o: MatrixOptions) => {
      const spec: MatrixSpec = {
        ...inputSpecFields(o),
        input: { activity, customers: o.customers, format: o.inputFormat, delimiter: o.delimiter, ...headerFields(o) },
        ...matrixShapeFields(o),
        cohort: o.cohort.split(','),
        mode: o.mode,
        partial: o.partial,
        completeness: o.completeness,
      };
      await runCommand(io, matrixAnalysis, spec, o, { reword: (r) => rewordRevenueBase(r, flagOf) });
      // The wide CSV has no place for complete = false: an unfinished period would read as observed.
      const format = o.partial && !o.printSpec ? outputFormat(io, o, formatsFor('matrix')) : undefined;
      if (format === 'csv' || format === 'tsv') io.stderr(`kohort: warning: ${messageText('partialWide', { format }, {}, flagOf)}\n`);
    });
  return cmd;
}

