import type { ReasonsResult, ReasonRows } from '../../../result/reasons-table.js';
import type { NormalizedReasonsSpec } from '../../../spec/outcome-spec.js';
import { columnKeys, type ColumnKeys } from '../prepare/column-keys.js';
import { CHURNED, customerOutcomes, OUT, segmentAttributes } from './customer-outcomes.js';
import type { InputTables } from '../../../load/input-tables.js';
import { tableColumn } from '../prepare/dataset-columns.js';
import { messages } from '../../../messages.js';
import type { SharedRejects } from '../../../report/rejects.js';

/**
 * executeReasons: churned customers' reasons by segment (METRICS.md section 8), in memory.
 *
 *   customerOutcomes (churned / retained / out, --by groups)
 *       -> reason keys per customers-table row (one or two dictionary columns)
 *       -> reasonCounts: churned customers per (segment, reason) on integer keys
 *       -> ReasonsResult (rows per segment and overall, "(none)" for no reason)
 */
export function executeReasons(spec: NormalizedReasonsSpec, inputs: InputTables, opts: { sharedRejects?: SharedRejects } = {}): ReasonsResult {
  const out = customerOutcomes(spec, inputs, opts);
  const cus = inputs.customers!;
  const levels = spec.reasons.map((c) => columnKeys(tableColumn(cus.table, c)));
  const { groups, status, customersRow } = out;
  const G = groups.count;
  const customers = new Int32Array(G);
  const churned = new Int32Array(G);
  for (let c = 0; c < out.count; ++c) {
    const g = groups.of[c];
    if (g < 0 || status[c] === OUT) continue;
    ++customers[g];
    if (status[c] === CHURNED) ++churned[g];
  }
  const overallOf = new Int32Array(out.count);
  for (let c = 0; c < out.count; ++c) overallOf[c] = groups.of[c] >= 0 ? 0 : -1;
  let totalCustomers = 0;
  let totalChurned = 0;
  for (let g = 0; g < G; ++g) {
    totalCustomers += customers[g];
    totalChurned += churned[g];
  }
  const nullReasons = nullReasonWarning(groups.of, status, customersRow!, levels, spec.reasons);
  if (nullReasons) out.report.warnings.push(nullReasons);
  return {
    spec,
    by: segmentAttributes(groups).map((a) => a.name),
    reasonColumns: spec.reasons,
    groups: { count: G, attributes: segmentAttributes(groups), customers, churned },
    rows: reasonCounts(groups.of, G, status, customersRow!, levels),
    overall: reasonCounts(overallOf, 1, status, customersRow!, levels),
    totalCustomers,
    totalChurned,
    asOf: out.asOf,
    report: out.report,
  };
}

/**
 * reasonCounts: churned customers per (group, reason) with their reason labels (null =
 * no reason), ordered per group by the first level's count, then the second's (largest
 * first; no reason last). Counts on dense integer keys: one pass over the customers.
 * With `weight`, entry c stands for weight[c] customers (a SQL engine's counted rows).
 */
export function reasonCounts(
  groupOf: Int32Array,
  groupCount: number,
  status: Uint8Array,
  customersRow: Int32Array,
  levels: ColumnKeys[],
  weight?: ArrayLike<number>,
): ReasonRows {
  // Key space per level: its keys plus one for "no value" (the null key, if any, maps there).
  const sizes = levels.map((k) => k.size + 1);
  const R = sizes.reduce((a, b) => a * b, 1);
  const slot = (k: ColumnKeys, key: number): number => (key === k.nullKey || isBlank(k, key) ? k.size : key);
  const blank = levels.map((k) => {
    const b = new Uint8Array(k.size);
    for (let key = 0; key < k.size; ++key) b[key] = slot(k, key) === k.size ? 1 : 0;
    return b;
  });
  const counts = new Map<number, number>();
  const dense = groupCount * R <= 1 << 24 ? new Int32Array(groupCount * R) : undefined;
  for (let c = 0; c < groupOf.length; ++c) {
    const g = groupOf[c];
    if (g < 0 || status[c] !== CHURNED) continue;
    const row = customersRow[c];
    let r = 0;
    for (let l = 0; l < levels.length; ++l) {
      const key = levels[l].keys[row];
      r = r * sizes[l] + (blank[l][key] || key === levels[l].nullKey ? sizes[l] - 1 : key);
    }
    const w = weight ? weight[c] : 1;
    if (dense) dense[g * R + r] += w;
    else counts.set(g * R + r, (counts.get(g * R + r) ?? 0) + w);
  }
  const cells: number[] = [];
  if (dense) {
    for (let i = 0; i < dense.length; ++i) if (dense[i]) cells.push(i);
  } else cells.push(...counts.keys());
  const countOf = (i: number): number => (dense ? dense[i] : counts.get(i)!);
  const label = (l: number, digit: number): string | null => {
    if (digit === sizes[l] - 1) return null;
    const v = levels[l].value(digit);
    return v === null || v === undefined ? null : String(v).trim();
  };
  const digits = (i: number): number[] => {
    let r = i % R;
    const d = new Array<number>(levels.length);
    for (let l = levels.length - 1; l >= 0; --l) {
      d[l] = r % sizes[l];
      r = Math.floor(r / sizes[l]);
    }
    return d;
  };
  // The first level's total per group, to order categories by their size.
  const firstTotal = new Map<number, number>();
  const firstKey = (i: number): number => Math.floor(i / R) * sizes[0] + digits(i)[0];
  for (const i of cells) firstTotal.set(firstKey(i), (firstTotal.get(firstKey(i)) ?? 0) + countOf(i));
  const byCount = (a: number, b: number, la: string | null, lb: string | null): number => {
    if ((la === null) !== (lb === null)) return la === null ? 1 : -1;
    if (a !== b) return b - a;
    return (la ?? '') < (lb ?? '') ? -1 : (la ?? '') > (lb ?? '') ? 1 : 0;
  };
  cells.sort((a, b) => {
    const ga = Math.floor(a / R);
    const gb = Math.floor(b / R);
    if (ga !== gb) return ga - gb;
    const da = digits(a);
    const db = digits(b);
    if (levels.length > 1 && da[0] !== db[0]) {
      return byCount(firstTotal.get(firstKey(a))!, firstTotal.get(firstKey(b))!, label(0, da[0]), label(0, db[0]));
    }
    const l = levels.length - 1;
    return byCount(countOf(a), countOf(b), label(l, da[l]), label(l, db[l]));
  });
  const n = cells.length;
  const group = new Int32Array(n);
  const churned = new Int32Array(n);
  const labels = levels.map(() => new Array<string | null>(n));
  for (let j = 0; j < n; ++j) {
    const i = cells[j];
    group[j] = Math.floor(i / R);
    churned[j] = countOf(i);
    const d = digits(i);
    for (let l = 0; l < levels.length; ++l) labels[l][j] = label(l, d[l]);
  }
  return { group, labels, churned };
}

/**
 * Texts that database exports write for an absent value (SQL `NULL`, MySQL's `\N`): no
 * reason, as a time column reads them. `NA`, `None` and `-` stay reasons here: they can
 * be an answer someone chose ("None", "N/A" on a form).
 */
const NULL_TEXTS = new Set(['NULL', 'null', '\\N']);

/** A value written `NULL` or `\N`: a database's missing value. */
function isNullText(v: unknown): boolean {
  return v !== null && v !== undefined && NULL_TEXTS.has(String(v).trim());
}

/** A value that is only blanks, or `NULL` / `\N`, counts as no reason. */
function isBlank(k: ColumnKeys, key: number): boolean {
  const v = k.value(key);
  return v === null || v === undefined || String(v).trim() === '' || isNullText(v);
}

/**
 * The warning for churned customers whose reason was written `NULL` or `\N` (counted as
 * "(none)"), or undefined; `groupOf` and `weight` as for reasonCounts: only the customers
 * it counts (those in a group) are counted here.
 */
export function nullReasonWarning(groupOf: Int32Array, status: Uint8Array, customersRow: Int32Array, levels: ColumnKeys[], columns: readonly string[], weight?: ArrayLike<number>): string | undefined {
  const token = levels.map((k) => {
    const b = new Uint8Array(k.size);
    for (let key = 0; key < k.size; ++key) {
      b[key] = isNullText(k.value(key)) ? 1 : 0;
    }
    return b;
  });
  let n = 0;
  let example = '';
  for (let c = 0; c < status.length; ++c) {
    if (groupOf[c] < 0 || status[c] !== CHURNED) continue;
    for (let l = 0; l < levels.length; ++l) {
      const key = levels[l].keys[customersRow[c]];
      if (key >= 0 && token[l][key]) {
        n += weight ? weight[c] : 1;
        // The smallest, not the first: SQL engines give their rows in no set order.
        const e = `${JSON.stringify(columns[l])} = ${JSON.stringify(String(levels[l].value(key)).trim())}`;
        if (example === '' || e < example) example = e;
        break;
      }
    }
  }
  if (!n) return undefined;
  return messages.nullReasons({ count: n, example });
}
