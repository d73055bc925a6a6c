/**
 * The values each enumerated spec field may take, and the spec types, in one place: what
 * a front end (the CLI) builds specs from without reaching into the stages.
 */
export { ANCHORS, COMPLETENESS, GRANULARITIES, MODES, OFFSET_KINDS, WEEK_STARTS } from '../spec/types.js';
export type { Granularity, InputSpec, MatrixSpec, Mode } from '../spec/types.js';
export { DURATION_UNITS } from '../spec/units.js';
export type { ChurnInputSpec } from '../spec/churn-spec.js';
export type { CrrSpec } from '../spec/crr-spec.js';
export type { SurvivalSpec } from '../spec/survival-spec.js';
export { DATE_FORMATS } from '../time/date-format.js';
export { CONF_TYPES } from '../stats/greenwood.js';
export { LOG_RANK_TESTS } from '../stats/log-rank.js';
export type { CompareSpec } from '../spec/compare-spec.js';
export { P_ADJUST_METHODS } from '../stats/adjust-p.js';
export type { OutcomeSpec, ReasonsSpec, ValueSpec } from '../spec/outcome-spec.js';
export type { FeedbackSpec } from '../spec/feedback-spec.js';
