import { Command, Option } from 'commander';
import { compareAnalysis } from '../../api/compare.js';
import { ANCHORS, DURATION_UNITS, P_ADJUST_METHODS, type CompareSpec, type MatrixSpec } from '../../api/spec-fields.js';
import { addOffsetOptions, matrixShapeFields, type MatrixShapeOptions } from '../matrix-options.js';
import { addEngineOptions, type EngineFlags } from '../engine-options.js';
import type { CliIO } from '../io.js';
import { addColumnOptions, addOutputOptions, addReadOptions, inputSpecFields, numberArg, numberList, wholeNumber, type InputOptions, type OutputOptions } from '../options.js';
import { runCommand } from '../run-command.js';

interface CompareOptions extends InputOptions, OutputOptions, EngineFlags, MatrixShapeOptions {
  nps?: string;
  by: string;
  groups?: string;
  reference?: string;
  adjust: CompareSpec['adjust'];
  confLevel?: number;
  mode: MatrixSpec['mode'];
  duration?: string;
  event?: string;
  until?: CompareSpec['until'];
  unit?: CompareSpec['unit'];
  at?: number[];
}

/** `kohort compare [activity]`: groups of customers compared on retention, survival and revenue. */
export function compareCommand(io: CliIO): Command {
  const cmd = new Command('compare')
    .description('Compare groups of customers (referral vs organic, a condition such as "Referrals > 0"): retention per offset with intervals and adjusted p-values, Kaplan-Meier with log-rank, revenue per customer.')
    .argument('[activity]', 'activity file (with --duration: the one table of customers)')
    .option('--by <column-or-condition>', 'a group column (channel), or a condition that splits in two: "Number of Referrals > 0"')
    .option('--groups <list>', 'comma list of the groups compared (default: every value; "true,false" for a condition)')
    .option('--reference <group>', 'the group the others are compared with (default: the largest)')
    .addOption(new Option('--adjust <method>', 'adjustment of p-values across offsets').choices(P_ADJUST_METHODS).default('holm'))
    .option('--conf-level <level>', 'confidence level of the intervals (default 0.95)', numberArg('--conf-level'));
  addColumnOptions(cmd)
    .option('--amount <column>', 'revenue per customer: an activity amount (or "A*B"), or a customers column such as "Total Revenue"')
    .option('--duration <column>', 'durations given directly (no dates): the curves are Kaplan-Meier S at each offset\'s end')
    .option('--event <rule>', 'with --duration: a 0/1 or yes/no column, or "<column>=<value>" (e.g. "Customer Status=Churned")')
    .addOption(new Option('--until <end>', 'what ends a lifetime in the survival part: churn (default), or the first activity after signup (time to conversion)').choices(['churn', 'first-activity']))
    .addOption(new Option('--unit <unit>', 'unit of survival durations from dates (default days); with --duration, the durations\' own unit (default: "<column> units")').choices(DURATION_UNITS))
    .option('--at <times>', 'comma list of times to report S(t) at, in --unit (default: 30,90,180,365 days; 4,13,26,52 weeks; 1,3,6,12 months)', numberList('--at'))
    .addOption(new Option('--anchor <anchor>', 'what offsets count from (default: signup when the customers table has one, else first activity)').choices(ANCHORS));
  addOffsetOptions(cmd, { help: 'offset granularity', default: 'month' })
    .addOption(new Option('--mode <mode>', 'what a group\'s share counts: active at k, active at k or later, not churned by the end of k').choices(['classic', 'unbounded', 'survival']).default('classic'))
    .option('--max-offset <k>', 'largest offset compared (default: every offset up to --as-of)', wholeNumber('--max-offset'));
  addEngineOptions(addOutputOptions(addReadOptions(cmd), 'compare'))
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
--engine duckdb|postgres|clickhouse computes the same numbers where the data lives: the
database counts customers per group and offset, durations and revenue sums; the group
column must be on the customers table (see docs/engines.md for the limits).
Formats: table; csv (one row per offset: a value column per group, then diff/lower/upper/
p_adjusted per group); tidy-csv and arrow (one row per group and offset); json ({groups,
differences, survival, revenue, summary}).

Examples:
  $ kohort compare events.csv --customers customers.csv --signup signup_at --by channel \\
      --groups referral,organic --reference organic --period month --inactive-after 45d
  $ kohort compare telecom_customer_churn.csv --id "Customer ID" --by "Number of Referrals > 0" \\
      --duration "Tenure in Months" --event "Customer Status=Churned" --unit months --amount "Total Revenue"
  $ kohort compare olist_closed_deals_dataset.csv --customers olist_marketing_qualified_leads_dataset.csv \\
      --id mql_id --time won_date --signup first_contact_date --by origin --until first-activity
  $ kohort compare events.parquet --customers customers.csv --by channel --inactive-after 45d --engine duckdb
  $ kohort compare --engine postgres --url postgres://u@db/app --table events --customers-table customers --by channel`,
    )
    .action(async (activity: string | undefined, o: CompareOptions) => {
      const spec: CompareSpec = {
        ...inputSpecFields(o),
        input: { activity, customers: o.customers, format: o.inputFormat, delimiter: o.delimiter },
        ...matrixShapeFields(o),
        by: o.by,
        nps: o.nps,
        groups: o.groups === undefined ? undefined : o.groups.split(',').map((x) => x.trim()).filter((x) => x !== ''),
        reference: o.reference,
        adjust: o.adjust,
        confLevel: o.confLevel,
        mode: o.mode,
        duration: o.duration,
        event: o.event,
        until: o.until,
        unit: o.unit,
        at: o.at,
      };
      await runCommand(io, compareAnalysis, spec, o);
    });
  return cmd;
}
