import { plan } from '../../plan/matrix-plan.js';
import type { InputSchema } from '../../load/input-tables.js';
import { normalize } from '../../spec/normalize.js';
import type { MatrixSpec } from '../../spec/types.js';
import { parseWhere } from '../../spec/parse-where.js';
import { timeZone } from '../../time/zone.js';
import { endOfLatestDay } from '../../time/end-of-latest-day.js';
import type { DialectName, TimeType } from './dialect.js';
import { DIALECTS } from './dialects/index.js';
import { compileMatrix } from './matrix-sql.js';
import { type ColumnType, SqlBuilder, type SqlSources, type SqlTable } from './sql-builder.js';
import { compileLifetimes, survivalRowsText, type LifetimesShape } from './lifetimes-sql.js';
import { normalizeCrr, type CrrSpec, type NormalizedCrrSpec } from '../../spec/crr-spec.js';
import { normalizeSurvival, type SurvivalSpec } from '../../spec/survival-spec.js';

/** What `kohort sql` knows of the tables without a connection. */
export interface PrintSqlOptions {
  dialect: DialectName;
  /** The activity table (schema.table allowed). */
  table: string;
  customersTable?: string;
  /** How the time columns hold time (default `instant`: TIMESTAMPTZ / TIMESTAMP / DateTime). */
  timeType?: TimeType;
  /** Columns holding numbers (amounts, numeric filters); the amount columns are numbers anyway. */
  numbers?: string[];
  /** When the spec has no as-of: the instant used (default: the start of today in the zone). */
  now?: number;
}

function table(o: Pick<PrintSqlOptions, 'dialect' | 'timeType'>, name: string, columns: string[], times: string[], numbers: string[]): SqlTable {
  const d = DIALECTS[o.dialect];
  const types: Record<string, ColumnType> = {};
  for (const c of columns) types[c] = times.includes(c) ? (o.timeType ?? 'instant') : numbers.includes(c) ? 'number' : 'text';
  return { from: name.split('.').map((p) => d.ident(p)).join('.'), name, types };
}

/**
 * matrixSqlText: the SQL of a matrix spec in a dialect, for users to run on their own
 * warehouse. Columns are the spec's (id and time default to customer_id and event_time);
 * the result rows are cohort sizes and cell counts (see the header comment it starts with).
 */
export function matrixSqlText(spec: MatrixSpec, o: PrintSqlOptions): string {
  const roles = { id: 'customer_id', time: 'event_time', ...spec.columns };
  const where = (spec.where ?? []).map((w) => (typeof w === 'string' ? parseWhere(w) : w));
  const attrs = (spec.cohort ?? []).filter((c) => !['day', 'week', 'month', 'quarter', 'year'].includes(c.trim().toLowerCase()));
  const amount = roles.amount ? roles.amount.split('*').map((s) => s.trim()) : [];
  const numbers = [...amount, ...(o.numbers ?? [])];
  // Attributes are the customers table's when there is one, else the activity table's.
  const actCols = [roles.id, roles.time, ...amount, ...where.map((w) => w.column), ...(o.customersTable ? [] : attrs)];
  const schema: InputSchema = {};
  const cusTimes = [roles.signup, roles.churn].filter((c): c is string => !!c);
  let customers: SqlTable | undefined;
  if (o.customersTable) {
    const cusCols = [roles.id, ...cusTimes, ...attrs];
    schema.customers = { file: o.customersTable, columns: [...new Set(cusCols)] };
    customers = table(o, o.customersTable, schema.customers.columns as string[], cusTimes, numbers);
  }
  schema.activity = { file: o.table, columns: [...new Set(actCols)] };
  const activity = table(o, o.table, schema.activity.columns as string[], [roles.time], numbers);
  const zone = timeZone(spec.tz ?? 'UTC');
  const asOfDefault = spec.asOf === undefined;
  const p = plan(normalize({ ...spec, columns: roles, input: { activity: o.table, customers: o.customersTable } }, schema));
  const now = o.now ?? Date.now();
  const asOf = p.spec.asOf ?? endOfLatestDay([Float64Array.of(now - 86_400_000)], zone);
  const sql = compileMatrix(new SqlBuilder(DIALECTS[o.dialect]), p, { activity, customers }, { asOf, zone });
  const header = [
    `-- kohort ${p.spec.mode} retention matrix, ${o.dialect} dialect`,
    `-- as-of ${new Date(asOf).toISOString()}${asOfDefault ? ' (no --as-of given: the start of today)' : ''}, time zone ${p.spec.tz}, ${p.spec.offsets} ${p.spec.period} offsets`,
    '-- Rows: kind = s: one per cohort, n = cohort size, lo/hi = first/last anchor period (or epoch ms, elapsed offsets);',
    '--       kind = c: one per cohort and offset k, n = distinct active customers, rev = sum of amounts,',
    '--                 gross = sum of min(revenue at k, revenue at 0); k = -1 counts rows before the anchor (lo);',
    '--       kind = h: unbounded / survival histograms, n customers whose last (active / alive) offset is k.',
    '-- Cohort keys: kt (period index of the anchor: day number, week, year*12+month, year*4+quarter, year), ka0.. attributes.',
    '-- Retention = n(c) / n(s); a cell is complete when its period (of the cohort\'s latest anchor) ends by as-of.',
  ];
  return `${header.join('\n')}\n${sql};\n`;
}

/** What `kohort sql --analysis survival|crr` prints for. */
export interface ChurnSqlOptions extends Omit<PrintSqlOptions, 'table'> {
  analysis: 'survival' | 'crr';
  /** The activity table (for a first-activity anchor or inferred churn). */
  table?: string;
}

/**
 * churnSqlText: the lifetimes SQL of a survival or CRR spec in a dialect: per group, the
 * tally of durations (ms) and events (survival; Kaplan-Meier and the log-rank test are then
 * computed from it), or the customers per signup and churn period (CRR).
 */
export function churnSqlText(spec: SurvivalSpec | CrrSpec, o: ChurnSqlOptions): string {
  const roles = { id: 'customer_id', time: 'event_time', ...spec.columns };
  const by = (spec.by ?? []).map((s) => s.trim()).filter((s) => s !== '');
  const where = (spec.where ?? []).map((w) => (typeof w === 'string' ? parseWhere(w) : w));
  const numbers = o.numbers ?? [];
  const schema: InputSchema = {};
  const src: SqlSources = {};
  const duration = 'duration' in spec ? spec.duration : undefined;
  const event = 'event' in spec && spec.event ? spec.event.split('=')[0].trim() : undefined;
  if (o.customersTable) {
    const times = [roles.signup, roles.churn].filter((c): c is string => !!c);
    const cols = [...new Set([roles.id, ...times, ...by, ...where.map((w) => w.column), ...(duration ? [duration] : []), ...(event ? [event] : [])])];
    schema.customers = { file: o.customersTable, columns: cols };
    src.customers = table(o, o.customersTable, cols, times, duration ? [...numbers, duration] : numbers);
  }
  if (o.table) {
    const cols = [...new Set([roles.id, roles.time, ...(o.customersTable ? [] : by)])];
    schema.activity = { file: o.table, columns: cols };
    src.activity = table(o, o.table, cols, [roles.time], numbers);
  }
  const input = { customers: o.customersTable, activity: o.table };
  const zone = timeZone(spec.tz ?? 'UTC');
  const n = o.analysis === 'survival' ? normalizeSurvival({ ...(spec as SurvivalSpec), by, columns: roles, input }, schema) : normalizeCrr({ ...(spec as CrrSpec), by, columns: roles, input }, schema);
  const asOf = n.asOf ?? endOfLatestDay([Float64Array.of((o.now ?? Date.now()) - 86_400_000)], zone);
  const shape: LifetimesShape =
    o.analysis === 'survival' ? { kind: 'durations' } : { kind: 'periods', period: (n as NormalizedCrrSpec).period, weekStart: (n as NormalizedCrrSpec).weekStart };
  const sql = compileLifetimes(new SqlBuilder(DIALECTS[o.dialect]), n, src, { asOf, zone, shape });
  const header = [
    `-- kohort ${o.analysis} lifetimes, ${o.dialect} dialect, as-of ${new Date(asOf).toISOString()}${n.asOf === undefined ? ' (no --as-of given: the start of today)' : ''}, time zone ${n.tz}`,
    o.analysis === 'survival'
      ? `-- Rows${survivalRowsText(n, DIALECTS[o.dialect].windows)}.`
      : '-- Rows: per group (ka0..), sp = signup period, cp = churn period (2147483647 = none by as-of), n = customers; period indices as in `kohort sql --help`.',
  ];
  return `${header.join('\n')}\n${sql};\n`;
}

