import { mean } from 'd3-array';
import { crrRates, type CrrResult } from '../../result/crr-table.js';
import type { MatrixResult } from '../../result/matrix-result.js';
import type { ColumnTable } from 'arquero';
import { reasonsTable } from '../../result/reasons-table.js';
import type { ReportParts, ReportTable } from '../../result/report-parts.js';
import { resultWarnings } from '../../result/result-warnings.js';
import { valueTable } from '../../result/value-table.js';
import { valueLabel } from '../../result/key-columns.js';
import type { SurvivalResult } from '../../result/survival-result.js';
import { averageCurveSection, groupColours, groupCurvesSection } from './average-curves.js';
import type { CompareResult } from '../../result/compare-result.js';
import { compareColours, compareSections } from './compare-section.js';
import { crrSection } from './crr-section.js';
import { columnTableHTML } from './data-table.js';
import { escapeHTML } from './escape.js';
import { heatmapSection } from './heatmap.js';
import { modeName } from './heatmap-data.js';
import { formatCount, formatPercent } from './number-format.js';
import { htmlPage, type PageHeader, type Section } from './page.js';
import { survivalSection } from './survival-section.js';

/** Options of the HTML pages. */
export interface HTMLOptions {
  /** The page title (default: after what it shows). */
  title?: string;
  /** A note under the footer's credit, e.g. the date it was made ("2024-06-30"). */
  generated?: string;
}

const day = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10));

function files(report: { files: { file: string }[] }): string {
  return report.files.map((f) => f.file.split(/[\\/]/).pop()).join(', ');
}

/** The page head of a matrix: what the cohorts are, as of when, headline numbers. */
function matrixHeader(r: MatrixResult, title: string): PageHeader {
  const s = r.spec;
  const cohortBy = [s.cohort.time ? `${s.cohort.time} of ${s.anchor === 'signup' ? 'signup' : 'first activity'}` : '', ...s.cohort.attributes.map((a) => a.column)]
    .filter(Boolean)
    .join(' and ');
  const customers = r.cohorts.size.reduce((a, b) => a + b, 0);
  const kpis: [string, string][] = [
    [formatCount(customers), 'customers'],
    [formatCount(r.cohorts.count), `cohorts by ${cohortBy}`],
  ];
  if (s.mode !== 'ltv') {
    for (const k of [1, 3, 6, 12]) {
      if (k < r.width && r.average.cohorts[k] > 0) kpis.push([formatPercent(r.average.value[k]), `${modeName(s.mode).toLowerCase()} at ${s.period} ${k}`]);
    }
  }
  return {
    title,
    meta: [
      `Cohorts by ${cohortBy}; offsets in ${s.offsets} ${s.period}s; as of ${day(r.asOf)} (${s.tz}).`,
      `Source: ${files(r.report)}.`,
    ],
    kpis: kpis.slice(0, 5),
    warnings: r.report.warnings,
  };
}

/**
 * toHTMLMatrix: the retention heatmap page of one matrix or of several modes computed on
 * the same cohorts (a switch between them), with the average curve under it.
 */
export function toHTMLMatrix(results: MatrixResult | MatrixResult[], opts: HTMLOptions = {}): string {
  const list = Array.isArray(results) ? results : [results];
  const r = list[0];
  const sections: Section[] = [heatmapSection(list)];
  if (r.cohorts.count > 0) sections.push(averageCurveSection(r));
  return htmlPage(matrixHeader(r, opts.title ?? `${modeName(r.spec.mode)} by cohort`), sections, opts);
}

/** toHTMLSurvival: the Kaplan-Meier page: curves, medians, the log-rank result, a table. */
export function toHTMLSurvival(r: SurvivalResult, opts: HTMLOptions = {}): string {
  const n = r.groups.reduce((a, g) => a + g.curve.n, 0);
  const events = r.groups.reduce((a, g) => a + g.curve.nEvents, 0);
  const header: PageHeader = {
    title: opts.title ?? `Survival${r.by.length ? ` by ${r.by.join(' and ')}` : ''}`,
    meta: [
      `Kaplan-Meier, ${r.spec.ci} intervals at ${Math.round(r.spec.confLevel * 1000) / 10}%; times in ${r.unit}${r.asOf !== undefined ? `; as of ${day(r.asOf)}` : ''}.`,
      `Source: ${files(r.report)}.`,
    ],
    kpis: [
      [formatCount(n), 'customers'],
      [formatCount(events), 'churned'],
      [formatCount(r.groups.length), r.by.length ? `groups by ${r.by.join(', ')}` : 'group'],
    ],
  };
  return htmlPage(header, [survivalSection(r)], opts);
}

/** toHTMLCompare: the comparison page: curves per group, differences with intervals, the test, tables. */
export function toHTMLCompare(r: CompareResult, opts: HTMLOptions = {}): string {
  const n = r.groups.reduce((a, g) => a + g.n, 0);
  const header: PageHeader = {
    title: opts.title ?? `Retention by ${r.by}`,
    meta: [
      `Groups of ${r.by} against ${valueLabel(r.reference)}; ${r.method === 'kaplan-meier' ? 'Kaplan-Meier' : 'rolling retention'} curves by ${r.period.replace(/s$/, '')}${r.asOf !== undefined ? `; as of ${day(r.asOf)}` : ''}.`,
      ...(r.report ? [`Source: ${files(r.report)}.`] : []),
    ],
    kpis: [
      [formatCount(n), 'customers'],
      [formatCount(r.groups.length), `groups by ${r.by}`],
    ],
  };
  const sections = compareSections(r);
  if (r.survival) sections.push(survivalSection(r.survival, { colours: compareColours(r) }));
  return htmlPage(header, sections, opts);
}

/** toHTMLCrr: the customer retention rate page: CRR per period per group, a table. */
export function toHTMLCrr(r: CrrResult, opts: HTMLOptions = {}): string {
  const header: PageHeader = {
    title: opts.title ?? `Customer retention rate per ${r.period}`,
    meta: [`As of ${day(r.asOf)}; ${r.periods.length} ${r.period}s.`, `Source: ${files(r.report)}.`],
    kpis: crrKpis(r),
  };
  return htmlPage(header, [crrSection(r)], opts);
}

/** Headline numbers of a CRR result without groups: the last period's CRR and the mean. */
function crrKpis(r: CrrResult): [string, string][] {
  const P = r.periods.length;
  if (r.groups.count !== 1 || P === 0) return [];
  const c = r.counts;
  const rates = Array.from({ length: P }, (_, p) => crrRates(c.start[p], c.newCustomers[p], c.end[p], c.retained[p]).crr);
  const known = rates.filter((x): x is number => x !== null);
  if (!known.length) return [];
  return [
    [`${known[known.length - 1].toFixed(1)}%`, `CRR in ${r.labels[P - 1]}`],
    [`${mean(known)!.toFixed(1)}%`, `mean CRR over ${known.length} ${r.period}s`],
    [formatCount(c.end[P - 1]), `customers at the end of ${r.labels[P - 1]}`],
  ];
}

/** A result table of another command (compare, reasons, value, feedback...) for a page. */
export type HTMLTablePart = ReportTable;

/** segmentTables: a result's tables for a page: per segment and over all customers with --by, else the overall one. */
export function segmentTables(heading: string, segments: ColumnTable, overall: ColumnTable, note?: string): HTMLTablePart[] {
  if (segments.numCols() <= overall.numCols()) return [{ heading, table: overall, note }];
  return [{ heading: `${heading} by segment`, table: segments, note }, { heading: `${heading}, all customers`, table: overall }];
}

/** tableSection: a heading, a note and a result table, shown open. */
export function tableSection(part: HTMLTablePart, id: string): Section {
  return {
    html:
      `<section id="${escapeHTML(id)}" aria-labelledby="${escapeHTML(id)}-h"><h2 id="${escapeHTML(id)}-h">${escapeHTML(part.heading)}</h2>` +
      (part.note ? `<p class="note">${escapeHTML(part.note)}</p>` : '') +
      columnTableHTML(part.heading, part.table, { open: true }) +
      `</section>`,
  };
}

/**
 * toHTMLTables: a page of result tables, for commands whose results are tables (the
 * comparison commands until they have charts of their own).
 */
export function toHTMLTables(title: string, parts: HTMLTablePart[], opts: HTMLOptions & { meta?: string[] } = {}): string {
  return htmlPage({ title, meta: opts.meta }, parts.map((p, i) => tableSection(p, `table-${i + 1}`)), opts);
}

export type { ReportParts };

/**
 * toHTMLReport: one page with the heatmap, the average curve, CRR per period and, with
 * --by, the comparison (curves per group, Kaplan-Meier with the log-rank result, tables).
 */
export function toHTMLReport(parts: ReportParts, opts: HTMLOptions = {}): string {
  const r = parts.matrices[0];
  const sections: Section[] = [heatmapSection(parts.matrices)];
  if (r.cohorts.count > 0) sections.push(averageCurveSection(r));
  if (parts.crr) sections.push(crrSection(parts.crr));
  if (parts.byMatrix) sections.push(groupCurvesSection(parts.byMatrix.result, parts.byMatrix.by));
  if (parts.survival) {
    const heading = `Survival${parts.survival.by.length ? ` by ${parts.survival.by.join(' and ')}` : ''}: time to churn`;
    sections.push(survivalSection(parts.survival, { heading, colours: parts.byMatrix ? groupColours(parts.byMatrix.result) : undefined }));
  }
  const tables: HTMLTablePart[] = [];
  if (parts.reasons) {
    const r = parts.reasons;
    tables.push(...segmentTables('Churn reasons', reasonsTable(r), reasonsTable(r, { overall: true }), 'Churned customers by reason: count, share of the segment\u2019s churn (share) and of all churn (share_of_all).'));
  }
  if (parts.value) {
    const v = parts.value;
    tables.push(...segmentTables('Value of churned and retained customers', valueTable(v), valueTable(v, { overall: true }), 'Per status: customers, mean, median and total value, and the share of the segment\u2019s total.'));
  }
  tables.push(...(parts.tables ?? []));
  tables.forEach((t, i) => sections.push(tableSection(t, `table-${i + 1}`)));
  if (parts.notes?.length) {
    sections.push({
      html: `<section id="notes" aria-labelledby="notes-h"><h2 id="notes-h">Not in this report</h2><ul>${parts.notes.map((n) => `<li>${escapeHTML(n)}</li>`).join('')}</ul></section>`,
    });
  }
  return htmlPage({ ...matrixHeader(r, opts.title ?? 'Customer retention report'), warnings: resultWarnings(parts) }, sections, opts);
}
