// Reference SQL (DuckDB) for the benchmark questions, written straight from
// /work/shared/METRICS.md sections 2-7. Each function returns one SQL string.
// `events` / `customers` are a table name or a file path (.parquet / .csv / .csv.gz),
// so tests can run them on fixtures and the benchmark on loaded tables.
// Calendar months in UTC; timestamps are cast to TIMESTAMP (naive UTC).

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;
const ident = (s) => `"${String(s).replace(/"/g, '""')}"`;

/** A relation: a table name, or a file read with DuckDB's reader. */
export function rel(src) {
  if (/\.parquet$/i.test(src)) return `read_parquet(${quote(src)})`;
  if (/\.(csv|tsv|txt)(\.gz)?$/i.test(src)) return `read_csv(${quote(src)}, header=true)`;
  return ident(src);
}

/**
 * CREATE TABLE name AS the file, typed (for timing the load on its own); `keep` lists the
 * columns to load (all when absent), as kohort reads only the columns a question needs.
 */
export function loadSql(table, file, columns, keep) {
  const from = /\.parquet$/i.test(file) || !columns
    ? rel(file)
    : `read_csv(${quote(file)}, header=true, columns={${Object.entries(columns).map(([k, v]) => `${quote(k)}:${quote(v)}`).join(',')}}, ` +
      `timestampformat='%Y-%m-%d %H:%M:%S')`;
  return `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${keep ? keep.map(ident).join(', ') : '*'} FROM ${from}`;
}

/** CREATE TABLE events from a shape-benchmark CSV: the time column parsed as its shape needs (instants in UTC). */
export function shapeEventsLoadSql(file, timeShape) {
  const type = { 'epoch-s': 'BIGINT', 'epoch-ms': 'BIGINT', date: 'DATE', 'iso-offset': 'VARCHAR' }[timeShape] ?? 'TIMESTAMP';
  const t = { 'epoch-s': 'epoch_ms(event_time * 1000)', 'epoch-ms': 'epoch_ms(event_time)', date: 'CAST(event_time AS TIMESTAMP)',
    'iso-offset': 'CAST(CAST(event_time AS TIMESTAMPTZ) AS TIMESTAMP)' }[timeShape] ?? 'event_time';
  return `CREATE OR REPLACE TABLE events AS SELECT customer_id, ${t} AS event_time, amount FROM read_csv(${quote(file)}, header=true, ` +
    `columns={'customer_id':'VARCHAR','event_time':'${type}','amount':'DOUBLE'})`;
}

export const EVENT_COLUMNS = { customer_id: 'VARCHAR', event_time: 'TIMESTAMP', amount: 'DOUBLE' };
export const CUSTOMER_COLUMNS = { customer_id: 'VARCHAR', signup_at: 'TIMESTAMP', channel: 'VARCHAR', onboarding: 'VARCHAR', plan: 'VARCHAR',
  monthly_price: 'DOUBLE', churned_at: 'TIMESTAMP', churn_reason: 'VARCHAR' };

const DEF = { id: 'customer_id', time: 'event_time', amount: 'amount', signup: 'signup_at', churn: 'churned_at' };
// Default as-of (section 3): midnight after the latest timestamp; else the given instant.
const asOfCte = (o, maxExpr, from) => `ao AS (SELECT ${o.asOf ? `CAST(${quote(o.asOf)} AS TIMESTAMP) AS a`
  : `date_trunc('day', ${maxExpr}) + INTERVAL 1 DAY AS a FROM ${from}`})`;

/**
 * Retention matrix, tidy rows of complete cells only (every complete cell, zeros included).
 * o: { events, customers?, by?: ['channel'], mode: 'classic'|'unbounded'|'revenue', asOf?, id?, time?, amount?,
 *      anchor?: 'first-activity' (default) | 'signup' (needs customers; signup column o.signup) }
 * Columns: cohort (YYYY-MM), [by...], offset, cohort_size, active, [revenue], value.
 */
export function matrixSql(opts) {
  const o = { ...DEF, by: [], mode: 'classic', period: 'month', ...opts };
  if (!['day', 'week', 'month'].includes(o.period)) throw new Error(`unknown period ${o.period}`);
  const g = o.period;
  // ISO weeks start Monday, as date_trunc('week'); offsets between period starts in whole periods
  const diff = (a, b) => (g === 'week' ? `(date_diff('day', ${a}, ${b}) // 7)` : `datediff('${g}', ${a}, ${b})`);
  const trunc = (x) => `date_trunc('${g}', ${x})`;
  if (!['classic', 'unbounded', 'revenue'].includes(o.mode)) throw new Error(`unknown mode ${o.mode}`);
  const by = o.by.map((b) => ident(b)), rev = o.mode === 'revenue';
  const keys = ['cm', ...by].join(', ');
  // IS NOT DISTINCT FROM: customers missing from the customers table form a NULL cohort
  const on = (l, r, cols) => cols.map((c) => `${l}.${c} IS NOT DISTINCT FROM ${r}.${c}`).join(' AND ');
  // One row per (customer, active month) first: much cheaper than count(DISTINCT) over all events.
  const cols = by.map((b) => `cu.${b}`).join(', ');
  let f;
  if (o.anchor === 'signup') {
    // anchor = signup on the customers table: customers without activity count in N_c
    f = `f AS (SELECT cu.${ident(o.id)} AS id, ${trunc(`CAST(cu.${ident(o.signup)} AS TIMESTAMP)`)} AS cm, lm.lm${cols ? `, ${cols}` : ''}
    FROM ${rel(o.customers)} cu CROSS JOIN ao LEFT JOIN (SELECT id, max(m) AS lm FROM am GROUP BY id) lm ON lm.id = cu.${ident(o.id)}
    WHERE CAST(cu.${ident(o.signup)} AS TIMESTAMP) <= ao.a),`;
  } else {
    f = by.length
      ? `f0 AS (SELECT id, min(m) AS cm, max(m) AS lm FROM am GROUP BY id),
  f AS (SELECT f0.*, ${cols} FROM f0 LEFT JOIN ${rel(o.customers)} cu ON cu.${ident(o.id)} = f0.id),`
      : `f AS (SELECT id, min(m) AS cm, max(m) AS lm FROM am GROUP BY id),`;
  }
  const cells = o.mode === 'unbounded'
    // a customer counts at every k up to its last active offset
    ? `hist AS (SELECT ${keys}, ${diff('cm', 'lm')} AS mk, count(*) AS c FROM f GROUP BY ALL),
  cells AS (SELECT ${['g.cm', ...by.map((b) => `g.${b}`)].join(', ')}, g.k, sum(h.c) AS active
    FROM grid g JOIN hist h ON ${on('h', 'g', ['cm', ...by])} AND h.mk >= g.k GROUP BY ALL)`
    : `cells AS (SELECT ${keys.split(', ').map((c) => `f.${c}`).join(', ')}, ${diff('f.cm', 'am.m')} AS k, count(*) AS active${rev ? ', sum(am.amt) AS revenue' : ''}
    FROM am JOIN f USING (id) WHERE am.m >= f.cm GROUP BY ALL)`;
  return `WITH ev AS (SELECT ${ident(o.id)} AS id, CAST(${ident(o.time)} AS TIMESTAMP) AS t${rev ? `, CAST(${ident(o.amount)} AS DOUBLE) AS amt` : ''} FROM ${rel(o.events)}),
  ${asOfCte(o, 'max(t)', 'ev')},
  am AS (SELECT id, ${trunc('t')} AS m${rev ? ', sum(amt) AS amt' : ''} FROM ev, ao WHERE ev.t <= ao.a GROUP BY id, m),
  ${f}
  sizes AS (SELECT ${keys}, count(*) AS n FROM f GROUP BY ALL),
  grid AS (SELECT s.*, unnest(range(0, ${diff('s.cm', trunc('ao.a'))})) AS k FROM sizes s, ao),
  ${cells}${rev ? `,
  r0 AS (SELECT ${keys}, revenue AS rev0 FROM cells WHERE k = 0)` : ''}
  SELECT strftime(g.cm, '${g === 'month' ? '%Y-%m' : '%Y-%m-%d'}') AS cohort, ${by.map((b) => `g.${b}, `).join('')}g.k AS "offset", g.n AS cohort_size,
    coalesce(c.active, 0) AS active,
    ${rev ? `coalesce(c.revenue, 0) AS revenue, coalesce(c.revenue, 0) / nullif(r0.rev0, 0) AS value`
    : 'coalesce(c.active, 0) / g.n AS value'}
  FROM grid g LEFT JOIN cells c ON ${on('c', 'g', ['cm', ...by, 'k'])}${rev ? ` LEFT JOIN r0 ON ${on('r0', 'g', ['cm', ...by])}` : ''}
  ORDER BY cohort, ${by.map((b) => `${b} NULLS FIRST, `).join('')}"offset"`;
}

export const classicSql = (o) => matrixSql({ ...o, mode: 'classic' });
export const unboundedSql = (o) => matrixSql({ ...o, mode: 'unbounded' });
export const revenueSql = (o) => matrixSql({ ...o, mode: 'revenue' });
export const channelSql = (o) => matrixSql({ by: ['channel'], ...o, mode: 'classic' });

// Customers with signup/churn as TIMESTAMP, and the default as-of: midnight after the
// latest signup or churn time.
const customersCte = (o, extra = '') => `c AS (SELECT CAST(${ident(o.signup)} AS TIMESTAMP) AS s, CAST(${ident(o.churn)} AS TIMESTAMP) AS e${extra}
    FROM ${rel(o.customers)}),
  ${asOfCte(o, 'greatest(max(s), coalesce(max(e), max(s)))', 'c')}`;

/**
 * Kaplan-Meier S(t) per group (section 7), durations in days from signup to churn (event)
 * or to as-of (censored). o: { customers, by = 'channel', at = [30, 90, 180, 365], asOf?, wholeDays? }
 * wholeDays floors durations to whole days; default keeps fractional days.
 * Columns: <by>, n, events, time, survival.
 */
export function survivalSql(opts) {
  const o = { ...DEF, by: 'channel', at: [30, 90, 180, 365], ...opts };
  const at = o.at.map(Number);
  if (!at.length || at.some((x) => !Number.isFinite(x))) throw new Error('survival: at must be numbers');
  const dur = `(epoch_ms(CASE WHEN churned THEN e ELSE a END) - epoch_ms(s)) / 86400000.0`;
  return `WITH ${customersCte(o, `, ${ident(o.by)} AS g`)},
  d0 AS (SELECT g, s, e, a, (e IS NOT NULL AND e <= a) AS churned FROM c, ao),
  d AS (SELECT g, churned::INTEGER AS ev, ${o.wholeDays ? `floor(${dur})` : dur} AS t FROM d0),
  tt AS (SELECT g, t, sum(ev) AS d, count(*) AS c FROM d GROUP BY g, t),
  rk AS (SELECT g, t, CAST(d AS DOUBLE) AS d,
    CAST(sum(c) OVER (PARTITION BY g ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE) AS n FROM tt),
  km AS (SELECT g, t, CASE WHEN max((d = n)::INTEGER) OVER w = 1 THEN 0.0
    ELSE exp(sum(CASE WHEN d < n THEN ln(1 - d / n) ELSE 0 END) OVER w) END AS s
    FROM rk WHERE d > 0 WINDOW w AS (PARTITION BY g ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
  grp AS (SELECT g, count(*) AS n, sum(ev) AS events FROM d GROUP BY g),
  -- one filtered arg_max per point: far cheaper than an inequality join against the points
  sp AS (SELECT g, ${at.map((p, i) => `arg_max(s, t) FILTER (WHERE t <= ${p}) AS p${i}`).join(', ')} FROM km GROUP BY g)
  SELECT grp.g AS ${ident(o.by)}, grp.n, grp.events, unnest([${at.join(', ')}]) AS time,
    unnest([${at.map((_, i) => `coalesce(sp.p${i}, 1.0)`).join(', ')}]) AS survival
  FROM grp LEFT JOIN sp ON sp.g IS NOT DISTINCT FROM grp.g
  ORDER BY 1 NULLS FIRST, time`;
}

/**
 * CRR per calendar month (section 5), for every month from the first signup's month
 * through the last month that ends at or before as-of. o: { customers, asOf? }
 * Columns: period, customers_start, new_customers, customers_end, retained, lost, crr, churn_rate, crr_exact.
 */
export function crrSql(opts) {
  const o = { ...DEF, ...opts };
  return `WITH ${customersCte(o)},
  b AS (SELECT date_trunc('month', min(s)) AS first_p, any_value(a) AS a FROM c, ao),
  p AS (SELECT g.ps, g.ps + INTERVAL 1 MONTH AS pe FROM b, generate_series(b.first_p, b.a, INTERVAL 1 MONTH) g(ps)
        WHERE g.ps + INTERVAL 1 MONTH <= b.a),
  agg AS (SELECT ps,
    count(*) FILTER (WHERE s < ps AND (e IS NULL OR e >= ps)) AS ci,
    count(*) FILTER (WHERE s >= ps AND s < pe) AS cn,
    count(*) FILTER (WHERE s < pe AND (e IS NULL OR e >= pe)) AS cf,
    count(*) FILTER (WHERE s < ps AND (e IS NULL OR e >= pe)) AS retained
    FROM p, c GROUP BY ps)
  SELECT strftime(ps, '%Y-%m') AS period, ci AS customers_start, cn AS new_customers, cf AS customers_end,
    retained, ci - retained AS lost,
    CASE WHEN ci > 0 THEN (cf - cn) / ci * 100 END AS crr,
    CASE WHEN ci > 0 THEN 100 - (cf - cn) / ci * 100 END AS churn_rate,
    CASE WHEN ci > 0 THEN retained / ci * 100 END AS crr_exact
  FROM agg ORDER BY ps`;
}

/**
 * kohort compare --by channel (METRICS.md section 3, rolling completeness): per channel
 * and offset k, over the customers whose own offset-k month (from their signup month)
 * has ended at or before as-of: eligible, active (activity in that month), value.
 * o: { events, customers, asOf? }. Columns: channel, offset, customers, eligible, active, value.
 */
export function compareSql(opts) {
  const o = { ...DEF, ...opts };
  const sig = `CAST(${ident(o.signup)} AS TIMESTAMP)`;
  return `WITH ev AS (SELECT ${ident(o.id)} AS id, CAST(${ident(o.time)} AS TIMESTAMP) AS t FROM ${rel(o.events)}),
  ${o.asOf ? asOfCte(o) : `ao AS (SELECT date_trunc('day', greatest((SELECT max(t) FROM ev), (SELECT max(${sig}) FROM ${rel(o.customers)}))) + INTERVAL 1 DAY AS a)`},
  -- each customer's last complete offset: the month before the as-of month, minus its signup month
  cu AS (SELECT ${ident(o.id)} AS id, date_trunc('month', ${sig}) AS cm, channel AS g,
    datediff('month', date_trunc('month', ${sig}), date_trunc('month', ao.a)) - 1 AS lim
    FROM ${rel(o.customers)}, ao WHERE ${sig} < ao.a AND channel IS NOT NULL),
  am AS (SELECT DISTINCT id, date_trunc('month', t) AS m FROM ev, ao WHERE t < ao.a),
  act AS (SELECT cu.g, datediff('month', cu.cm, am.m) AS k, count(*) AS active FROM am JOIN cu USING (id)
    WHERE am.m >= cu.cm AND datediff('month', cu.cm, am.m) <= cu.lim GROUP BY ALL),
  sizes AS (SELECT g, count(*) AS n FROM cu GROUP BY g),
  lims AS (SELECT g, lim, count(*) AS c FROM cu WHERE lim >= 0 GROUP BY ALL),
  el AS (SELECT l.g, r.k, sum(l.c) AS eligible FROM lims l, range(0, 1200) r(k) WHERE r.k <= l.lim GROUP BY ALL)
  SELECT el.g AS channel, el.k AS "offset", sizes.n AS customers, el.eligible, coalesce(act.active, 0) AS active,
    coalesce(act.active, 0) / el.eligible AS value
  FROM el JOIN sizes USING (g) LEFT JOIN act ON act.g = el.g AND act.k = el.k
  ORDER BY 1, 2`;
}

/** The SQL of a benchmark question, on loaded tables `events` and `customers`. */
export function questionSql(question, o = {}) {
  const t = { events: 'events', customers: 'customers', ...o };
  switch (question) {
    case 'classic': return classicSql(t);
    case 'unbounded': return unboundedSql(t);
    case 'revenue': return revenueSql(t);
    case 'channel': return channelSql(t);
    case 'survival': return survivalSql(t);
    case 'crr': return crrSql(t);
    case 'compare': return compareSql(t);
    default: throw new Error(`unknown question ${question}`);
  }
}

/** The columns a question reads, where it reads fewer than all (DuckDB then loads only those). */
export const QUESTION_COLUMNS = {
  compare: { events: ['customer_id', 'event_time'], customers: ['customer_id', 'signup_at', 'channel'] },
};

/** Which tables a question reads. */
export const QUESTION_TABLES = {
  classic: ['events'], unbounded: ['events'], revenue: ['events'], channel: ['events', 'customers'],
  survival: ['customers'], crr: ['customers'], compare: ['events', 'customers'],
};
