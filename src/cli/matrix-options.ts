import { Option, type Command } from 'commander';
import { GRANULARITIES, OFFSET_KINDS, WEEK_STARTS, type Granularity, type MatrixSpec } from '../api/spec-fields.js';

/** The flags that shape a matrix: column roles, anchor, offsets (matrix, report, compare, sql). */
export interface MatrixShapeOptions {
  id?: string;
  time?: string;
  signup?: string;
  amount?: string;
  churn?: string;
  anchor?: MatrixSpec['anchor'];
  period?: MatrixSpec['period'];
  offsets: MatrixSpec['offsets'];
  weekStart: MatrixSpec['weekStart'];
  maxOffset?: number;
}

/** --period, --offsets and --week-start; `period` is the command's help (and default) of --period. */
export function addOffsetOptions(cmd: Command, period: { help: string; default?: Granularity }): Command {
  const p = new Option('--period <granularity>', period.help).choices(GRANULARITIES);
  return cmd
    .addOption(period.default === undefined ? p : p.default(period.default))
    .addOption(new Option('--offsets <kind>', 'calendar periods, or elapsed time since the anchor').choices(OFFSET_KINDS).default('calendar'))
    .addOption(new Option('--week-start <day>', 'first day of the week').choices(WEEK_STARTS).default('monday'));
}

/** The spec fields of a matrix's shaping flags: the one mapping the commands share. */
export function matrixShapeFields(o: MatrixShapeOptions): Pick<MatrixSpec, 'columns' | 'anchor' | 'period' | 'offsets' | 'weekStart' | 'maxOffset'> {
  return {
    columns: { id: o.id, time: o.time, signup: o.signup, amount: o.amount, churn: o.churn },
    anchor: o.anchor,
    period: o.period,
    offsets: o.offsets,
    weekStart: o.weekStart,
    maxOffset: o.maxOffset,
  };
}
