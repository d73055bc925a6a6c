/**
 * The group comparison (`kohort compare`, METRICS.md sections 3 and 7): groups of
 * customers split by a column or a condition, compared on their retention curves
 * (rolling completeness), their survival (Kaplan-Meier, log-rank) and, with an amount,
 * their revenue per customer.
 */
import { fail } from '../errors.js';
import { P_ADJUST_METHODS, type PAdjustMethod } from '../stats/adjust-p.js';
import { canonicalName } from './detect-column.js';
import type { InputSchema, TableName } from './normalize.js';
import { oneOf } from './normalize.js';
import { parseWhere } from './parse-where.js';
import type { DurationUnit } from './survival-spec.js';
import type { Filter, MatrixSpec } from './types.js';

/** A comparison request: the inputs and options of a matrix, plus how to form and compare the groups. */
export interface CompareSpec extends Omit<MatrixSpec, 'cohort' | 'completeness' | 'partial'> {
  /**
   * What splits customers into groups: a column ("channel"), or a condition written
   * "<column> <op> <value>" ("Number of Referrals > 0"), parsed like a --where and never
   * evaluated, which splits them in two: "true" and "false" (missing values in neither).
   */
  by: string;
  /** The groups compared (values of the column, or "true"/"false"). Default: every value. */
  groups?: string[];
  /** The group every other is compared with. Default: the largest group. */
  reference?: string;
  /** Adjustment of each group's p-values across offsets. Default "holm". */
  adjust?: PAdjustMethod;
  /** Confidence level of every interval, 0 < level < 1. Default 0.95. */
  confLevel?: number;
  /*
   * `columns.amount` adds revenue per customer: the sum of its activity amounts from the
   * anchor to as-of when the activity table has the column, else a customers-table column
   * ("Total Revenue").
   */
  /** Durations given directly (no dates): a column, with `event`. */
  duration?: string;
  /** With `duration`: "<column>=<value>" (rows with that value had the event) or a 0/1 column. */
  event?: string;
  /** What ends a lifetime in the survival part: churn (default) or the first activity after signup. */
  until?: 'churn' | 'first-activity';
  /** Unit of survival durations derived from dates. Default "days". */
  unit?: DurationUnit;
  /** Times at which to report S(t), in `unit`. */
  at?: number[];
}

export const COMPARE_DEFAULTS = {
  adjust: 'holm',
  confLevel: 0.95,
} as const satisfies Partial<CompareSpec>;

/** The groups' source, resolved: a column, or a condition that splits in two. */
export type GroupBy =
  | { kind: 'column'; column: string; table: TableName }
  | { kind: 'condition'; filter: Filter; table: TableName; text: string };

/**
 * resolveGroupBy: a column of the customers table (else activity), exact or loosely
 * matched; otherwise a condition "<column> <op> <value>" on such a column.
 */
export function resolveGroupBy(by: string, schema: InputSchema): GroupBy {
  const text = by.trim();
  const column = findColumn(text, schema);
  if (column) return { kind: 'column', ...column };
  let filter: Filter | undefined;
  try {
    filter = parseWhere(text);
  } catch {
    filter = undefined;
  }
  if (filter) {
    const found = findColumn(filter.column, schema);
    if (found) return { kind: 'condition', filter: { ...filter, column: found.column }, table: found.table, text };
    return missing(filter.column, schema);
  }
  return missing(text, schema);
}

function findColumn(name: string, schema: InputSchema): { column: string; table: TableName } | undefined {
  const tables: TableName[] = ['customers', 'activity'];
  for (const table of tables) if (schema[table]?.columns.includes(name)) return { column: name, table };
  for (const table of tables) {
    const loose = schema[table]?.columns.find((c) => canonicalName(c) === canonicalName(name));
    if (loose !== undefined) return { column: loose, table };
  }
  return undefined;
}

function missing(name: string, schema: InputSchema): never {
  const all = [...(schema.customers?.columns ?? []), ...(schema.activity?.columns ?? [])];
  const file = schema.customers?.file ?? schema.activity?.file;
  return fail('missingColumn', { role: 'the groups (--by)', name, columns: all }, { file, column: name });
}

/** The comparison's own options, checked. */
export function compareOptions(spec: CompareSpec): { adjust: PAdjustMethod; confLevel: number } {
  const adjust = oneOf('--adjust', spec.adjust ?? COMPARE_DEFAULTS.adjust, P_ADJUST_METHODS);
  const confLevel = spec.confLevel ?? COMPARE_DEFAULTS.confLevel;
  if (!(typeof confLevel === 'number' && confLevel > 0 && confLevel < 1)) fail('badConfLevel', { value: confLevel });
  const mode = spec.mode ?? 'classic';
  if (mode !== 'classic' && mode !== 'unbounded' && mode !== 'survival') fail('compareMode', { mode });
  return { adjust, confLevel };
}
