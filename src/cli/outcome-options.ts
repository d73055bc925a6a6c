import { Command, Option } from 'commander';
import { GRANULARITIES, type Granularity } from '../api/spec-fields.js';
import { addColumnOptions, addOutputOptions, addReadOptions } from './options.js';
import type { ChurnOptions } from './churn-options.js';
import { addEngineOptions } from './engine-options.js';

/** Options of the commands that split churned from retained customers (reasons, value). */
export interface OutcomeOptions extends ChurnOptions {
  event?: string;
  cohort?: Granularity;
}

/** How churn is told apart, for the --help of reasons and value. */
export const CHURN_HELP = `
Churn comes from a status (--event "Customer Status=Churned": rows with that value churned,
every other value is retained, an empty one is left out and counted; no dates needed), from a
churn time column (--churn churned_at: churned when it is at or before --as-of), or from
inactivity (--inactive-after 90d on an activity file).`;

/**
 * A command over churned and retained customers (`kohort reasons`, `kohort value`) with its
 * options: inputs and columns, churn (--event, --churn, --inactive-after), --by, --cohort,
 * the read options and the output options of its result kind.
 */
export function outcomeCommand(name: 'reasons' | 'value', description: string, file: string): Command {
  const cmd = new Command(name).description(description).argument('[file]', file);
  addColumnOptions(cmd)
    .option('--activity <file>', 'activity file: one row per event or order (for --inactive-after or --amount)')
    .option(
      '--event <status>',
      'churn as a status of the customers table: "<column>=<value>" (e.g. "Customer Status=Churned"), or a 0/1, yes/no column',
    )
    .option('--by <columns>', 'comma list of segment columns, e.g. Contract or Contract,Offer')
    .addOption(new Option('--cohort <granularity>', 'also split by the signup period (else first activity), crossed with --by').choices(GRANULARITIES));
  return addEngineOptions(addOutputOptions(addReadOptions(cmd), name));
}
