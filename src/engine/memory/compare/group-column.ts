import * as aq from 'arquero';
import { fail } from '../../../errors.js';
import type { Dataset } from '../../../load/dataset.js';
import { dictColumn } from '../../../load/dict/dict-column.js';
import type { GroupBy } from '../../../spec/compare-spec.js';
import type { Zone } from '../../../time/zone.js';
import { columnKeys, numericColumn } from '../prepare/column-keys.js';
import { filterMask } from '../prepare/filter-mask.js';
import { filterSource, tableColumn, type InputTables } from '../prepare/input-tables.js';

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
  let name: string;
  let text: (string | null)[];
  if (by.kind === 'column') {
    name = by.column;
    const k = columnKeys(tableColumn(d.table, by.column));
    const byKey = Array.from({ length: k.size }, (_, key) => {
      const v = k.value(key);
      return key === k.nullKey || v === null || v === undefined ? null : String(v);
    });
    text = Array.from(k.keys, (key) => byKey[key]);
  } else {
    name = d.table.columnNames().includes(by.text) ? `${by.text} (group)` : by.text;
    const pass = filterMask([by.filter], filterSource(d), zone);
    const present = presentRows(d, by.filter.column);
    text = Array.from(pass, (p, i) => (!present[i] ? null : p ? 'true' : 'false'));
  }
  const seen = new Set<string>();
  for (const v of text) if (v !== null) seen.add(v);
  const present = by.kind === 'condition' ? CONDITION_GROUPS.filter((g) => seen.has(g)) : [...seen];
  if (groups) {
    const allowed = by.kind === 'condition' ? [...CONDITION_GROUPS] : present;
    for (const g of groups) if (!allowed.includes(g)) fail('unknownGroup', { option: '--groups', value: g, groups: present });
    const keep = new Set(groups);
    for (let i = 0; i < rows; ++i) if (text[i] !== null && !keep.has(text[i]!)) text[i] = null;
  }
  const values = [...new Set(text.filter((v): v is string => v !== null))];
  const index = new Map(values.map((v, i) => [v, i]));
  const keys = Int32Array.from(text, (v) => (v === null ? values.length : index.get(v)!));
  const column = dictColumn(keys, values);
  const grouped: Dataset = {
    ...d,
    table: d.table.assign(aq.table(new Map([[name, column]]) as never)),
    kinds: { ...d.kinds, [name]: 'string' },
  };
  let outside = 0;
  for (const v of text) if (v === null) ++outside;
  return { tables: { ...input, [by.table]: grouped }, name, table: by.table, present, outside };
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
