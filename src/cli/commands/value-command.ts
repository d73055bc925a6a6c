import { Command } from 'commander';
import { executeValue } from '../../engine/memory/outcomes/execute-value.js';
import { inputSchema } from '../../engine/memory/prepare/input-tables.js';
import { formatValue } from '../../export/terminal/format-value.js';
import { toArrow } from '../../export/to-arrow.js';
import { toCSV } from '../../export/to-csv.js';
import { valueJSON, valueTable, valueWideTable, type ValueResult } from '../../result/value-table.js';
import { normalizeValue, type ValueSpec } from '../../spec/outcome-spec.js';
import type { CliIO } from '../program.js';
import { addEventOption, CHURN_HELP, SEGMENT_FORMATS, type OutcomeOptions } from './reasons-command.js';
import { addChurnOptions, churnSpecFields, runChurnCommand } from './survival-command.js';
import type { OutputFormat } from '../write-result.js';

/** `kohort value [file]`: lifetime value of churned vs retained customers by segment. */
export function valueCommand(io: CliIO): Command {
  const cmd = new Command('value')
    .description('What was lost: lifetime value of churned vs retained customers (customers, mean, median, total), by segment.')
    .argument('[file]', 'customers file (the activity file with --inactive-after; else pass activity as --activity)');
  addEventOption(addChurnOptions(cmd, SEGMENT_FORMATS))
    .option('--value <column>', 'a value per customer on the customers table, e.g. "Total Revenue"')
    .option('--amount <column>', 'or an activity amount (a column or "Quantity*UnitPrice"), summed per customer up to --as-of')
    .addHelpText(
      'after',
      `${CHURN_HELP}
Retained = not churned at --as-of (every status but the churned one with --event).
Customers without a value are counted (missing) and left out of mean, median and total; with
--amount a customer without activity has 0.
Columns (tidy-csv, json rows, arrow): the --by columns, status (churned, retained), customers,
mean, median, total, share_of_total (of the segment's total), missing. csv (wide): one row per
segment, customers_churned, customers_retained, mean_churned, mean_retained, ...
json: {"by", "value", "as_of", "rows", "overall", "report"}.

Examples:
  $ kohort value telecom_customer_churn.csv --id "Customer ID" --event "Customer Status=Churned" --value "Total Revenue"
  $ kohort value telecom_customer_churn.csv --event "Customer Status=Churned" --value "Total Revenue" --by Contract,Offer
  $ kohort value orders.csv --inactive-after 90d --amount "Quantity*UnitPrice" --by Country`,
    )
    .action(async (file: string | undefined, o: OutcomeOptions & { value?: string; amount?: string }) => {
      const spec: ValueSpec = { ...churnSpecFields(file, o), event: o.event, cohort: o.cohort, value: o.value, amount: o.amount };
      await runChurnCommand(io, o, spec.input, (tables) => executeValue(normalizeValue(spec, inputSchema(tables)), tables), renderValue, valueNotes);
    });
  return cmd;
}

/** A stderr note on customers without a value (the `missing` column). */
function valueNotes(r: ValueResult): string[] {
  const missing = r.overall.missing[0] + r.overall.missing[1];
  if (!missing) return [];
  return [`  ${missing.toLocaleString('en-US')} customers without a ${JSON.stringify(r.valueName)} value: counted in "missing", left out of mean, median and total`];
}

function renderValue(r: ValueResult, format: OutputFormat): string | Uint8Array {
  switch (format) {
    case 'table':
      return formatValue(r);
    case 'json':
      return `${JSON.stringify(valueJSON(r), null, 2)}\n`;
    case 'arrow':
      return toArrow(valueTable(r));
    case 'tidy-csv':
      return toCSV(valueTable(r));
    default:
      return toCSV(valueWideTable(r));
  }
}
