import type { InputSchema } from '../load/input-tables.js';
import { compareOptions, compareParts, groupColumnName, resolveGroupBy, revenueColumn, type CompareSpec } from '../spec/compare-spec.js';
import { normalize } from '../spec/normalize.js';
import { normalizeSurvival } from '../spec/survival-spec.js';
import { plan } from './matrix-plan.js';
import { unionProjections, type Projection } from './projection.js';
import { survivalPlan } from './survival-plan.js';

/** What a comparison computes: plain, JSON-serialisable data (see MatrixPlan). */
export interface ComparePlan {
  kind: 'compare';
  /** The columns each table must provide: those of its curves, survival, revenue and groups. */
  read: Projection;
  spec: CompareSpec;
}

/**
 * comparePlan: CompareSpec + the input's column names -> ComparePlan. Every option, the
 * --by column or condition, and the curves' and survival's specs are checked here, on the
 * column names, before any data is read (the group column a condition adds stands in the
 * schema as a column of its table).
 */
export function comparePlan(spec: CompareSpec, schema: InputSchema): ComparePlan {
  compareOptions(spec);
  const by = resolveGroupBy(spec.by, schema, spec.nps);
  const t = schema[by.table]!;
  const name = groupColumnName(by, t.columns);
  const grouped: InputSchema = { ...schema, [by.table]: { ...t, columns: t.columns.includes(name) ? t.columns : [...t.columns, name] } };
  const parts = compareParts(spec, name, grouped);
  const reads: Projection[] = [];
  if (parts.matrix) reads.push(plan(normalize(parts.matrix, grouped)).read);
  if (parts.survival) reads.push(survivalPlan(normalizeSurvival(parts.survival, grouped), grouped).read);
  const amount = spec.columns?.amount;
  if (amount !== undefined) {
    const r = revenueColumn(amount, schema, parts.matrix === undefined);
    const table = r.table === 'activity' ? 'activity' : schema.customers ? 'customers' : 'activity';
    const file = schema[table]!.file;
    const columns = r.table === 'activity' ? r.columns : [r.column];
    // With a decimal comma, CSV amounts are read as text ("1.000" is a thousand, not 1).
    reads.push({ [table]: { file, columns, ...(spec.decimal === ',' ? { csvText: columns } : {}) } });
  }
  // The group column a condition (or nps_class) adds is read as the column it comes from.
  const source = by.kind === 'column' ? (by.nps ?? by.column) : by.filter.column;
  const all = unionProjections(reads);
  const read: Projection = {};
  for (const table of ['activity', 'customers'] as const) {
    const s = schema[table];
    if (!s) continue;
    const columns = new Set<string>();
    for (const c of all[table]?.columns ?? []) columns.add(table === by.table && c === name ? source : c);
    if (table === by.table) columns.add(source);
    // The parts' text columns come along: ids are text ("007" and "7" are two customers),
    // a group column is a label; a condition's column stays as the file types it ("Referrals > 0").
    const { text, csvText } = all[table] ?? {};
    const csvLabels = (all[table]?.csvLabels ?? []).filter((c) => columns.has(c) && !(table === by.table && c === name && by.kind !== 'column'));
    read[table] = { file: s.file, columns: s.columns.filter((c) => columns.has(c)), ...(text ? { text } : {}), ...(csvText ? { csvText } : {}), ...(csvLabels.length ? { csvLabels } : {}) };
  }
  return { kind: 'compare', read, spec };
}
