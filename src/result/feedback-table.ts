import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { NormalizedFeedbackSpec } from '../spec/feedback-spec.js';
import { npsInterval, type Scale } from '../stats/feedback-scores.js';
import { keyColumnNames } from './key-columns.js';

/** Per group, the counts behind each score (only the scores asked for). */
export interface FeedbackCounts {
  /** Answers in the group (customers with a row, after filters). */
  answers: Int32Array;
  /** Scores rejected in the group, over all score columns. */
  rejected: Int32Array;
  nps?: { n: Int32Array; promoters: Int32Array; passives: Int32Array; detractors: Int32Array };
  csat?: { n: Int32Array; satisfied: Int32Array; sum: Float64Array };
  ces?: { n: Int32Array; sum: Float64Array };
}

/** Scores of one column that were present but not on the scale: rejected, never clipped. */
export interface RejectedScores {
  column: string;
  scale: Scale;
  count: number;
  /** The first few 1-based data rows and their values. */
  rows: number[];
  examples: string[];
}

/** What `kohort feedback` read and left out. */
export interface FeedbackReport {
  file: string;
  rows: number;
  /** Answers: distinct ids (with an id column), else rows. */
  answers: number;
  /** Answers after --where. */
  used: number;
  missingId: number;
  duplicateId: number;
  filtered: number;
  rejected: { nps?: RejectedScores; csat?: RejectedScores; ces?: RejectedScores };
}

/** What `kohort feedback` computes. */
export interface FeedbackResult {
  spec: NormalizedFeedbackSpec;
  by: string[];
  groups: { count: number; attributes: { name: string; values: (string | null)[] }[]; size: Int32Array };
  counts: FeedbackCounts;
  /** The same over all segments (one group). */
  overall: FeedbackCounts;
  /** Feedback has no time: always undefined (results share the field). */
  asOf?: number;
  report: FeedbackReport;
}

const MEASURES = [
  'answers', 'nps', 'nps_lower', 'nps_upper', 'nps_n', 'promoters', 'passives', 'detractors',
  'csat', 'csat_mean', 'csat_n', 'ces', 'ces_n', 'rejected',
];

/**
 * feedbackTable: one row per segment: the --by columns, `answers`, then for each score
 * asked for:
 * - NPS: `nps` = 100 x (promoters - detractors) / nps_n (-100..100), `nps_lower`,
 *   `nps_upper` (the adjusted-Wald interval, see npsInterval), `nps_n` (answers with a
 *   valid NPS), `promoters` (9-10), `passives` (7-8), `detractors` (0-6) as counts;
 * - CSAT: `csat` = % of scores in the top two points of the scale (4-5 on 1-5),
 *   `csat_mean`, `csat_n`;
 * - CES: `ces` = the mean score, `ces_n`;
 * and `rejected`: scores present but off their scale (or not whole numbers), over all
 * score columns. Values are null where no answer has the score. With `overall`, one row
 * over all segments (no --by columns).
 */
export function feedbackTable(r: FeedbackResult, opts: { overall?: boolean } = {}): ColumnTable {
  const c = opts.overall ? r.overall : r.counts;
  const G = c.answers.length;
  const names = keyColumnNames(r.by, MEASURES, '_group');
  const cols: Record<string, ArrayLike<unknown>> = {};
  if (!opts.overall) r.groups.attributes.forEach((a, j) => (cols[names[j]] = a.values.slice(0, G)));
  cols.answers = c.answers;
  const per = <T>(f: (g: number) => T): T[] => Array.from({ length: G }, (_, g) => f(g));
  const ratio = (x: number, n: number, scale = 1): number | null => (n > 0 ? (scale * x) / n : null);
  if (c.nps) {
    const { n, promoters, passives, detractors } = c.nps;
    const est = per((g) => npsInterval(promoters[g], detractors[g], n[g], r.spec.confLevel));
    Object.assign(cols, {
      nps: est.map((e) => e.nps),
      nps_lower: est.map((e) => e.lower),
      nps_upper: est.map((e) => e.upper),
      nps_n: n,
      promoters,
      passives,
      detractors,
    });
  }
  if (c.csat) {
    const { n, satisfied, sum } = c.csat;
    Object.assign(cols, { csat: per((g) => ratio(satisfied[g], n[g], 100)), csat_mean: per((g) => ratio(sum[g], n[g])), csat_n: n });
  }
  if (c.ces) {
    const { n, sum } = c.ces;
    Object.assign(cols, { ces: per((g) => ratio(sum[g], n[g])), ces_n: n });
  }
  cols.rejected = c.rejected;
  return aq.table(cols);
}

/** The JSON document of `kohort feedback --format json`. */
export interface FeedbackJSON {
  by: string[];
  scales: { nps?: string; csat?: string; ces?: string };
  conf_level: number;
  rows: Record<string, unknown>[];
  overall: Record<string, unknown>;
  report: FeedbackReport;
}

/** feedbackJSON: {"by", "scales", "conf_level", "rows", "overall", "report"}. */
export function feedbackJSON(r: FeedbackResult): FeedbackJSON {
  const s = r.spec;
  const scale = (x: Scale): string => `${x.min}-${x.max}`;
  return {
    by: r.by,
    scales: {
      ...(s.nps ? { nps: '0-10' } : {}),
      ...(s.csat ? { csat: scale(s.csatScale) } : {}),
      ...(s.ces ? { ces: scale(s.cesScale) } : {}),
    },
    conf_level: s.confLevel,
    rows: feedbackTable(r).objects() as Record<string, unknown>[],
    overall: (feedbackTable(r, { overall: true }).objects() as Record<string, unknown>[])[0] ?? {},
    report: r.report,
  };
}
