import type { Command } from 'commander';
import { reasonsAnalysis } from '../../api/reasons.js';
import type { ReasonsSpec } from '../../api/spec-fields.js';
import type { CliIO } from '../io.js';
import { runCommand } from '../run-command.js';
import { churnSpecFields } from '../churn-options.js';
import { CHURN_HELP, outcomeCommand, type OutcomeOptions } from '../outcome-options.js';

/** `kohort reasons [file]`: churned customers' reasons by segment. */
export function reasonsCommand(io: CliIO): Command {
  return outcomeCommand(
    'reasons',
    'Why customers left: churned customers per reason (and category), by segment, with shares.',
    'customers file with the reason column(s) (the activity file goes in --activity)',
  )
    .option('--reason <columns>', 'reason column, or two levels "<category>,<reason>" (e.g. "Churn Category,Churn Reason")')
    .addHelpText(
      'after',
      `${CHURN_HELP}
Churned customers without a reason are their own row, "(none)". --cohort month adds a
"cohort" column (the signup month; with --event it needs --signup) before the --by columns.
Columns (tidy-csv, json rows, arrow): the --by columns, the reason column(s) (named as in the
input), churned, share (of the segment's churned customers; a segment's rows sum to 1),
share_of_all (of all churned customers; all rows sum to 1), segment_churned, segment_customers.
csv (wide): one row per reason over all segments (churned, share_of_all), then one column per
segment with the reason's share of that segment's churn. json: {"by", "reasons", "as_of",
"customers", "churned", "segments", "rows", "overall", "report"}.

Examples:
  $ kohort reasons telecom_customer_churn.csv --id "Customer ID" --event "Customer Status=Churned" \\
      --reason "Churn Category" --by Contract
  $ kohort reasons telecom_customer_churn.csv --id "Customer ID" --event "Customer Status=Churned" \\
      --reason "Churn Category,Churn Reason" --format tidy-csv --out reasons.csv
  $ kohort reasons customers.csv --signup signup_at --churn churned_at --reason churn_reason --by plan --cohort quarter
  $ kohort reasons --engine postgres --url postgres://analyst@db/app --customers-table crm.telecom \\
      --id "Customer ID" --event "Customer Status=Churned" --reason "Churn Category" --by Contract     where the data lives`,
    )
    .action(async (file: string | undefined, o: OutcomeOptions & { reason: string }) => {
      const spec: ReasonsSpec = { ...churnSpecFields(file, o), event: o.event, cohort: o.cohort, reason: o.reason };
      await runCommand(io, reasonsAnalysis, spec, o);
    });
}
