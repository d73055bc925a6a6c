import type { Command } from 'commander';
import type { ValueSpec } from '../../api/spec-fields.js';
import { valueAnalysis } from '../../api/value.js';
import type { CliIO } from '../io.js';
import { runCommand } from '../run-command.js';
import { churnSpecFields } from '../churn-options.js';
import { CHURN_HELP, outcomeCommand, type OutcomeOptions } from '../outcome-options.js';

/** `kohort value [file]`: lifetime value of churned vs retained customers by segment. */
export function valueCommand(io: CliIO): Command {
  return outcomeCommand(
    'value',
    'What was lost: lifetime value of churned vs retained customers (customers, mean, median, total), by segment.',
    'customers file (the activity file with --inactive-after; else pass activity as --activity)',
  )
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
  $ kohort value orders.csv --inactive-after 90d --amount "Quantity*UnitPrice" --by Country
  $ kohort value --engine clickhouse --url http://ch1:8123/ --table orders --inactive-after 90d --amount amount     exact medians in SQL`,
    )
    .action(async (file: string | undefined, o: OutcomeOptions & { value?: string; amount?: string }) => {
      const spec: ValueSpec = { ...churnSpecFields(file, o), event: o.event, cohort: o.cohort, value: o.value, amount: o.amount };
      await runCommand(io, valueAnalysis, spec, o);
    });
}
