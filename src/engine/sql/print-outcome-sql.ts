import type { InputSchema } from '../../load/input-tables.js';
import { normalizeFeedback, type FeedbackSpec } from '../../spec/feedback-spec.js';
import { normalizeReasons, normalizeValue, type NormalizedOutcome, type OutcomeSpec, type ReasonsSpec, type ValueSpec } from '../../spec/outcome-spec.js';
import { parseWhere } from '../../spec/parse-where.js';
import { timeZone } from '../../time/zone.js';
import { readEvents } from '../memory/churn/read-events.js';
import { endOfLatestDay } from '../../time/end-of-latest-day.js';
import type { DialectName, TimeType } from './dialect.js';
import { DIALECTS } from './dialects/index.js';
import { compileFeedback, compileReasons, compileValue, type FlagValues, type OutcomeSqlOptions } from './outcome-sql.js';
import { SqlBuilder, type ColumnType, type SqlTable } from './sql-builder.js';

/** What outcomeSqlText knows of the tables without a connection. */
export interface OutcomeSqlTextOptions {
  dialect: DialectName;
  /** The activity table (inactivity, amounts). */
  table?: string;
  /** The customers table (reasons, value), or the scores table (feedback). */
  customersTable?: string;
  /** How time columns hold time (default `instant`). */
  timeType?: TimeType;
  /** When the spec has no as-of: the instant used (default: the start of today in the zone). */
  now?: number;
}

/** An outcome analysis to print as SQL: its kind and its library spec without input files. */
export type OutcomeSqlSpec =
  | { analysis: 'reasons'; spec: Omit<ReasonsSpec, 'input'> }
  | { analysis: 'value'; spec: Omit<ValueSpec, 'input'> }
  | { analysis: 'feedback'; spec: Omit<FeedbackSpec, 'input'> };

/**
 * outcomeSqlText: the SQL of `kohort reasons | value | feedback` in a dialect, for users to
 * run on their own warehouse (the SQL engines run the same statements). A status flag
 * ("<column>=<value>") is read as that exact value; on a connection the value's case is
 * checked against the column's distinct values first, as the memory engine does.
 */
export function outcomeSqlText(a: OutcomeSqlSpec, o: OutcomeSqlTextOptions): string {
  const d = DIALECTS[o.dialect];
  const b = new SqlBuilder(d);
  const s = a.spec as OutcomeSpec & FeedbackSpec & { reason?: string | string[]; value?: string; amount?: string };
  const roles = s.columns ?? {};
  const names = (x: string | string[] | undefined): string[] => (x === undefined ? [] : (typeof x === 'string' ? x.split(/[,*]/) : x).map((c) => c.trim()));
  const where = (s.where ?? []).map((w) => (typeof w === 'string' ? parseWhere(w) : w).column);
  const times = [roles.signup, roles.churn, roles.time].filter((c): c is string => !!c);
  const numbers = [...names(s.value), ...names(s.amount), ...[s.nps, s.csat, s.ces].filter((c): c is string => !!c)];
  const byColumns = (s.by ?? []).filter((c) => c.trim().toLowerCase() !== 'nps_class');
  const describe = (name: string, columns: (string | undefined)[]): SqlTable => {
    const types: Record<string, ColumnType> = {};
    for (const c of columns) if (c) types[c] = times.includes(c) ? (o.timeType ?? 'instant') : numbers.includes(c) ? 'number' : 'text';
    return { from: name.split('.').map((p) => d.ident(p)).join('.'), name, types };
  };
  const event = s.event === undefined ? undefined : s.event.split('=')[0].trim();
  const schema: InputSchema = {};
  const src: { activity?: SqlTable; customers?: SqlTable } = {};
  if (o.customersTable) {
    const cols = [roles.id, roles.signup, roles.churn, event, s.nps, s.csat, s.ces, ...byColumns, ...names(s.reason), ...names(s.value), ...where];
    // Filters and groups read the customers table when there is one.
    src.customers = describe(o.customersTable, [...new Set(cols)]);
    schema.customers = { file: o.customersTable, columns: Object.keys(src.customers.types) };
  }
  if (o.table && a.analysis !== 'feedback') {
    src.activity = describe(o.table, [...new Set([roles.id, roles.time, ...names(s.amount), ...(o.customersTable ? [] : [...where, ...byColumns])])]);
    schema.activity = { file: o.table, columns: Object.keys(src.activity.types) };
  }
  if (a.analysis === 'feedback') {
    const spec = normalizeFeedback({ ...a.spec, input: {} }, schema);
    return `-- kohort feedback, ${o.dialect} dialect: per group and raw scores, the answers (n)\n${compileFeedback(b, spec, src.customers!, timeZone(spec.tz))};\n`;
  }
  const spec: NormalizedOutcome = a.analysis === 'reasons' ? normalizeReasons({ ...a.spec, input: {} }, schema) : normalizeValue({ ...a.spec, input: {} }, schema);
  const zone = timeZone(spec.tz);
  const now = endOfLatestDay([Float64Array.of((o.now ?? Date.now()) - 86_400_000)], zone);
  const opts: OutcomeSqlOptions = { asOf: spec.asOf ?? (spec.churn.kind !== 'flag' || spec.activity ? now : undefined), zone };
  if (spec.churn.kind === 'flag') opts.flag = flagValues(spec.churn.event);
  const header = `-- kohort ${a.analysis}, ${o.dialect} dialect${opts.asOf === undefined ? '' : `, as-of ${new Date(opts.asOf).toISOString()}`}, time zone ${spec.tz}`;
  if (a.analysis === 'reasons') return `${header}: per group, status and reason, the customers (n)\n${compileReasons(b, spec as never, src, opts)};\n`;
  const v = compileValue(b, spec as never, src, opts);
  return `${header}: per group and status, then over all groups, customers, with a value, total, median\n${v.groups};\n${v.overall};\n`;
}

/** A status flag's values without a connection: the value given (or the 0/1, yes/no words). */
function flagValues(rule: { column: string; value?: string }): FlagValues {
  const words = rule.value !== undefined ? [rule.value, ''] : ['1', '0', 'true', 'false', 'yes', 'no', 'y', 'n', 't', 'f', ''];
  const code = readEvents(words, rule, rule.column);
  return { churned: words.filter((_, i) => code[i] === 1), missing: words.filter((_, i) => code[i] > 1) };
}
