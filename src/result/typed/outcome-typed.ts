import type { ColumnTable } from 'arquero';
import { feedbackTable, type FeedbackResult } from '../feedback-table.js';
import { outputColumn } from './output-schema.js';
import type { TableKind } from './schema/output-types.js';
import { reasonKeyNames, reasonsTable, reasonsWideTable, type ReasonsResult } from '../reasons-table.js';
import { fixedColumn, groupColumn, type TypedColumn, type TypedTable } from './typed-table.js';
import { valueTable, valueWideTable, type ValueResult } from '../value-table.js';

/*
 * The typed output tables (output-schema.ts) of reasons, value and feedback. Their
 * tables are small (segments x reasons or statuses), so each is typed from the Arquero
 * table of the result: key columns by their group, every other column by its schema.
 */

/** reasonsTyped: churned customers per segment and reason (output schema "reasons"). */
export function reasonsTyped(r: ReasonsResult): TypedTable {
  const names = reasonKeyNames(r);
  return typed('reasons', reasonsTable(r), { key: names.by, reason: names.reasons });
}

/** reasonsWideTyped: reasons over all segments with each segment's share (output schema "reasons-wide"). */
export function reasonsWideTyped(r: ReasonsResult): TypedTable {
  const t = reasonsWideTable(r);
  const reason = reasonKeyNames(r).reasons;
  const fixed = new Set([...reason, 'churned', 'share_of_all']);
  return typed('reasons-wide', t, { reason, segment: t.columnNames().filter((c) => !fixed.has(c)) });
}

/** valueTyped: churned vs retained per segment (output schema "value"). */
export function valueTyped(r: ValueResult): TypedTable {
  const t = valueTable(r);
  return typed('value', t, { key: t.columnNames().slice(0, r.by.length) });
}

/** valueWideTyped: one row per segment, churned and retained side by side (output schema "value-wide"). */
export function valueWideTyped(r: ValueResult): TypedTable {
  const t = valueWideTable(r);
  return typed('value-wide', t, { key: t.columnNames().slice(0, r.by.length) });
}

/** feedbackTyped: NPS, CSAT and CES per segment (output schema "feedback"). */
export function feedbackTyped(r: FeedbackResult): TypedTable {
  const t = feedbackTable(r);
  return typed('feedback', t, { key: t.columnNames().slice(0, r.by.length) });
}

/** An Arquero table as the typed table `kind`: the named columns of each group, the rest fixed. */
function typed(kind: TableKind, t: ColumnTable, groups: { key?: string[]; reason?: string[]; segment?: string[] }): TypedTable {
  const groupOf = new Map<string, 'key' | 'reason' | 'segment'>();
  for (const g of ['key', 'reason', 'segment'] as const) for (const name of groups[g] ?? []) groupOf.set(name, g);
  const columns: TypedColumn[] = t.columnNames().map((name) => {
    const values = t.array(name) as ArrayLike<unknown>;
    const g = groupOf.get(name);
    if (g === 'key' || g === 'reason') return groupColumn(kind, g, name, { text: values as ArrayLike<string | null> });
    if (g === 'segment') return groupColumn(kind, g, name, { numbers: values as ArrayLike<number> });
    if (outputColumn(kind, name).type === 'string') return fixedColumn(kind, name, { text: values as ArrayLike<string | null> });
    // Nulls of the Arquero table (no mean where no customer has a value) become NaN: null in a nullable column.
    return fixedColumn(kind, name, { numbers: Float64Array.from(values as ArrayLike<number | null>, (v) => (v === null ? NaN : v)) });
  });
  return { kind, length: t.numRows(), columns };
}
