import type { OutputColumn, OutputColumnGroup } from './output-types.js';

/* Columns that several tables share. */

/** The `by` group columns of survival and compare tables. */
export const GROUP_KEYS: OutputColumnGroup = {
  group: 'key',
  name: '<by column>',
  type: 'string',
  nullable: true,
  description:
    'One column per `by` group column, named as the source column ("_group" appended when the name clashes with a column below); null = the customer has no value.',
};

/** The segment columns of the outcome tables (reasons, value, feedback). */
export const SEGMENT_KEYS: OutputColumnGroup = {
  group: 'key',
  name: '<by column>',
  type: 'string',
  nullable: true,
  description:
    'One column per `by` column, named as the source column ("_group" appended when the name clashes with a column below), after a "cohort" column (the anchor\'s period label) with `cohort`; null = no value (with `nps_class`: a missing or rejected NPS).',
};

/** The reason column(s) of the reasons tables. */
export const REASON_KEYS: OutputColumnGroup = {
  group: 'reason',
  name: '<reason column>',
  type: 'string',
  nullable: false,
  description:
    'The reason column, or the category and reason columns, named as the source columns ("_reason" appended on a clash); "(none)" = churned without a reason (a blank or NULL reason); a reason that is itself the text "(none)" is written quoted, \'"(none)"\', so the two rows never read alike.',
};

/** The cohort label column. */
export const COHORT: OutputColumn = {
  name: 'cohort',
  type: 'string',
  nullable: false,
  only: 'cohorts with a time part (the default `month`)',
  description: 'Label of the cohort\'s time part: YYYY-MM (month), YYYY-Qn (quarter), YYYY (year), the first day YYYY-MM-DD (day, week).',
};

/** The cohort attribute columns. */
export const ATTRIBUTES: OutputColumnGroup = {
  group: 'key',
  name: '<attribute>',
  type: 'string',
  nullable: true,
  description:
    'One column per cohort attribute (`cohort: ["month", "channel"]`), named as the source column ("_attr" appended when the name clashes with a column here); null = no value.',
};

/** n_risk, survival, std_err, lower, upper: the columns of a Kaplan-Meier reading. */
export const SURVIVAL_POINT: OutputColumn[] = [
  { name: 'n_risk', type: 'int32', nullable: false, description: 'Customers at risk just before `time`.' },
  { name: 'survival', type: 'float64', nullable: false, description: 'Kaplan-Meier S(time), a share in [0, 1].' },
  { name: 'std_err', type: 'float64', nullable: true, description: 'Greenwood standard error of S; null where undefined (S = 0).' },
  { name: 'lower', type: 'float64', nullable: true, description: 'Lower bound of the pointwise interval (`ci`, `confLevel`); null where undefined.' },
  { name: 'upper', type: 'float64', nullable: true, description: 'Upper bound of the pointwise interval; null where undefined.' },
];
