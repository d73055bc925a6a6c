import type { Exclusions } from '../../report/load-report.js';
import type { NormalizedChurnInput } from '../../spec/churn-spec.js';
import { timeZone } from '../../time/zone.js';
import type { SqlConnection } from './connection.js';
import { hasIdSql, idSql, isTextId } from './id-sql.js';
import { paddedIdSql, paddedItems, paddedOfRow, type PaddedIds } from './padded-ids-sql.js';
import { countIf, filterSql, SqlBuilder, timeColumn, timeLiterals, type SqlSources } from './sql-builder.js';

/** The activity table's counts, in the memory engine's order of reasons (prepare-events.ts). */
export interface ActivityCounts {
  /** Activity rows read. */
  rows: number;
  excluded: Pick<Exclusions, 'missingId' | 'unknownCustomer' | 'missingTime' | 'filtered' | 'afterAsOf'>;
  /** Rows left after those reasons: the rows memory goes on with (its rowsUsed before anchors). */
  kept: number;
  /** Distinct ids of the rows with an id (with `opts.distinctIds`). */
  ids?: number;
  /**
   * With `opts.churn` (a customers-table churn column): customers with a kept row (active),
   * and of those, the ones whose churn time is after as-of (churnAfter).
   */
  active?: { customers: number; churnAfter: number };
  /** The latest activity time (epoch ms) of every row, filters aside; undefined when none. */
  latest?: number;
  /** The earliest (with `opts.first`). */
  first?: number;
  /** Activity ids that had surrounding spaces or tabs (memory's padded-id warning). */
  padded?: PaddedIds;
  /**
   * With `opts.noGroup`: customers without a counted row but with a row --where keeps that
   * compare's group filter removes (memory's noGroupCustomers without an anchor).
   */
  noGroup?: number;
}

/**
 * activityCounts: why activity rows were left out, counted where the data lives in one
 * aggregate (a sum per reason) over the activity table joined to the customers' ids.
 * Each row counts once, under the first reason in memory's order: no id, an id the
 * customers table lacks, no time, removed by a filter (its own, or its customer's), at or
 * after as-of. Unreadable times never reach here: the SQL engines refuse such columns.
 */
export async function activityCounts(
  conn: SqlConnection,
  spec: Pick<NormalizedChurnInput, 'activity' | 'customers' | 'filters' | 'tz' | 'dateFormat'>,
  src: SqlSources,
  asOf: number | undefined,
  opts: { distinctIds?: boolean; churn?: string; first?: boolean; noGroup?: boolean } = {},
): Promise<ActivityCounts | undefined> {
  const A = src.activity;
  const act = spec.activity;
  if (!A || !act?.id || !act.time) return undefined;
  const b = new SqlBuilder(conn.dialect);
  const d = b.d;
  const zone = timeZone(spec.tz);
  const { lit, timeFilter } = timeLiterals(d, zone, spec.dateFormat);
  const C = spec.customers?.id ? src.customers : undefined;
  const cusId = spec.customers?.id;
  // Ids join as text when the two tables type them differently (as compileMatrix joins them).
  const asText = !!(C && cusId && A.types[act.id] !== C.types[cusId]);
  const t = timeColumn(b, A, act.time);
  const flag = (cond: string): string => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
  const onActivity = spec.filters.filter((f) => f.table === 'activity');
  const actFilters = onActivity.map((f) => filterSql(b, f, A, timeFilter));
  const whereFilters = onActivity.filter((f) => !f.group).map((f) => filterSql(b, f, A, timeFilter));
  const evCols = [
    `${idSql(b, A, act.id, asText)} AS cid`,
    `${flag(`${t.expr} IS NULL`)} AS tn`,
    `${actFilters.length ? flag(actFilters.join(' AND ')) : '1'} AS af`,
    ...(opts.noGroup ? [`${whereFilters.length ? flag(whereFilters.join(' AND ')) : '1'} AS wf`] : []),
    // Without a given as-of, as-of ends the latest day of the data: no row is after it.
    `${asOf === undefined ? '0' : flag(`${t.expr} >= ${lit(asOf, t)}`)} AS aa`,
    `${t.expr} AS tr`,
  ];
  // The raw id where trimming changed it (rare: a distinct count over few values).
  const padded = paddedIdSql(A, act.id, 'cid', 'rid');
  if (padded) evCols.push(`${b.id(act.id)} AS rid`);
  b.def('ev', `SELECT ${evCols.join(', ')}\nFROM ${A.from}`);
  let from = b.from('ev');
  // Known: the id is in the customers table (kn); kept by the customers' filters (kf).
  let known = '';
  let kept = '';
  if (C && cusId) {
    const cusFilters = spec.filters.filter((f) => f.table === 'customers').map((f) => filterSql(b, f, C, timeFilter));
    const f0 = cusFilters.length ? flag(cusFilters.join(' AND ')) : '1';
    const churn = opts.churn === undefined ? undefined : timeColumn(b, C, opts.churn);
    const after = churn && asOf !== undefined ? flag(`${churn.expr} IS NOT NULL AND ${d.epochMs(churn, spec.tz)} > ${b.num(asOf)}`) : '0';
    const c0 = churn ? `, ${after} AS c0` : '';
    b.def('ck', `SELECT ${idSql(b, C, cusId, asText)} AS cid, ${f0} AS f0${c0}\nFROM ${C.from}\nWHERE ${hasIdSql(b, C, cusId)}`);
    // Semi-joins (a mark join each), not a join to the customers grouped by id: a repeated
    // customers-table id still counts an activity row once, and no GROUP BY of every id.
    const member = (where: string): string => flag(`cid IN (SELECT cid FROM ${b.from('ck')}${where})`);
    const flags = [`${member('')} AS kn`];
    if (cusFilters.length) {
      // Dropped: ids none of whose rows the filters keep (few, usually none), so the probe
      // of every activity row meets a small table where a semi-join to the kept ids would not.
      b.def('cd', `SELECT cid\nFROM ${b.from('ck')}\nWHERE f0 = 0 AND cid NOT IN (SELECT cid FROM ${b.from('ck')} WHERE f0 = 1)`);
      flags.push(`${flag(`cid IN (SELECT cid FROM ${b.from('cd')})`)} AS kd`);
    }
    if (churn) flags.push(`${member(' WHERE c0 = 1')} AS kc`);
    b.def('ej', `SELECT *, ${flags.join(', ')}\nFROM ${b.from('ev')}`);
    from = b.from('ej');
    known = ' AND kn = 1';
    // Without customers' filters every known row is kept: no second semi-join.
    kept = cusFilters.length ? ' AND kd = 0' : '';
  }
  const count = (cond: string): string => countIf(d, cond);
  // Tested on the id already trimmed (cid), not trimmed twice: blank text or NULL is no id.
  const withId = isTextId(A, act.id) || asText ? `cid <> ''` : 'cid IS NOT NULL';
  const isKnown = `${withId}${known}`;
  const timed = `${isKnown} AND tn = 0`;
  const passes = `${timed} AND af = 1${kept}`;
  const cols = [
    `${d.bigint('count(*)')} AS nr`,
    `${count(withId)} AS ni`,
    `${count(isKnown)} AS nk`,
    `${count(timed)} AS nt`,
    `${count(passes)} AS np`,
    `${count(`${passes} AND aa = 0`)} AS nb`,
    `${d.epochMs({ expr: 'max(tr)', type: t.type }, spec.tz)} AS lt`,
  ];
  const active = opts.churn !== undefined && C !== undefined;
  if (active) {
    const one = (cond: string): string => d.bigint(`count(DISTINCT CASE WHEN ${cond} THEN cid ELSE NULL END)`);
    cols.push(`${one(`${passes} AND aa = 0`)} AS na`, `${one(`${passes} AND aa = 0 AND kc = 1`)} AS nc`);
  }
  if (padded) cols.push(...paddedItems(b, padded));
  if (opts.first) cols.push(`${d.epochMs({ expr: 'min(tr)', type: t.type }, spec.tz)} AS ft`);
  if (opts.distinctIds) cols.push(`${d.bigint(`count(DISTINCT CASE WHEN ${withId} THEN cid ELSE NULL END)`)} AS nd`);
  if (opts.noGroup) {
    // Per customer: a row --where keeps (any time) that the group filter removes (o), and a counted row (c).
    const perCustomer = `SELECT cid, max(${flag(`${timed}${kept} AND wf = 1 AND af = 0`)}) AS o, max(${flag(`${passes} AND aa = 0`)}) AS c\nFROM ${from}\nGROUP BY cid`;
    cols.push(`(SELECT ${d.bigint('count(*)')} FROM (${perCustomer}) AS kohort_ng WHERE o = 1 AND c = 0) AS ng`);
  }
  const r = (await conn.query(b.render(`SELECT ${cols.join(', ')}\nFROM ${from}`)))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  return {
    rows: n('nr'),
    excluded: {
      missingId: n('nr') - n('ni'),
      unknownCustomer: n('ni') - n('nk'),
      missingTime: n('nk') - n('nt'),
      filtered: n('nt') - n('np'),
      afterAsOf: n('np') - n('nb'),
    },
    kept: n('nb'),
    ids: opts.distinctIds ? n('nd') : undefined,
    active: active ? { customers: n('na'), churnAfter: n('nc') } : undefined,
    latest: r.lt === null || r.lt === undefined ? undefined : Number(r.lt),
    first: r.ft === null || r.ft === undefined ? undefined : Number(r.ft),
    padded: paddedOfRow(r),
    noGroup: opts.noGroup ? n('ng') : undefined,
  };
}
