import * as aq from 'arquero';
import { fail } from '../../../errors.js';
import type { Dataset } from '../../../load/dataset.js';
import { dictColumn } from '../../../load/dict/dict-column.js';
import { groupColumnName, type GroupBy } from '../../../spec/compare-spec.js';
import { checkCompareGroups } from '../../../spec/group-limit.js';
import type { Zone } from '../../../time/zone.js';
import { columnKeys, numericColumn } from '../prepare/column-keys.js';
import { filterMask } from '../prepare/filter-mask.js';
import type { InputTables } from '../../../load/input-tables.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import { filterSource, tableColumn } from '../prepare/dataset-columns.js';

/** The tables with the group column added (or replaced), its name and the groups present. */
export interface GroupedTables {
  tables: InputTables;
  /** The group column's name: the --by column, or the condition's text. */
  name: string;
  table: 'activity' | 'customers';
  /** Every group value present in the column, before the selection. */
  present: string[];
  /** Rows of that table in no compared group (no value, or not among the groups asked for). */
  outside: number;
}

/** The values of a condition's two groups. */
export const CONDITION_GROUPS = ['true', 'false'] as const;

/**
 * withGroupColumn: a text column of group values per row: the --by column's values, or
 * "true"/"false" for a condition (evaluated by the filter kernel, never as code; a missing
 * value is in neither group). Rows whose value is not among `groups` (when given) get
 * null, so they are in no group. The input tables are not modified: the grouped table is
 * a new Arquero table sharing the other columns.
 */
export function withGroupColumn(input: InputTables, by: GroupBy, groups: readonly string[] | undefined, zone: Zone): GroupedTables {
  const d = input[by.table]!;
  const rows = d.table.numRows();
  // Per row a small code into `labels` (-1 = no group): keys, never a string per row.
  let name: string;
  let labels: string[];
  // Per row its label (-1 = none): for a column, its dictionary key's (byKey), read
  // through the keys in the one pass that writes the group keys.
  let code: Int32Array | undefined;
  let byKey: Int32Array | undefined;
  let rowKeys: Int32Array | undefined;
  let seenFrom: ((seen: Uint8Array) => void) | undefined;
  if (by.kind === 'column') {
    name = by.column;
    const k = columnKeys(attributeColumn(d.table, by));
    const index = new Map<string, number>();
    labels = [];
    const labelOf = new Int32Array(k.size).fill(-1);
    for (let key = 0; key < k.size; ++key) {
      const v = k.value(key);
      if (key === k.nullKey || v === null || v === undefined) continue;
      const text = String(v);
      let g = index.get(text);
      if (g === undefined) {
        g = labels.length;
        index.set(text, g);
        labels.push(text);
      }
      labelOf[key] = g;
    }
    byKey = labelOf;
    rowKeys = k.keys;
    // The keys present: a label is present when one of its keys is.
    const used = new Uint8Array(k.size);
    // Stops once every key is seen (a few values over many rows: a few rows in).
    for (let i = 0, seenKeys = 0; i < rows && seenKeys < k.size; ++i) {
      const key = rowKeys[i];
      if (used[key] === 0) {
        used[key] = 1;
        ++seenKeys;
      }
    }
    seenFrom = (seen) => labelOf.forEach((g, key) => void (g >= 0 && used[key] && (seen[g] = 1)));
  } else {
    name = groupColumnName(by, d.table.columnNames());
    labels = [...CONDITION_GROUPS];
    const pass = filterMask([by.filter], filterSource(d), zone, 'by');
    const present = presentRows(d, by.filter.column);
    code = new Int32Array(rows);
    for (let i = 0; i < rows; ++i) code[i] = !present[i] ? -1 : pass[i] ? 0 : 1;
  }
  const seen = new Uint8Array(labels.length);
  if (seenFrom) seenFrom(seen);
  else for (let i = 0; i < rows; ++i) if (code![i] >= 0) seen[code![i]] = 1;
  const present = labels.filter((_, g) => seen[g]);
  const keep = new Uint8Array(labels.length).fill(1);
  if (groups) {
    const allowed = by.kind === 'condition' ? labels : present;
    for (const g of groups) if (!allowed.includes(g)) fail('unknownGroup', { option: 'groups', value: g, groups: present });
    labels.forEach((l, g) => (keep[g] = groups.includes(l) ? 1 : 0));
  }
  // Dictionary keys: the kept labels in order, their count = null.
  const kept = labels.filter((_, g) => keep[g] && seen[g]);
  checkCompareGroups(by, kept.length);
  const keyOf = Int32Array.from(labels, (l, g) => (keep[g] && seen[g] ? kept.indexOf(l) : kept.length));
  let keys: Int32Array;
  let outside = 0;
  if (rowKeys && byKey && identityKeys(byKey, keyOf, kept.length)) {
    // Each key is its own kept group, in key order, and none is null: the column's keys
    // are the group keys (no pass over the rows, no copy; the keys are only read).
    keys = rowKeys;
  } else if (rowKeys && byKey) {
    const final = Int32Array.from(byKey, (g) => (g < 0 ? kept.length : keyOf[g]));
    keys = new Int32Array(rows);
    for (let i = 0; i < rows; ++i) {
      const k = final[rowKeys[i]];
      keys[i] = k;
      if (k === kept.length) ++outside;
    }
  } else {
    keys = new Int32Array(rows);
    for (let i = 0; i < rows; ++i) {
      const k = code![i] < 0 ? kept.length : keyOf[code![i]];
      keys[i] = k;
      if (k === kept.length) ++outside;
    }
  }
  const grouped: Dataset = {
    ...d,
    table: d.table.assign(aq.table(new Map([[name, dictColumn(keys, kept, outside)]]) as never)),
    kinds: { ...d.kinds, [name]: 'string' },
  };
  return { tables: { ...input, [by.table]: grouped }, name, table: by.table, present, outside };
}

/**
 * True when every dictionary key (byKey: its label, -1 = none) is a kept group whose key is
 * the dictionary key itself (keyOf: each label's group key), so the keys need no mapping.
 */
function identityKeys(byKey: Int32Array, keyOf: Int32Array, kept: number): boolean {
  if (byKey.length !== kept) return false;
  for (let key = 0; key < byKey.length; ++key) if (byKey[key] < 0 || keyOf[byKey[key]] !== key) return false;
  return true;
}

/** 1 where the row's value of a column is present (not null, empty or NaN). */
function presentRows(d: Dataset, column: string): Uint8Array {
  const kind = d.kinds[column] ?? 'string';
  const col = tableColumn(d.table, column);
  const out = new Uint8Array(d.table.numRows());
  if (kind === 'number' || kind === 'timestamp' || kind === 'wallclock') {
    const v = numericColumn(col);
    for (let i = 0; i < out.length; ++i) out[i] = v[i] === v[i] ? 1 : 0;
    return out;
  }
  const k = columnKeys(col);
  for (let i = 0; i < out.length; ++i) out[i] = k.keys[i] === k.nullKey ? 0 : 1;
  return out;
}
