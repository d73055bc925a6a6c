import type { OutputTableSchema } from './output-types.js';
import { ATTRIBUTES, COHORT } from './shared-columns.js';

/** The retention matrix tables: tidy, wide and average. */
export const MATRIX_TABLES: readonly OutputTableSchema[] = [
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
];
