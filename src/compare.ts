import { executeCompare } from './engine/memory/compare/execute-compare.js';
import type { InputTables } from './engine/memory/prepare/input-tables.js';
import { readColumnNames } from './load/read-column-names.js';
import { loadInputs, type LoadInputOptions, type Projection } from './matrix.js';
import { canonicalName, detectColumn } from './spec/detect-column.js';
import { parseWhere } from './spec/parse-where.js';
import type { CompareResult } from './result/compare-result.js';
import type { CompareSpec } from './spec/compare-spec.js';
import { lifetimeTables, type LifetimeInput } from './survival.js';

/*
 * Compare, one way:
 *
 *   files ──loadInputs──▶ Datasets ──executeCompare(spec)──▶ CompareResult
 *         (groups' rolling curves, Newcombe differences, adjusted p, Kaplan-Meier and
 *          log-rank, revenue per customer, summary)
 *         ──compareJSON / compareTidyTable / compareWideTable / formatCompare──▶ outputs
 */

/**
 * compare: load the files a spec names and compare its groups.
 *
 * @example
 * const c = await compare({
 *   input: { activity: 'events.csv', customers: 'customers.csv' },
 *   columns: { signup: 'signup' }, by: 'channel', groups: ['referral', 'organic'],
 *   reference: 'organic', inactiveAfter: '45d',
 * });
 * console.log(c.summary);
 */
export async function compare(spec: CompareSpec, opts: LoadInputOptions = {}): Promise<CompareResult> {
  const tables = await loadInputs(spec.input, await activityProjection(spec), opts);
  return executeCompare(spec, tables);
}

/**
 * The activity columns a comparison can read (id, time, amount, the group and filter
 * columns), so a wide event file is not parsed whole; the customers table is read whole
 * (its roles and group column are resolved later). No projection when the names cannot
 * be read cheaply or a role cannot be told: normalize then reports the problem.
 */
export async function activityProjection(spec: CompareSpec): Promise<Projection> {
  const file = spec.input.activity;
  if (!file || spec.duration !== undefined || spec.event !== undefined) return {};
  const columns = await readColumnNames(file, { format: spec.input.format, delimiter: spec.input.delimiter }).catch(() => undefined);
  if (!columns) return {};
  const named = (given: string | undefined, role: 'id' | 'time'): string | undefined =>
    given === undefined ? detectColumn(role, columns) : columns.find((c) => c === given || canonicalName(c) === canonicalName(given));
  const id = named(spec.columns?.id, 'id');
  const time = named(spec.columns?.time, 'time');
  if (!id || !time) return {};
  const wanted = new Set([id, time]);
  const loose = (name: string): void => {
    const c = columns.find((x) => x === name || canonicalName(x) === canonicalName(name));
    if (c) wanted.add(c);
  };
  const amount = spec.columns?.amount;
  if (amount !== undefined) (columns.includes(amount) ? [amount] : amount.split('*')).forEach((a) => loose(a.trim()));
  loose(spec.by.trim());
  try {
    loose(parseWhere(spec.by).column);
  } catch {
    // --by is a column name, handled above
  }
  for (const w of spec.where ?? []) {
    try {
      loose(typeof w === 'string' ? parseWhere(w).column : w.column);
    } catch {
      return {};
    }
  }
  return { activity: { file, columns: columns.filter((c) => wanted.has(c)) } };
}

/**
 * compareFromTables: the same on in-memory Arquero tables (or Datasets): `{activity,
 * customers}`, or one table (activity, unless durations are given directly: then customers).
 *
 * @example
 * const c = compareFromTables(customers, { by: 'Number of Referrals > 0', duration: 'Tenure', event: 'Status=Churned' });
 */
export function compareFromTables(input: LifetimeInput, spec: Omit<CompareSpec, 'input'>): CompareResult {
  const single = typeof (input as { numRows?: unknown }).numRows === 'function' || ('kinds' in input && 'table' in input);
  const durations = spec.duration !== undefined || spec.event !== undefined;
  const tables: InputTables = lifetimeTables(input, { inactiveAfter: single && !durations ? 'activity' : undefined });
  return executeCompare({ ...spec, input: {} }, tables);
}
