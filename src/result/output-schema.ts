/**
 * The output schema: every table kohort writes, its columns in order, their types,
 * nullability and meaning. Arrow, Parquet and CSV writers, the table builders and
 * docs/schema.md all read this one module, so changing a column is a visible change
 * here (and a stale docs/schema.md fails a test).
 */

/** Version of the output schema; bump it on any breaking change to a table below. */
export const OUTPUT_SCHEMA_VERSION = 3;

/**
 * A column type. Arrow / Parquet / CSV:
 * - string: Dictionary<Int32, Utf8> / BYTE_ARRAY UTF8, dictionary-encoded / text
 * - date32: Date32 (days since 1970-01-01, a local calendar day of the run's zone) / INT32 DATE / YYYY-MM-DD
 * - int32, int64: Int32, Int64 / INT32, INT64 / digits
 * - float64: Float64 / DOUBLE / shortest round-trip decimal
 * - bool: Bool / BOOLEAN / true, false
 * Null is an Arrow/Parquet null and an empty CSV field.
 */
export type OutputType = 'string' | 'date32' | 'int32' | 'int64' | 'float64' | 'bool';

export const OUTPUT_TYPES: readonly OutputType[] = ['string', 'date32', 'int32', 'int64', 'float64', 'bool'];

/** One fixed column. */
export interface OutputColumn {
  name: string;
  type: OutputType;
  nullable: boolean;
  description: string;
  /** When the column is present only in some runs: the condition, in words. */
  only?: string;
}

/**
 * A run of columns whose names come from the run: cohort attributes and --by groups
 * ("key"), or one column per offset of the wide matrix ("offset").
 */
export interface OutputColumnGroup {
  group: 'key' | 'offset' | 'reason' | 'segment';
  /** How the names are made, for the document: "<attribute>", "0, 1, 2, ...". */
  name: string;
  type: OutputType;
  nullable: boolean;
  description: string;
}

/** The table kinds kohort writes. */
export type TableKind =
  | 'matrix-tidy'
  | 'matrix-wide'
  | 'matrix-average'
  | 'crr'
  | 'survival-curve'
  | 'survival-at'
  | 'survival-summary'
  | 'compare'
  | 'reasons'
  | 'reasons-wide'
  | 'value'
  | 'value-wide'
  | 'feedback';

/** One table's schema. */
export interface OutputTableSchema {
  kind: TableKind;
  /** The command and the `table` name of a spec output that write it. */
  command: string;
  table: string;
  description: string;
  columns: (OutputColumn | OutputColumnGroup)[];
  /** True while the table's command is still being built: its columns are to be filled in. */
  placeholder?: boolean;
}

const GROUP_KEYS: OutputColumnGroup = {
  group: 'key',
  name: '<by column>',
  type: 'string',
  nullable: true,
  description:
    'One column per `by` group column, named as the source column ("_group" appended when the name clashes with a column below); null = the customer has no value.',
};

const SEGMENT_KEYS: OutputColumnGroup = {
  group: 'key',
  name: '<by column>',
  type: 'string',
  nullable: true,
  description:
    'One column per `by` column, named as the source column ("_group" appended when the name clashes with a column below), after a "cohort" column (the anchor\'s period label) with `cohort`; null = no value (with `nps_class`: a missing or rejected NPS).',
};

const REASON_KEYS: OutputColumnGroup = {
  group: 'reason',
  name: '<reason column>',
  type: 'string',
  nullable: false,
  description:
    'The reason column, or the category and reason columns, named as the source columns ("_reason" appended on a clash); "(none)" = churned without a reason.',
};

const COHORT: OutputColumn = {
  name: 'cohort',
  type: 'string',
  nullable: false,
  only: 'cohorts with a time part (the default `month`)',
  description: 'Label of the cohort\'s time part: YYYY-MM (month), YYYY-Qn (quarter), YYYY (year), the first day YYYY-MM-DD (day, week).',
};

const ATTRIBUTES: OutputColumnGroup = {
  group: 'key',
  name: '<attribute>',
  type: 'string',
  nullable: true,
  description:
    'One column per cohort attribute (`cohort: ["month", "channel"]`), named as the source column ("_attr" appended when the name clashes with a column here); null = no value.',
};

const SURVIVAL_POINT: OutputColumn[] = [
  { name: 'n_risk', type: 'int32', nullable: false, description: 'Customers at risk just before `time`.' },
  { name: 'survival', type: 'float64', nullable: false, description: 'Kaplan-Meier S(time), a share in [0, 1].' },
  { name: 'std_err', type: 'float64', nullable: true, description: 'Greenwood standard error of S; null where undefined (S = 0).' },
  { name: 'lower', type: 'float64', nullable: true, description: 'Lower bound of the pointwise interval (`ci`, `confLevel`); null where undefined.' },
  { name: 'upper', type: 'float64', nullable: true, description: 'Upper bound of the pointwise interval; null where undefined.' },
];

/** Every table, in the order of the document. */
export const OUTPUT_TABLES: readonly OutputTableSchema[] = [
  {
    kind: 'matrix-tidy',
    command: 'matrix',
    table: 'tidy',
    description:
      'The retention matrix in long form: one row per shown cell (complete cells; with `partial`, begun but incomplete cells too), cohort after cohort, offset ascending. Absent cells have no row.',
    columns: [
      COHORT,
      ATTRIBUTES,
      { name: 'offset', type: 'int32', nullable: false, description: 'Offset k: whole periods (`period`) since the cohort\'s anchor period (calendar) or the anchor (elapsed). A reserved word in SQL: quote it ("offset").' },
      { name: 'cohort_size', type: 'int32', nullable: false, description: 'N_c: customers in the cohort.' },
      { name: 'eligible', type: 'int32', nullable: false, only: 'rolling completeness (the default for cohorts without a time part)', description: 'eligible(c, k): members of the cohort whose own offset-k period ended at or before as-of (METRICS.md section 3); the denominator of a share.' },
      { name: 'active', type: 'int32', nullable: false, description: 'The count behind the value: customers of the cohort counted in the cell (for rolling completeness, among the eligible ones).' },
      { name: 'value', type: 'float64', nullable: true, description: 'The measure of `mode`: a share in [0, 1] (classic, unbounded, survival), a revenue ratio (revenue, gross-revenue) or revenue per customer (ltv); null where it has no value (revenue at offset 0 is 0).' },
      { name: 'complete', type: 'bool', nullable: false, description: 'Whether the cell\'s period ended at or before as-of; false only with `partial`.' },
      { name: 'revenue', type: 'float64', nullable: true, only: 'revenue modes (revenue, gross-revenue, ltv)', description: 'Sum of amounts of the cohort at the offset.' },
      { name: 'period', type: 'string', nullable: true, description: 'Label of the cell\'s calendar period (as `cohort`); null where the cohort\'s members start in different periods (attribute-only cohorts, elapsed offsets).' },
      { name: 'cohort_start', type: 'date32', nullable: false, only: 'cohorts with a time part', description: 'First day of the cohort\'s period, in the run\'s time zone.' },
      { name: 'period_start', type: 'date32', nullable: true, description: 'First day of the cell\'s period, in the run\'s time zone; null where `period` is null.' },
    ],
  },
  {
    kind: 'matrix-wide',
    command: 'matrix',
    table: 'wide',
    description:
      'The retention matrix in wide form: one row per cohort and one column per offset; with `average`, a last row "(average)" (its first key column reads "(average)", the others null).',
    columns: [
      { ...COHORT, nullable: false },
      ATTRIBUTES,
      { name: 'cohort_size', type: 'int32', nullable: true, description: 'N_c; null on the average row.' },
      { group: 'offset', name: '0, 1, 2, ...', type: 'float64', nullable: true, description: 'The value at offset k (as `value` of the tidy table); null where the cell is not shown (incomplete, or no value).' },
    ],
  },
  {
    kind: 'matrix-average',
    command: 'matrix',
    table: 'average',
    description: 'The size-weighted average over complete cells (METRICS.md section 4): one row per offset.',
    columns: [
      { name: 'offset', type: 'int32', nullable: false, description: 'Offset k.' },
      { name: 'cohorts', type: 'int32', nullable: false, description: 'Cohorts whose cell at k is complete (those averaged).' },
      { name: 'cohort_size', type: 'int64', nullable: false, description: 'Sum of their sizes.' },
      { name: 'eligible', type: 'int64', nullable: false, only: 'rolling completeness', description: 'Sum of their eligible(c, k): the denominator of a share.' },
      { name: 'active', type: 'int64', nullable: false, description: 'Sum of the counts behind their values.' },
      { name: 'value', type: 'float64', nullable: true, description: 'Sum of numerators / sum of denominators; null where no cohort is complete.' },
    ],
  },
  {
    kind: 'crr',
    command: 'crr',
    table: 'crr',
    description:
      'The customer retention rate per period (METRICS.md section 5): one row per group and period, group after group, periods ascending. Rates are in percent.',
    columns: [
      GROUP_KEYS,
      { name: 'period', type: 'string', nullable: false, description: 'Label of the period [s, e): YYYY-MM, YYYY-Qn, YYYY, or the first day (day, week).' },
      { name: 'customers_start', type: 'int32', nullable: false, description: 'CI: customers at s (signed up before s, not churned before s).' },
      { name: 'new_customers', type: 'int32', nullable: false, description: 'CN: signed up in [s, e).' },
      { name: 'customers_end', type: 'int32', nullable: false, description: 'CF: customers at e.' },
      { name: 'retained', type: 'int32', nullable: false, description: 'Of CI, still customers at e.' },
      { name: 'lost', type: 'int32', nullable: false, description: 'CI - retained.' },
      { name: 'crr', type: 'float64', nullable: true, description: '(CF - CN) / CI x 100; null where CI = 0.' },
      { name: 'churn_rate', type: 'float64', nullable: true, description: '100 - crr; null where CI = 0.' },
      { name: 'crr_exact', type: 'float64', nullable: true, description: 'retained / CI x 100; null where CI = 0.' },
      { name: 'period_start', type: 'date32', nullable: false, description: 'First day of the period, in the run\'s time zone.' },
    ],
  },
  {
    kind: 'survival-curve',
    command: 'survival',
    table: 'curve',
    description: 'Kaplan-Meier curves: one row per group and distinct time (with events or censored), group after group, time ascending.',
    columns: [
      GROUP_KEYS,
      { name: 'time', type: 'float64', nullable: false, description: 'Lifetime in `unit` (days, weeks, months; or the unit of `duration`).' },
      SURVIVAL_POINT[0],
      { name: 'events', type: 'int32', nullable: false, description: 'Churn events at `time`.' },
      { name: 'censored', type: 'int32', nullable: false, description: 'Customers censored at `time` (still customers at as-of).' },
      ...SURVIVAL_POINT.slice(1),
    ],
  },
  {
    kind: 'survival-at',
    command: 'survival',
    table: 'at',
    description: 'S(t) at the chosen times (`at`): one row per group and time.',
    columns: [
      GROUP_KEYS,
      { name: 'n', type: 'int32', nullable: false, description: 'Customers in the group.' },
      { name: 'time', type: 'float64', nullable: false, description: 'The chosen time, in `unit`.' },
      SURVIVAL_POINT[0],
      { name: 'cumulative_events', type: 'int32', nullable: false, description: 'Churn events at or before `time` (a curve row\'s `events` are those at its time).' },
      ...SURVIVAL_POINT.slice(1),
      { name: 'beyond_data', type: 'bool', nullable: false, description: 'Whether `time` is past the group\'s last observed time: S is carried forward there, not observed.' },
    ],
  },
  {
    kind: 'survival-summary',
    command: 'survival',
    table: 'summary',
    description: 'One row per group: its size, events and median lifetime with its interval.',
    columns: [
      GROUP_KEYS,
      { name: 'n', type: 'int32', nullable: false, description: 'Customers in the group.' },
      { name: 'events', type: 'int32', nullable: false, description: 'Churn events by as-of.' },
      { name: 'median', type: 'float64', nullable: true, description: 'Median lifetime in `unit`; null where S never falls to 0.5.' },
      { name: 'median_lower', type: 'float64', nullable: true, description: 'Lower bound of the median\'s interval; null where not reached.' },
      { name: 'median_upper', type: 'float64', nullable: true, description: 'Upper bound of the median\'s interval; null where not reached.' },
    ],
  },
  {
    kind: 'compare',
    command: 'compare',
    table: 'compare',
    description:
      'Groups compared (METRICS.md sections 3 and 7): one row per group and offset, group after group, offset ascending; each group\'s share at the offset (rolling completeness; Kaplan-Meier S at the offset\'s end for durations given directly) and, for the groups but the reference, its difference from the reference.',
    columns: [
      { group: 'key', name: '<by column>', type: 'string', nullable: false, description: 'The group: a value of the `by` column (named as it, "_group" appended when the name clashes), or "true"/"false" for a condition (named as the condition\'s text).' },
      { name: 'offset', type: 'int32', nullable: false, description: 'Offset k (`period`, or the unit of `duration`). A reserved word in SQL: quote it ("offset").' },
      { name: 'customers', type: 'int32', nullable: false, description: 'Customers in the group.' },
      { name: 'eligible', type: 'int32', nullable: false, description: 'The denominator: the group\'s customers whose offset-k period ended by as-of (rolling); at risk at the offset\'s end for Kaplan-Meier points.' },
      { name: 'active', type: 'int32', nullable: true, description: 'Customers counted at k among the eligible; null for Kaplan-Meier points.' },
      { name: 'value', type: 'float64', nullable: false, description: 'The group\'s share at k (active / eligible, or S), in [0, 1].' },
      { name: 'reference', type: 'string', nullable: true, description: 'The reference group; null on the reference\'s own rows.' },
      { name: 'diff', type: 'float64', nullable: true, description: 'value - the reference\'s value at k, a share (0.061 = 6.1 points); null on the reference\'s rows or where the reference has no value.' },
      { name: 'lower', type: 'float64', nullable: true, description: 'Lower bound of the difference\'s interval (`confLevel`): Newcombe hybrid score (Wilson), or Greenwood normal for Kaplan-Meier points.' },
      { name: 'upper', type: 'float64', nullable: true, description: 'Upper bound of the difference\'s interval.' },
      { name: 'p', type: 'float64', nullable: true, description: 'Two-sided p-value: pooled two-proportion z-test (or the Greenwood z-test); null where undefined.' },
      { name: 'p_adjusted', type: 'float64', nullable: true, description: 'p adjusted across the group\'s offsets (`adjust`: holm, bh, none).' },
    ],
  },
  {
    kind: 'reasons',
    command: 'reasons',
    table: 'reasons',
    description:
      'Churned customers per segment and reason (METRICS.md section 8): segment after segment, reasons by count (with two levels, categories by their total, then the reasons within), "(none)" last.',
    columns: [
      SEGMENT_KEYS,
      REASON_KEYS,
      { name: 'churned', type: 'int32', nullable: false, description: 'Churned customers of the segment with this reason.' },
      { name: 'share', type: 'float64', nullable: false, description: 'churned / segment_churned: the reason\'s share of the segment\'s churn (a segment\'s rows sum to 1).' },
      { name: 'share_of_all', type: 'float64', nullable: false, description: 'churned / all churned customers: the share of all churn the row explains (all rows sum to 1).' },
      { name: 'segment_churned', type: 'int32', nullable: false, description: 'Churned customers of the segment.' },
      { name: 'segment_customers', type: 'int32', nullable: false, description: 'Customers of the segment in the run (churned and retained).' },
    ],
  },
  {
    kind: 'reasons-wide',
    command: 'reasons',
    table: 'wide',
    description: 'Churn reasons over all segments, one row per reason, with each segment\'s share side by side (the default CSV of `kohort reasons`).',
    columns: [
      REASON_KEYS,
      { name: 'churned', type: 'int32', nullable: false, description: 'Churned customers with this reason, over all segments.' },
      { name: 'share_of_all', type: 'float64', nullable: false, description: 'churned / all churned customers.' },
      {
        group: 'segment',
        name: '<segment>',
        type: 'float64',
        nullable: false,
        description: 'One column per segment, named by its values joined with " / ": the reason\'s share of that segment\'s churn (0 where none).',
      },
    ],
  },
  {
    kind: 'value',
    command: 'value',
    table: 'value',
    description:
      'Lifetime value of churned vs retained customers (METRICS.md section 8): two rows per segment, churned then retained (a status without customers is a row of zeros).',
    columns: [
      SEGMENT_KEYS,
      { name: 'status', type: 'string', nullable: false, description: '"churned" (churned at or before as-of) or "retained" (still a customer at as-of).' },
      { name: 'customers', type: 'int32', nullable: false, description: 'Customers of the segment with this status.' },
      { name: 'mean', type: 'float64', nullable: true, description: 'Mean value of those with a value; null when none has one.' },
      { name: 'median', type: 'float64', nullable: true, description: 'Median value (the mean of the two middle values for an even count); null when none has one.' },
      { name: 'total', type: 'float64', nullable: false, description: 'Sum of the values.' },
      { name: 'share_of_total', type: 'float64', nullable: true, description: 'total / the segment\'s total over both statuses; null when that is 0.' },
      { name: 'missing', type: 'int32', nullable: false, description: 'Customers without a value (left out of mean, median and total).' },
    ],
  },
  {
    kind: 'value-wide',
    command: 'value',
    table: 'wide',
    description: 'The value table with churned and retained side by side: one row per segment (the default CSV of `kohort value`).',
    columns: [
      SEGMENT_KEYS,
      { name: 'customers_churned', type: 'int32', nullable: false, description: 'Churned customers.' },
      { name: 'customers_retained', type: 'int32', nullable: false, description: 'Retained customers.' },
      { name: 'mean_churned', type: 'float64', nullable: true, description: 'Mean value of the churned; null when none has one.' },
      { name: 'mean_retained', type: 'float64', nullable: true, description: 'Mean value of the retained; null when none has one.' },
      { name: 'median_churned', type: 'float64', nullable: true, description: 'Median value of the churned.' },
      { name: 'median_retained', type: 'float64', nullable: true, description: 'Median value of the retained.' },
      { name: 'total_churned', type: 'float64', nullable: false, description: 'Total value of the churned.' },
      { name: 'total_retained', type: 'float64', nullable: false, description: 'Total value of the retained.' },
      { name: 'missing_churned', type: 'int32', nullable: false, description: 'Churned customers without a value.' },
      { name: 'missing_retained', type: 'int32', nullable: false, description: 'Retained customers without a value.' },
    ],
  },
  {
    kind: 'feedback',
    command: 'feedback',
    table: 'feedback',
    description: 'NPS, CSAT and CES per segment (METRICS.md section 8): one row per segment; only the scores asked for have columns.',
    columns: [
      SEGMENT_KEYS,
      { name: 'answers', type: 'int32', nullable: false, description: 'Answers of the segment (one per id with an id column, else per row), after filters.' },
      { name: 'nps', type: 'float64', nullable: true, only: 'runs with `nps`', description: '100 x (promoters - detractors) / nps_n, from -100 to 100; null when nps_n = 0.' },
      { name: 'nps_lower', type: 'float64', nullable: true, only: 'runs with `nps`', description: 'Lower bound of the NPS interval (`confLevel`, default 95%): adjusted Wald (Rocks 2016), clipped to -100.' },
      { name: 'nps_upper', type: 'float64', nullable: true, only: 'runs with `nps`', description: 'Upper bound of the NPS interval, clipped to 100.' },
      { name: 'nps_n', type: 'int32', nullable: false, only: 'runs with `nps`', description: 'Answers with a valid NPS (a whole number 0-10).' },
      { name: 'promoters', type: 'int32', nullable: false, only: 'runs with `nps`', description: 'Answers scoring 9-10.' },
      { name: 'passives', type: 'int32', nullable: false, only: 'runs with `nps`', description: 'Answers scoring 7-8.' },
      { name: 'detractors', type: 'int32', nullable: false, only: 'runs with `nps`', description: 'Answers scoring 0-6.' },
      { name: 'csat', type: 'float64', nullable: true, only: 'runs with `csat`', description: 'Percent of valid CSAT scores in the top two points of the scale (4-5 on 1-5); null when csat_n = 0.' },
      { name: 'csat_mean', type: 'float64', nullable: true, only: 'runs with `csat`', description: 'Mean CSAT score.' },
      { name: 'csat_n', type: 'int32', nullable: false, only: 'runs with `csat`', description: 'Answers with a valid CSAT score.' },
      { name: 'ces', type: 'float64', nullable: true, only: 'runs with `ces`', description: 'Mean CES score on its scale (1-7 by default); null when ces_n = 0.' },
      { name: 'ces_n', type: 'int32', nullable: false, only: 'runs with `ces`', description: 'Answers with a valid CES score.' },
      { name: 'rejected', type: 'int32', nullable: false, description: 'Scores present but not a whole number on their scale, over all score columns: left out, never clipped.' },
    ],
  },
];

/** The schema of a table kind. */
export function outputTable(kind: TableKind): OutputTableSchema {
  const t = OUTPUT_TABLES.find((s) => s.kind === kind);
  if (!t) throw new Error(`no output schema for table kind ${JSON.stringify(kind)}`);
  return t;
}

/** The fixed column `name` of a table kind. */
export function outputColumn(kind: TableKind, name: string): OutputColumn {
  const c = outputTable(kind).columns.find((x): x is OutputColumn => !('group' in x) && x.name === name);
  if (!c) throw new Error(`table ${kind} has no column ${JSON.stringify(name)}`);
  return c;
}

/** The column group ("key" or "offset") of a table kind. */
export function outputGroup(kind: TableKind, group: OutputColumnGroup['group']): OutputColumnGroup {
  const c = outputTable(kind).columns.find((x): x is OutputColumnGroup => 'group' in x && x.group === group);
  if (!c) throw new Error(`table ${kind} has no ${group} columns`);
  return c;
}
