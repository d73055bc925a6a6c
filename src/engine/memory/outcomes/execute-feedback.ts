import type { FeedbackCounts, FeedbackReport, FeedbackResult, RejectedScores } from '../../../result/feedback-table.js';
import { emptyReport } from '../../../report/load-report.js';
import type { NormalizedFeedbackSpec } from '../../../spec/feedback-spec.js';
import { npsClassIndex, onScale, type Scale } from '../../../stats/feedback-scores.js';
import { timeZone } from '../../../time/zone.js';
import { attributeColumn } from '../prepare/attribute-column.js';
import { numericColumn, rowReader, type AnyColumn } from '../prepare/column-keys.js';
import { customerIndex } from '../prepare/customer-index.js';
import { filterMask } from '../prepare/filter-mask.js';
import { groupCustomers } from '../prepare/group-customers.js';
import type { InputTables } from '../../../load/input-tables.js';
import { isMissingText } from '../../../load/bytes/parse-number.js';
import { filterSource, tableColumn } from '../prepare/dataset-columns.js';

/** Rejected rows kept as examples per score column. */
const EXAMPLES = 5;

/**
 * executeFeedback: NPS, CSAT and CES by segment (METRICS.md section 8), in memory.
 *
 *   answers (one per id, else per row) -> --where -> --by groups
 *       -> per score column: numbers, rejected where present but off the scale
 *       -> feedbackCounts per group (promoters / passives / detractors; satisfied and sums)
 */
export function executeFeedback(spec: NormalizedFeedbackSpec, inputs: InputTables): FeedbackResult {
  const d = (inputs.customers ?? inputs.activity)!;
  const zone = timeZone(spec.tz);
  const rows = d.table.numRows();
  const report: FeedbackReport = {
    file: d.file, rows: d.rowsRead, answers: 0, used: 0, missingId: 0, duplicateId: 0, filtered: 0,
    rejected: {},
  };
  let count = rows;
  let answerRow: Int32Array | 'self' = 'self';
  if (spec.id) {
    const load = emptyReport();
    const index = customerIndex(undefined, tableColumn(d.table, spec.id), load, { strict: false });
    count = index.count;
    answerRow = index.customersRow!;
    report.missingId = load.customers.excluded.missingId;
    report.duplicateId = load.customers.excluded.duplicateId;
  }
  const rowOf = (a: number): number => (answerRow === 'self' ? a : answerRow[a]);
  const keep = spec.filters.length ? filterMask(spec.filters, filterSource(d), zone) : undefined;
  const inRun = new Float64Array(count);
  for (let a = 0; a < count; ++a) {
    if (keep && !keep[rowOf(a)]) {
      inRun[a] = NaN;
      ++report.filtered;
    }
  }
  report.answers = count;
  report.used = count - report.filtered;
  const groups = groupCustomers(spec.by, inRun, zone, {
    customerRows: answerRow,
    activityRows: () => undefined,
    column: (attr) => attributeColumn(d.table, attr),
  });
  // Rejected scores per answer, over the score columns (the `rejected` of each segment).
  const rejectedAt = new Uint8Array(count);
  const read = (column: string | undefined, name: keyof FeedbackReport['rejected'], scale: Scale): Float64Array | undefined => {
    if (column === undefined) return undefined;
    const { scores, rejected } = readScores(tableColumn(d.table, column), scale, groups.of, rowOf, rejectedAt);
    report.rejected[name] = { column, scale, ...rejected };
    return scores;
  };
  const nps = read(spec.nps, 'nps', { min: 0, max: 10 });
  const csat = read(spec.csat, 'csat', spec.csatScale);
  const ces = read(spec.ces, 'ces', spec.cesScale);
  const overallOf = Int32Array.from(groups.of, (g) => (g >= 0 ? 0 : -1));
  const measures = { nps, csat, ces, rejected: rejectedAt };
  return {
    spec,
    by: groups.attributes.map((a) => a.name),
    groups: { count: groups.count, attributes: groups.attributes, size: groups.size },
    counts: feedbackCounts(measures, groups.of, groups.count, spec.csatScale),
    overall: feedbackCounts(measures, overallOf, 1, spec.csatScale),
    report,
  };
}

/**
 * readScores: each answer's score (NaN = none). A value that is present but not a whole
 * number on the scale is rejected (NaN here) and counted with its row, never clipped.
 * With `weight`, answer a stands for weight[a] answers (a SQL engine's counted rows).
 */
export function readScores(
  col: AnyColumn,
  scale: Scale,
  groupOf: Int32Array,
  rowOf: (answer: number) => number,
  rejectedAt?: Uint8Array,
  weight?: ArrayLike<number>,
): { scores: Float64Array; rejected: Omit<RejectedScores, 'column' | 'scale'> } {
  const byRow = numericColumn(col);
  const at = rowReader(col);
  const n = groupOf.length;
  const scores = new Float64Array(n).fill(NaN);
  const rejected = { count: 0, rows: [] as number[], examples: [] as string[] };
  for (let a = 0; a < n; ++a) {
    if (groupOf[a] < 0) continue;
    const row = rowOf(a);
    const x = byRow[row];
    if (x === x && onScale(x, scale)) {
      scores[a] = x;
      continue;
    }
    if (x !== x) {
      const v = at(row);
      // Blank, or a missing-value token ("NA", "null") that a numeric column reads as null.
      if (v === null || v === undefined || (typeof v === 'number' && v !== v) || String(v).trim() === '' || isMissingText(String(v))) continue;
    }
    rejected.count += weight ? weight[a] : 1;
    if (rejectedAt) ++rejectedAt[a];
    if (rejected.rows.length < EXAMPLES) {
      rejected.rows.push(row + 1);
      rejected.examples.push(String(x === x ? x : at(row)));
    }
  }
  return { scores, rejected };
}

/**
 * feedbackCounts: per group the counts behind NPS, CSAT and CES, one pass per score
 * column. With `weight`, answer a stands for weight[a] answers with the same scores.
 */
export function feedbackCounts(
  m: { nps?: Float64Array; csat?: Float64Array; ces?: Float64Array; rejected?: Uint8Array },
  groupOf: Int32Array,
  G: number,
  csatScale: Scale,
  weight?: ArrayLike<number>,
): FeedbackCounts {
  const z = (): Int32Array => new Int32Array(G);
  const w = (a: number): number => (weight ? weight[a] : 1);
  const answers = z();
  const rejected = z();
  for (let a = 0; a < groupOf.length; ++a) {
    const g = groupOf[a];
    if (g < 0) continue;
    answers[g] += w(a);
    if (m.rejected) rejected[g] += m.rejected[a] * w(a);
  }
  const out: FeedbackCounts = { answers, rejected };
  if (m.nps) {
    const c = { n: z(), promoters: z(), passives: z(), detractors: z() };
    const classes = [c.detractors, c.passives, c.promoters];
    for (let a = 0; a < groupOf.length; ++a) {
      const g = groupOf[a];
      const k = g < 0 ? -1 : npsClassIndex(m.nps[a]);
      if (k < 0) continue;
      c.n[g] += w(a);
      classes[k][g] += w(a);
    }
    out.nps = c;
  }
  if (m.csat) {
    const c = { n: z(), satisfied: z(), sum: new Float64Array(G) };
    const top = csatScale.max - 1;
    for (let a = 0; a < groupOf.length; ++a) {
      const g = groupOf[a];
      const x = m.csat[a];
      if (g < 0 || x !== x) continue;
      c.n[g] += w(a);
      c.sum[g] += x * w(a);
      if (x >= top) c.satisfied[g] += w(a);
    }
    out.csat = c;
  }
  if (m.ces) {
    const c = { n: z(), sum: new Float64Array(G) };
    for (let a = 0; a < groupOf.length; ++a) {
      const g = groupOf[a];
      const x = m.ces[a];
      if (g < 0 || x !== x) continue;
      c.n[g] += w(a);
      c.sum[g] += x * w(a);
    }
    out.ces = c;
  }
  return out;
}
