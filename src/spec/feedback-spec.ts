/**
 * Feedback scores by segment (METRICS.md section 8): NPS, CSAT and CES, as a documented
 * spec type with defaults, and its normalizer.
 */
import { fail } from '../errors.js';
import type { Scale } from '../stats/feedback-scores.js';
import { timeZone } from '../time/zone.js';
import { resolveBy } from './churn-spec.js';
import { resolveRole } from './detect-column.js';
import type { CohortAttribute, InputSchema, ResolvedFilter } from './input-schema.js';
import { parseWhere } from './parse-where.js';
import { resolveColumn } from './resolve-column.js';
import type { Filter, InputSpec } from './types.js';

/** A feedback request: one table of scores (a survey, or the customers table). */
export interface FeedbackSpec {
  /** The scores table: `customers` (or `activity` when it is the only file). */
  input: InputSpec;
  /**
   * The id column: with it, one answer per customer (the first row of each id; later rows
   * are counted as duplicates); without it (and none detected), every row is an answer.
   */
  columns?: { id?: string };
  /** Segment columns; "nps_class" (with `nps`) splits by promoter / passive / detractor. Default: none. */
  by?: string[];
  /** NPS column: likelihood to recommend, whole numbers 0-10. */
  nps?: string;
  /** CSAT column: satisfaction on `csatScale`; "satisfied" = its top two points (4-5 on 1-5). */
  csat?: string;
  /** CES column: customer effort on `cesScale`; CES = the mean. */
  ces?: string;
  /** The CSAT scale, "low-high". Default "1-5". */
  csatScale?: string;
  /** The CES scale, "low-high". Default "1-7". */
  cesScale?: string;
  /** Level of the NPS interval, 0 < level < 1. Default 0.95. */
  confLevel?: number;
  /** Filters `<column> <op> <value>`, ANDed. */
  where?: (string | Filter)[];
  /** Time zone of date filters. Default "UTC". */
  tz?: string;
}

/** The defaults of a {@link FeedbackSpec}'s optional keys. */
export const FEEDBACK_DEFAULTS = { csatScale: '1-5', cesScale: '1-7', confLevel: 0.95, tz: 'UTC' } as const;

/** The NPS scale (fixed). */
export const NPS_SCALE: Scale = { min: 0, max: 10 };

/** A FeedbackSpec checked, with its defaults filled and its columns resolved: what feedbackPlan takes. */
export interface NormalizedFeedbackSpec {
  file: string;
  id?: string;
  by: CohortAttribute[];
  nps?: string;
  csat?: string;
  ces?: string;
  csatScale: Scale;
  cesScale: Scale;
  confLevel: number;
  filters: ResolvedFilter[];
  tz: string;
}

/**
 * normalizeFeedback: FeedbackSpec + the table's column names -> NormalizedFeedbackSpec.
 * Fails with `feedbackNeedsScore`, `badScale`, `badConfLevel`, `missingColumn`.
 */
export function normalizeFeedback(spec: FeedbackSpec, schema: InputSchema): NormalizedFeedbackSpec {
  const t = schema.customers ?? schema.activity;
  if (!t) return fail('noInput', {});
  if (spec.nps === undefined && spec.csat === undefined && spec.ces === undefined) fail('feedbackNeedsScore', {});
  const only: InputSchema = { customers: t };
  const col = (role: string, field: string, name: string | undefined): string | undefined =>
    name === undefined ? undefined : resolveColumn(name, t.columns, { role, field, file: t.file });
  const confLevel = spec.confLevel ?? FEEDBACK_DEFAULTS.confLevel;
  if (!(typeof confLevel === 'number' && confLevel > 0 && confLevel < 1)) fail('badConfLevel', { value: confLevel });
  const tz = spec.tz ?? FEEDBACK_DEFAULTS.tz;
  timeZone(tz);
  return {
    file: t.file,
    id: resolveRole('id', spec.columns?.id, t.columns, { file: t.file, required: false }),
    by: resolveBy(spec.by, only, spec.nps),
    nps: col('NPS scores', 'nps', spec.nps),
    csat: col('CSAT scores', 'csat', spec.csat),
    ces: col('CES scores', 'ces', spec.ces),
    csatScale: parseScale('csatScale', spec.csatScale ?? FEEDBACK_DEFAULTS.csatScale),
    cesScale: parseScale('cesScale', spec.cesScale ?? FEEDBACK_DEFAULTS.cesScale),
    confLevel,
    filters: (spec.where ?? []).map((w) => {
      const f = typeof w === 'string' ? parseWhere(w) : w;
      return { ...f, column: resolveColumn(f.column, t.columns, { role: 'filter', field: 'where', file: t.file }), table: 'customers' as const };
    }),
    tz,
  };
}

/** "1-5" -> {min: 1, max: 5}: whole numbers, low below high. */
export function parseScale(option: string, text: string): Scale {
  const m = /^\s*(-?\d+)\s*(?:-|\.\.|to)\s*(-?\d+)\s*$/.exec(text);
  if (!m || +m[1] >= +m[2]) return fail('badScale', { option, value: text });
  return { min: +m[1], max: +m[2] };
}
