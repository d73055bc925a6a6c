import type { MatrixPlan } from '../../plan/matrix-plan.js';
import type { TimeColumn } from './dialect.js';
import { foldedParts, type Fold, type FoldOptions } from './folded-counts-sql.js';
import type { SqlBuilder, SqlSources } from './sql-builder.js';

/** What the result parts read of compileMatrix's stages (the derived tables c, x, ev and its names). */
export interface MatrixPartsInput {
  b: SqlBuilder;
  plan: MatrixPlan;
  src: SqlSources;
  /** compileMatrix's fold option (MatrixSqlOptions.fold). */
  fold: FoldOptions | undefined;
  /** kt, ka0.., as a list, as an array, and the attribute aliases alone. */
  keyList: string;
  keys: string[];
  ka: string[];
  /** One SELECT list of the result's columns (MATRIX_COLUMNS). */
  row: (kind: string, k: string, n: string, lo: string, hi: string, rev: string, gross: string) => string;
  /** The amount expression of an activity row, when the mode sums revenue. */
  amount: string | undefined;
  /** Whether c holds each customer's active periods as bits (am), x their per-offset counts (cnt). */
  bits: boolean;
  folded: Fold | undefined;
  idTypesDiffer: boolean;
  timeFilter: (value: string, t: TimeColumn) => string;
}

/**
 * matrixParts: the SELECTs whose UNION ALL is compileMatrix's result: cohort sizes (kind
 * 's'), cells ('c': customers, rows, revenue, gross), the bit-set query's row counts ('u'),
 * histograms of last offsets and lifetimes ('h'), rolling eligibility ('e') and the folded
 * activity counts ('a').
 */
export function matrixParts(m: MatrixPartsInput): string[] {
  const { b, plan, src, fold, keyList, keys, ka, row, amount, bits, folded, idTypesDiffer, timeFilter } = m;
  const d = b.d;
  const spec = plan.spec;
  const elapsed = spec.offsets === 'elapsed';
  const rolling = spec.completeness === 'rolling';
  const survival = spec.mode === 'survival';
  // ---- the parts of the result ------------------------------------------------------
  // `k` of x is already a bigint: cast only other expressions (ClickHouse aliases are global).
  const lo = elapsed ? 'min(ams)' : 'min(ap)';
  const hi = elapsed ? 'max(ams)' : 'max(ap)';
  const parts = [`${row('s', '0', 'count(*)', lo, hi, '0', '0')}\nFROM ${b.from('c')}\nGROUP BY ${keyList}`];
  const rev = amount ? 'sum(amt)' : '0';
  let cellFrom = b.from('x');
  let gross = '0';
  if (plan.needs.grossRevenue && amount) {
    b.def('r0', `SELECT cid, amt AS amt0\nFROM ${b.from('x')}\nWHERE k = 0`);
    b.def('xg', `SELECT *\nFROM ${b.from('x')} ${d.leftJoin} ${b.from('r0')} USING (cid)`);
    cellFrom = b.from('xg');
    // A customer without offset-0 revenue is capped at 0 (ClickHouse's LEFT JOIN gives 0, not NULL, already);
    // a period of missing amounts only sums to NULL: 0, as memory sums it (least() would skip the NULL).
    gross = `sum(CASE WHEN k >= 0${rolling ? ' AND k <= lim' : ''} THEN ${d.least('coalesce(amt, 0)', 'coalesce(amt0, 0)')} ELSE 0 END)`;
  }
  // Rolling: activity past the customer's last complete offset counts in no cell.
  if (bits) {
    // Bits hold no row counts: 'u' per cohort, lo = the rows of its customers (at or after
    // the anchor, or before it), n = the customers with rows before their anchor (a
    // follow-up counts those rows).
    parts.push(`${row('c', 'k', 'sum(cnt)', '0', '0', '0', '0')}\nFROM ${b.from('x')}\nWHERE k >= 0${rolling ? ' AND k <= lim' : ''}\nGROUP BY ${keyList}, k\nHAVING sum(cnt) > 0`);
    parts.push(`${row('u', '0', 'sum(CASE WHEN p1 < ap THEN 1 ELSE 0 END)', 'sum(nr)', '0', '0', '0')}\nFROM ${b.from('c')}\nWHERE am IS NOT NULL\nGROUP BY ${keyList}`);
  } else if (rolling) {
    // Rolling: activity past the customer's last complete offset counts in no cell, but its
    // rows are used (lo), as in the memory engine.
    const rolled = amount ? 'sum(CASE WHEN k <= lim THEN amt ELSE 0 END)' : rev;
    parts.push(`${row('c', 'k', 'sum(CASE WHEN k <= lim THEN 1 ELSE 0 END)', 'sum(nrows)', '0', rolled, gross)}\nFROM ${cellFrom}\nGROUP BY ${keyList}, k`);
  } else parts.push(`${row('c', 'k', 'count(*)', 'sum(nrows)', '0', rev, gross)}\nFROM ${cellFrom}\nGROUP BY ${keyList}, k`);
  // Histograms (kind 'h'); rolling: lo = lim, the cap applied when they are summed up.
  const limKey = rolling ? ', lim' : '';
  const limLo = rolling ? 'lim' : '0';
  if (plan.needs.lastOffset && bits) {
    parts.push(`${row('h', 'p2 - ap', 'count(*)', limLo, '0', '0', '0')}\nFROM ${b.from('c')}\nWHERE am IS NOT NULL AND p2 >= ap\nGROUP BY ${keyList}, p2 - ap${limKey}`);
  } else if (plan.needs.lastOffset) {
    b.def('lk', `SELECT cid, ${keyList}${limKey}, max(k) AS lk\nFROM ${b.from('x')}\nWHERE k >= 0\nGROUP BY cid, ${keyList}${limKey}`);
    parts.push(`${row('h', 'lk', 'count(*)', limLo, '0', '0', '0')}\nFROM ${b.from('lk')}\nGROUP BY ${keyList}, lk${limKey}`);
  }
  if (survival) {
    parts.push(`${row('h', 'lt', 'count(*)', limLo, '0', '0', '0')}\nFROM ${b.from('c')}\nGROUP BY ${keyList}, lt${limKey}`);
  }
  if (rolling) {
    // eligible(c, k) from the customers per last complete offset; with amounts, their
    // offset-0 revenue (rev) and their counted revenue (gross: what leaves ltv's sum).
    let from = b.from('c');
    let r0 = '0';
    let rt = '0';
    if (amount) {
      b.def('cr', `SELECT cid, sum(CASE WHEN k = 0 THEN amt ELSE 0 END) AS r0c, sum(CASE WHEN k >= 0 AND k <= lim THEN amt ELSE 0 END) AS rtc\nFROM ${b.from('x')}\nGROUP BY cid`);
      from = `${b.from('c')} ${d.leftJoin} ${b.from('cr')} USING (cid)`;
      r0 = 'sum(coalesce(r0c, 0))';
      rt = 'sum(coalesce(rtc, 0))';
    }
    parts.push(`${row('e', 'lim', 'count(*)', '0', '0', r0, rt)}\nFROM ${from}\nGROUP BY ${keyList}, lim`);
  }
  if (folded) parts.push(...foldedParts(b, spec, src, idTypesDiffer, { kt: keys[0], ka }, timeFilter, { ...fold!, filters: folded.filters }));
  return parts;
}
