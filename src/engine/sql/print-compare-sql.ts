import type { InputSchema } from '../../load/input-tables.js';
import { plan } from '../../plan/matrix-plan.js';
import { compareParts, resolveGroupBy, revenueColumn, type CompareSpec } from '../../spec/compare-spec.js';
import { normalize } from '../../spec/normalize.js';
import { parseWhere } from '../../spec/parse-where.js';
import { normalizeSurvival } from '../../spec/survival-spec.js';
import { resolveDateFormat } from '../../time/date-format.js';
import { timeZone } from '../../time/zone.js';
import { endOfLatestDay } from '../../time/end-of-latest-day.js';
import type { ColumnType, SqlSources, SqlTable } from './sql-builder.js';
import { SqlBuilder } from './sql-builder.js';
import { DIALECTS } from './dialects/index.js';
import { groupCountsSql, groupedTable } from './group-column-sql.js';
import { compileLifetimes, survivalRowsText } from './lifetimes-sql.js';
import { compileMatrix } from './matrix-sql.js';
import type { PrintSqlOptions } from './print-sql.js';
import { compileDurationRevenue, compileRevenue } from './revenue-sql.js';

/** What `kohort sql --analysis compare` prints for: the activity table is optional with durations given directly. */
export interface CompareSqlOptions extends Omit<PrintSqlOptions, 'table'> {
  table?: string;
}

/** One statement a comparison runs, with what its rows are. */
export interface CompareStatement {
  title: string;
  sql: string;
}

function sqlTable(o: CompareSqlOptions, name: string, columns: string[], times: string[], numbers: string[]): SqlTable {
  const d = DIALECTS[o.dialect];
  const types: Record<string, ColumnType> = {};
  for (const c of columns) types[c] = times.includes(c) ? (o.timeType ?? 'instant') : numbers.includes(c) ? 'number' : 'text';
  return { from: name.split('.').map((p) => d.ident(p)).join('.'), name, types };
}

/**
 * compareStatements: the SQL a comparison runs, in a dialect, for users to run on their
 * own warehouse: the rows per group value, the rolling matrix with the group as cohort
 * (dated data), the lifetimes per group (survival part) and the revenue moments per group
 * (with an amount). The group column is a subquery over its table; the statistics
 * (Newcombe, z-tests, Kaplan-Meier, log-rank) are computed from these rows.
 */
export function compareStatements(spec: CompareSpec, o: CompareSqlOptions): CompareStatement[] {
  const roles = { id: 'customer_id', time: 'event_time', ...spec.columns };
  const durations = spec.duration !== undefined || spec.event !== undefined;
  const where = (spec.where ?? []).map((w) => (typeof w === 'string' ? parseWhere(w) : w)).map((w) => w.column);
  let byColumn = spec.by.trim();
  try {
    byColumn = parseWhere(byColumn).column;
  } catch {
    /* a column name */
  }
  // nps_class is read from the NPS score column.
  if (spec.nps !== undefined && byColumn.toLowerCase() === 'nps_class') byColumn = spec.nps;
  const amount = roles.amount ? roles.amount.split('*').map((s) => s.trim()) : [];
  const amountOnActivity = !!o.table && !durations;
  const event = spec.event ? spec.event.split('=')[0].trim() : undefined;
  const numbers = [...amount, ...(spec.duration ? [spec.duration] : []), ...(o.numbers ?? [])];
  const schema: InputSchema = {};
  const src: SqlSources = {};
  if (o.customersTable) {
    const times = [roles.signup, roles.churn].filter((c): c is string => !!c);
    const cols = [roles.id, ...times, byColumn, ...where, ...(spec.duration ? [spec.duration] : []), ...(event ? [event] : []), ...(amountOnActivity ? [] : amount)];
    schema.customers = { file: o.customersTable, columns: [...new Set(cols)] };
    src.customers = sqlTable(o, o.customersTable, schema.customers.columns as string[], times, numbers);
  }
  if (o.table) {
    const cols = [roles.id, roles.time, ...(o.customersTable ? [] : [byColumn, ...where]), ...(amountOnActivity ? amount : [])];
    schema.activity = { file: o.table, columns: [...new Set(cols)] };
    src.activity = sqlTable(o, o.table, schema.activity.columns as string[], durations ? [] : [roles.time], numbers);
  }
  const zone = timeZone(spec.tz ?? 'UTC');
  const dateFormat = spec.dateFormat === undefined ? undefined : resolveDateFormat(spec.dateFormat);
  const d = DIALECTS[o.dialect];
  const by = resolveGroupBy(spec.by, schema, spec.nps);
  const base = src[by.table]!;
  const out: CompareStatement[] = [
    { title: 'rows per group value (g; NULL = in no group), n = rows', sql: groupCountsSql(new SqlBuilder(d), base, by, zone, dateFormat) },
  ];
  const { table: grouped, name } = groupedTable(new SqlBuilder(d), base, by, spec.groups, zone, dateFormat);
  const gsrc: SqlSources = { ...src, [by.table]: grouped };
  const gschema: InputSchema = { ...schema, [by.table]: { ...schema[by.table]!, columns: Object.keys(grouped.types) } };
  const input = { activity: o.table, customers: o.customersTable };
  const nowAsOf = endOfLatestDay([Float64Array.of((o.now ?? Date.now()) - 86_400_000)], zone);
  const first = compareParts({ ...spec, columns: roles }, name, gschema);
  let asOf = nowAsOf;
  if (first.matrix) {
    const p = plan(normalize({ ...first.matrix, input }, gschema));
    asOf = p.spec.asOf ?? nowAsOf;
    out.push({ title: `rolling ${p.spec.mode} matrix, the group as cohort (ka0): rows as in kohort sql's matrix`, sql: compileMatrix(new SqlBuilder(d), p, gsrc, { asOf, zone }) });
    if (amount.length) {
      const column = revenueColumn(roles.amount!, gschema, false);
      out.push({ title: 'revenue per customer per group (g): n with a value, c customers, s sum, m2 squared deviations', sql: compileRevenue(new SqlBuilder(d), p.spec, gsrc, { asOf, zone, group: name, column }) });
    }
  }
  const parts = first.matrix ? compareParts({ ...spec, columns: roles }, name, gschema, new Date(asOf).toISOString()) : first;
  if (parts.survival) {
    const s = normalizeSurvival({ ...parts.survival, input }, gschema);
    out.push({ title: `lifetimes per group, the Kaplan-Meier tally from which the curves and log-rank are computed; rows${survivalRowsText(s, d.windows)}`, sql: compileLifetimes(new SqlBuilder(d), s, gsrc, { asOf: s.asOf ?? asOf, zone, shape: { kind: 'durations' } }) });
    if (durations && amount.length) {
      const t = gsrc.customers ?? gsrc.activity!;
      out.push({ title: 'revenue per group (g), event (evt) and usable duration (dv): n, c, s, m2', sql: compileDurationRevenue(new SqlBuilder(d), s, t, amount[0], name) });
    }
  }
  return out;
}

/** compareSqlText: the statements of compareStatements as one script, each under its comment. */
export function compareSqlText(spec: CompareSpec, o: CompareSqlOptions): string {
  const head = `-- kohort compare --by ${JSON.stringify(spec.by)}, ${o.dialect} dialect (statements run one after the other)`;
  return `${head}\n${compareStatements(spec, o).map((s) => `-- ${s.title}\n${s.sql};\n`).join('\n')}`;
}
