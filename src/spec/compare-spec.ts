/**
 * The group comparison (`kohort compare`, METRICS.md sections 3 and 7): groups of
 * customers split by a column or a condition, compared on their retention curves
 * (rolling completeness), their survival (Kaplan-Meier, log-rank) and, with an amount,
 * their revenue per customer.
 */
import { fail } from '../errors.js';
import { P_ADJUST_METHODS, type PAdjustMethod } from '../stats/adjust-p.js';
import { detectColumn } from './detect-column.js';
import type { InputSchema, TableName } from './input-schema.js';
import { oneOf } from './normalize.js';
import { npsClassAttribute } from './nps-class.js';
import { parseWhere } from './parse-where.js';
import { readingOptions } from './reject-options.js';
import { matchColumn, missingInTables, tableColumns } from './resolve-column.js';
import type { SurvivalSpec } from './survival-spec.js';
import type { DurationUnit } from './units.js';
import type { Filter, MatrixSpec } from './types.js';

/** A comparison request: the inputs and options of a matrix, plus how to form and compare the groups. */
export interface CompareSpec extends Omit<MatrixSpec, 'cohort' | 'completeness' | 'partial'> {
  /**
   * What splits customers into groups: a column ("channel"), or a condition written
   * "<column> <op> <value>" ("Number of Referrals > 0"), parsed like a --where and never
   * evaluated, which splits them in two: "true" and "false" (missing values in neither).
   * At most 1,000 groups are compared (MAX_GROUPS); more is an error naming the column.
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

/** The defaults of a {@link CompareSpec}'s optional keys. */
export const COMPARE_DEFAULTS = {
  adjust: 'holm',
  confLevel: 0.95,
} as const satisfies Partial<CompareSpec>;

/** The groups' source, resolved: a column, or a condition that splits in two. */
export type GroupBy =
  | { kind: 'column'; column: string; table: TableName; /** "nps_class": the NPS score column it is the class of. */ nps?: string }
  | { kind: 'condition'; filter: Filter; table: TableName; text: string };

/**
 * resolveGroupBy: "nps_class" (the NPS class of the `nps` column: detractor, passive,
 * promoter), a column of the customers table (else activity), exact or loosely matched;
 * otherwise a condition "<column> <op> <value>" on such a column.
 */
export function resolveGroupBy(by: string | undefined, schema: InputSchema, nps?: string): GroupBy {
  const text = (by ?? '').trim();
  if (text === '') fail('compareNeedsBy', { files: tableColumns(schema) });
  const npsClass = npsClassAttribute(text, nps, schema);
  if (npsClass) return { kind: 'column', column: npsClass.column, table: npsClass.table, nps: npsClass.nps };
  // Loose matching ignores punctuation: "price >" (a condition missing its value) must
  // not read as the column "price", splitting by every price instead of failing.
  const condition = /[=<>!^~]/.test(text);
  const column = condition ? exactColumn(text, schema) : findColumn(text, schema);
  if (column) return { kind: 'column', ...column };
  let filter: Filter | undefined;
  try {
    filter = parseWhere(text);
  } catch {
    if (condition) fail('badGroupCondition', { value: text });
    filter = undefined;
  }
  if (filter) {
    const found = findColumn(filter.column, schema);
    if (found) return { kind: 'condition', filter: { ...filter, column: found.column }, table: found.table, text };
    return missing(filter.column, schema);
  }
  return missing(text, schema);
}

function exactColumn(name: string, schema: InputSchema): { column: string; table: TableName } | undefined {
  const tables: TableName[] = ['customers', 'activity'];
  for (const table of tables) if (schema[table]?.columns.includes(name)) return { column: name, table };
  return undefined;
}

function findColumn(name: string, schema: InputSchema): { column: string; table: TableName } | undefined {
  const exact = exactColumn(name, schema);
  if (exact) return exact;
  const tables: TableName[] = ['customers', 'activity'];
  for (const table of tables) {
    const t = schema[table];
    const loose = t && matchColumn(name, t.columns, { role: 'the groups', file: t.file });
    if (loose !== undefined) return { column: loose, table };
  }
  return undefined;
}

/** The name of the group column a comparison adds (or replaces): the --by column, or the condition's text. */
export function groupColumnName(by: GroupBy, columns: readonly string[]): string {
  if (by.kind === 'column') return by.column;
  return columns.includes(by.text) ? `${by.text} (group)` : by.text;
}

/** The matrix and survival requests a comparison makes, on tables that carry its group column. */
export interface CompareParts {
  /** The curves (dated data); undefined with durations given directly. */
  matrix?: MatrixSpec;
  /** Kaplan-Meier and log-rank, when churn can be known; undefined otherwise. */
  survival?: SurvivalSpec;
}

/**
 * compareParts: the group column `name` as the cohort (rolling completeness) and as the
 * survival groups, with a filter that leaves out the customers in no compared group; the
 * survival part when a churn source is given or the customers table has a churn column.
 * `asOf` (the curves' as-of) is passed on so both parts see the same customers.
 */
export function compareParts(spec: CompareSpec, name: string, schema: InputSchema, asOf?: string): CompareParts {
  // The rows in a group (a value, kept by --groups): its own reason in the report (noGroup).
  const inGroup: Filter & { group: true } = { column: name, op: '^=', value: '', group: true };
  const where: (string | Filter)[] = [...(spec.where ?? []), inGroup];
  const durations = spec.duration !== undefined || spec.event !== undefined;
  const { amount: _amount, ...roles } = spec.columns ?? {};
  // How values are read holds for every part; the rejects file is written once, by the first part.
  const reading = readingOptions(spec);
  const matrix: MatrixSpec | undefined = durations
    ? undefined
    : {
        input: {},
        columns: roles,
        cohort: [name],
        completeness: 'rolling',
        where,
        period: spec.period,
        offsets: spec.offsets,
        weekStart: spec.weekStart,
        mode: spec.mode ?? 'classic',
        tz: spec.tz,
        asOf: spec.asOf,
        maxOffset: spec.maxOffset,
        anchor: spec.anchor,
        ...reading,
        rejects: spec.rejects,
        // Churn from inactivity is the survival part's; the matrix takes it only in survival mode.
        inactiveAfter: (spec.mode ?? 'classic') === 'survival' ? spec.inactiveAfter : undefined,
      };
  // Churn inferred from inactivity replaces a churn column: only one named by the user is
  // passed on beside inactiveAfter (the survival part then says they contradict).
  const detect = schema.customers && spec.inactiveAfter === undefined;
  const churn = roles.churn ?? (detect ? detectColumn('churn', schema.customers!.columns) : undefined);
  const hasChurn = durations || churn !== undefined || spec.inactiveAfter !== undefined || spec.until === 'first-activity';
  const survival: SurvivalSpec | undefined = hasChurn
    ? {
        input: {},
        columns: { ...roles, churn },
        by: [name],
        inactiveAfter: spec.inactiveAfter,
        until: spec.until,
        anchor: spec.anchor,
        tz: spec.tz,
        asOf: asOf ?? spec.asOf,
        where,
        ...reading,
        ...(durations ? { rejects: spec.rejects } : {}),
        duration: spec.duration,
        event: spec.event,
        unit: spec.unit,
        at: spec.at,
        confLevel: spec.confLevel,
      }
    : undefined;
  return { matrix, survival };
}

/** Where revenue per customer is read, resolved against the tables' columns. */
export type RevenueColumn = { table: 'activity'; columns: string[] } | { table: 'customers'; column: string };

/**
 * revenueColumn: `columns.amount` on the activity table (a column, or "A*B"), else a
 * customers-table column; durations given directly read it from their one table.
 */
export function revenueColumn(amount: string, schema: InputSchema, durations: boolean): RevenueColumn {
  const act = schema.activity;
  const cus = schema.customers;
  if (!durations && act) {
    const whole = matchColumn(amount, act.columns, { role: 'revenue per customer', file: act.file });
    if (whole !== undefined) return { table: 'activity', columns: [whole] };
    const parts = amount.split('*').map((x) => x.trim());
    const found = parts.map((x) => matchColumn(x, act.columns, { role: 'revenue per customer', file: act.file }));
    if (parts.length === 2 && found.every((x) => x !== undefined)) return { table: 'activity', columns: found as string[] };
  }
  const only = durations ? (cus ?? act!) : cus;
  const column = only && matchColumn(amount, only.columns, { role: 'revenue per customer', file: only.file });
  if (column !== undefined) return { table: 'customers', column };
  return missingInTables(amount, schema, durations ? [cus ? 'customers' : 'activity'] : ['activity', 'customers'], { role: 'revenue per customer', field: 'columns.amount' });
}

function missing(name: string, schema: InputSchema): never {
  return missingInTables(name, schema, ['customers', 'activity'], { role: 'the groups', field: 'by' });
}

/** The comparison's own options, checked. */
export function compareOptions(spec: CompareSpec): { adjust: PAdjustMethod; confLevel: number } {
  const adjust = oneOf('adjust', spec.adjust ?? COMPARE_DEFAULTS.adjust, P_ADJUST_METHODS);
  const confLevel = spec.confLevel ?? COMPARE_DEFAULTS.confLevel;
  if (!(typeof confLevel === 'number' && confLevel > 0 && confLevel < 1)) fail('badConfLevel', { value: confLevel });
  const mode = spec.mode ?? 'classic';
  if (mode !== 'classic' && mode !== 'unbounded' && mode !== 'survival') fail('compareMode', { mode });
  return { adjust, confLevel };
}
