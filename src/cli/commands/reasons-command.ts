import { Command, Option } from 'commander';
import { GRANULARITIES, type Granularity } from '../../spec/types.js';
import { executeReasons } from '../../engine/memory/outcomes/execute-reasons.js';
import { inputSchema } from '../../engine/memory/prepare/input-tables.js';
import { formatReasons } from '../../export/terminal/format-reasons.js';
import { toArrow } from '../../export/to-arrow.js';
import { toCSV } from '../../export/to-csv.js';
import { reasonsJSON, reasonsTable, reasonsWideTable, type ReasonsResult } from '../../result/reasons-table.js';
import { normalizeReasons, type ReasonsSpec } from '../../spec/outcome-spec.js';
import type { CliIO } from '../program.js';
import { addChurnOptions, churnSpecFields, runChurnCommand, type ChurnOptions } from './survival-command.js';
import type { OutputFormat } from '../write-result.js';

/** The output formats of the commands over segments (reasons, value, feedback). */
export const SEGMENT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'tidy-csv', 'json', 'arrow'];

/** Options of the commands that split churned from retained customers (reasons, value). */
export interface OutcomeOptions extends ChurnOptions {
  event?: string;
  cohort?: Granularity;
}

/** The --event and --cohort options, shared by reasons and value. */
export function addEventOption(cmd: Command): Command {
  return cmd
    .option(
      '--event <status>',
      'churn as a status of the customers table: "<column>=<value>" (e.g. "Customer Status=Churned"), or a 0/1, yes/no column',
    )
    .addOption(
      new Option('--cohort <granularity>', 'also split by the signup period (else first activity), crossed with --by').choices(GRANULARITIES),
    );
}

export const CHURN_HELP = `
Churn comes from a status (--event "Customer Status=Churned": rows with that value churned,
every other value is retained, an empty one is left out and counted; no dates needed), from a
churn time column (--churn churned_at: churned when it is at or before --as-of), or from
inactivity (--inactive-after 90d on an activity file).`;

/** `kohort reasons [file]`: churned customers' reasons by segment. */
export function reasonsCommand(io: CliIO): Command {
  const cmd = new Command('reasons')
    .description('Why customers left: churned customers per reason (and category), by segment, with shares.')
    .argument('[file]', 'customers file with the reason column(s) (the activity file goes in --activity)');
  addEventOption(addChurnOptions(cmd, SEGMENT_FORMATS))
    .requiredOption('--reason <columns>', 'reason column, or two levels "<category>,<reason>" (e.g. "Churn Category,Churn Reason")')
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
  $ kohort reasons customers.csv --churn churned_at --reason cancel_reason --by plan --as-of 2024-07-01`,
    )
    .action(async (file: string | undefined, o: OutcomeOptions & { reason: string }) => {
      const spec: ReasonsSpec = { ...churnSpecFields(file, o), event: o.event, cohort: o.cohort, reason: o.reason };
      await runChurnCommand(io, o, spec.input, (tables) => executeReasons(normalizeReasons(spec, inputSchema(tables)), tables), renderReasons);
    });
  return cmd;
}

function renderReasons(r: ReasonsResult, format: OutputFormat): string | Uint8Array {
  switch (format) {
    case 'table':
      return formatReasons(r);
    case 'json':
      return `${JSON.stringify(reasonsJSON(r), null, 2)}\n`;
    case 'arrow':
      return toArrow(reasonsTable(r));
    case 'tidy-csv':
      return toCSV(reasonsTable(r));
    default:
      return toCSV(reasonsWideTable(r));
  }
}
