import { Command } from 'commander';
import type { ChurnInputSpec, InputSpec } from '../api/spec-fields.js';
import { fail } from '../errors.js';
import { addEngineOptions, type EngineFlags } from './engine-options.js';
import { addColumnOptions, addOutputOptions, addReadOptions, headerFields, inputSpecFields, type InputOptions, type OutputOptions } from './options.js';

/** Options shared by `kohort survival` and `kohort crr`: inputs, columns, churn, groups, filters, output. */
export interface ChurnOptions extends InputOptions, OutputOptions, EngineFlags {
  activity?: string;
  by?: string;
}

/** A churn command (`kohort survival`, `kohort crr`) with its shared options. */
export function churnCommand(name: 'survival' | 'crr', description: string, file: string): Command {
  const cmd = new Command(name).description(description).argument('[file]', `${file}; "-" = standard input`);
  addColumnOptions(cmd)
    .option('--activity <file>', 'activity file: one row per event or order (for --inactive-after)')
    .option('--by <columns>', 'comma list of group columns, e.g. channel or channel,plan');
  return addEngineOptions(addOutputOptions(addReadOptions(cmd), name));
}

/**
 * The input files of a churn command: the positional file is the customers table, or the
 * activity table when churn is inferred (--inactive-after) and --activity is not given.
 */
export function churnInput(file: string | undefined, o: ChurnOptions): InputSpec {
  let customers = o.customers;
  let activity = o.activity;
  if (file !== undefined) {
    if (o.inactiveAfter !== undefined && activity === undefined) activity = file;
    else if (customers === undefined) customers = file;
    else if (activity === undefined) activity = file;
  }
  // A server engine reads --table / --customers-table instead of files.
  if (!customers && !activity && !o.table && !o.customersTable) fail('noInput', {});
  return { customers, activity, format: o.inputFormat, delimiter: o.delimiter, ...headerFields(o) };
}

/** The spec fields shared by the churn commands. */
export function churnSpecFields(file: string | undefined, o: ChurnOptions): ChurnInputSpec {
  return {
    ...inputSpecFields(o),
    input: churnInput(file, o),
    columns: { id: o.id, time: o.time, signup: o.signup, churn: o.churn },
    by: o.by === undefined ? undefined : o.by.split(',').map((s) => s.trim()).filter((s) => s !== ''),
  };
}
