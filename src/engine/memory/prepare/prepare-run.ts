import type { Dataset } from '../../../load/dataset.js';
import { emptyReport } from '../../../report/load-report.js';
import type { ResolvedFilter } from '../../../spec/normalize.js';
import { endOfLatestDay } from '../../../time/end-of-latest-day.js';
import { parseTimeColumn, type ParsedTimes } from '../../../load/times/parse-time-column.js';
import type { DateFormat } from '../../../time/date-format.js';
import { timeZone } from '../../../time/zone.js';
import { customerIndex, type CustomerIndex } from './customer-index.js';
import { splitFilterMask } from './filter-mask.js';
import { noGroupRows } from './no-group-rows.js';
import { removedCustomers } from './removed-customers.js';
import type { InputTables } from '../../../load/input-tables.js';
import { columnKind, filterSource, tableColumn } from './dataset-columns.js';
import { prepareEvents, type EventInputs } from './prepare-events.js';
import { groupedWarning, readAmounts } from './amount-column.js';
import type { DecimalMark } from '../../../load/locale-number.js';
import { enforceRejects, listedOnFailure, parseMaxRejects, Rejects, type SharedRejects } from '../../../report/rejects.js';
import { firstActivityAnchors, firstEvents, NO_FIRST_EVENTS, signupAnchors, timeRejects, unreadableRows } from './run-columns.js';
import type { ParsedColumn, PreparedRun, Reusable, SharedPreparation } from './prepared-run.js';
import { withoutNeverChurn } from './without-never-churn.js';
import { refuseNeverTimes } from './refuse-never-times.js';
import type { TimeRole } from '../../../load/times/time-tally.js';

/** What a run reads, whatever it computes (matrix, survival, CRR). */
export interface RunSpec {
  activity?: { file: string; id: string; time: string; amount?: string[] };
  customers?: { file: string; id?: string; signup?: string };
  tz: string;
  dateFormat?: DateFormat;
  strict: boolean;
  filters: readonly ResolvedFilter[];
  /** Epoch ms; undefined = end of the day of the latest timestamp. */
  asOf?: number;
  /** The decimal mark of text amounts; sniffed when they tell. */
  decimal?: DecimalMark;
  /** How many rows of a file may be rejected (unreadable values) before the run fails: "1%" by default. */
  maxRejects?: string;
  /** Write every rejected value here (CSV). */
  rejectsFile?: string;
}

export interface RunOptions {
  /** Anchor on the customers table's signup column (else on the first counted activity). */
  signupAnchor: boolean;
  /** Read amounts (the product of the activity amount columns). */
  amounts?: boolean;
  /** Keep the first counted event of each customer (for attributes read from activity). */
  firstEvents?: boolean;
  /** The churn column of the customers table, parsed too: it counts for the default as-of, its "never" sentinel as empty. */
  extraTime?: string;
  /**
   * Leave the activity rows uncompacted: the run then carries `eventInputs` instead of
   * `events`, and first-activity anchors are left to the caller (a fused kernel).
   */
  rawEvents?: boolean;
  /**
   * A run prepared before on the same tables (another part of one analysis, such as
   * compare's curves for its survival and revenue parts): its customer numbers, parsed
   * time columns and customers-table filter are taken where they apply instead of being
   * computed again. The results and reports are the same either way.
   */
  reuse?: Reusable;
  /** Number the customers in the activity ids' order where that saves a pass (customerIndex's activityOrder). */
  activityOrder?: boolean;
  /** The rejects file this run lists into with the other parts of its analysis (written by them once), instead of spec.rejectsFile. */
  sharedRejects?: SharedRejects;
}

/**
 * The numbering of a run taken from an earlier one: all of it when made from the same
 * tables and columns; its customers alone for a run without activity (activity ids add
 * no customers when there is a customers table).
 */
function reusedIndex(prev: SharedPreparation['numbering'] | undefined, act: Dataset | undefined, cus: Dataset | undefined, spec: RunSpec): CustomerIndex | undefined {
  if (!prev || prev.strict !== spec.strict) return undefined;
  const sameCus = prev.cus === cus && prev.cusId === spec.customers?.id;
  if (!sameCus) return undefined;
  if (prev.act === act && prev.actId === spec.activity?.id) return prev.index;
  if (!act && cus) {
    const { count, customersRow, id, customerWarnings } = prev.index;
    return { count, customersRow, id, customerWarnings };
  }
  return undefined;
}

/**
 * prepareRun: ids -> customer numbers -> times -> as-of -> filters -> events -> anchors.
 * The shared first half of every in-memory run; the rest is the run's own measure.
 */
export function prepareRun(spec: RunSpec, inputs: InputTables, opts: RunOptions): PreparedRun {
  const zone = timeZone(spec.tz);
  const report = emptyReport();
  const act = spec.activity && inputs.activity;
  const cus = spec.customers && inputs.customers;
  if (act) report.files.push({ role: 'activity', file: act.file, rows: act.rowsRead });
  if (cus) report.files.push({ role: 'customers', file: cus.file, rows: cus.rowsRead });
  report.rowsRead = act ? act.table.numRows() : 0;
  // Values present but unreadable are rejects: skipped and reported, or the run fails. The
  // rejects file is written whatever happens after reading, a refusal while parsing too.
  const rejects = new Rejects();
  const rejectsTo = opts.sharedRejects ?? spec.rejectsFile;
  const listed = <T>(run: () => T): T => listedOnFailure(rejects, rejectsTo, run);

  const reuse = opts.reuse?.shared;
  const ex0 = report.customers.excluded;
  let index = reusedIndex(reuse?.numbering, act, cus, spec);
  const w0 = report.warnings.length;
  if (index) {
    ex0.missingId += reuse!.numbering.missingId;
    ex0.duplicateId += reuse!.numbering.duplicateId;
    if (index === reuse!.numbering.index) report.warnings.push(...reuse!.numbering.warnings);
    else report.warnings.push(...(index.customerWarnings ?? []));
  } else {
    index = listed(() => customerIndex(
      act ? tableColumn(act.table, spec.activity!.id) : undefined,
      cus ? tableColumn(cus.table, spec.customers!.id!) : undefined,
      report,
      { strict: spec.strict, activityFile: act?.file, customersFile: cus?.file, activityOrder: opts.activityOrder },
    ));
  }
  const shared: SharedPreparation = {
    numbering: { act, cus, actId: spec.activity?.id, cusId: spec.customers?.id, strict: spec.strict, index, missingId: ex0.missingId, duplicateId: ex0.duplicateId,
      warnings: report.warnings.slice(w0) },
    times: reuse?.times ?? new Map(),
    cohorts: reuse?.cohorts ?? new Map(),
  };
  // Each column's rejects are listed as it is read, so that a later column's refusal writes them.
  const parse = (d: Dataset, column: string, role: TimeRole): ParsedTimes => {
    const times = parseOnce(d, column, role);
    timeRejects(rejects, d.file, column, times, tableColumn(d.table, column));
    return times;
  };
  const parseOnce = (d: Dataset, column: string, role: TimeRole): ParsedTimes => {
    const key = JSON.stringify([d.file, column, zone.name, spec.dateFormat ?? null, role === 'churn']);
    const known = shared.times.get(key);
    if (known?.d === d) return known.times;
    const times = listed(() => parseTimeColumn(tableColumn(d.table, column), columnKind(d, column), {
      zone, format: spec.dateFormat, file: d.file, column, role,
    }));
    shared.times.set(key, { d, times });
    return times;
  };
  const actParsed = act ? parse(act, spec.activity!.time, 'activity') : undefined;
  const actTime = actParsed?.ms;
  const signupParsed = cus && opts.signupAnchor ? parse(cus, spec.customers!.signup!, 'signup') : undefined;
  const signupByRow = signupParsed?.ms;
  let extra: ParsedColumn | undefined;
  let extraParsed: ParsedTimes | undefined;
  if (cus && opts.extraTime) {
    extraParsed = parse(cus, opts.extraTime, 'churn');
    // The extra time is the churn column: its "never" sentinel is an empty churn, before the as-of sees it.
    extra = {
      times: withoutNeverChurn(extraParsed, zone),
      unreadable: extraParsed.bad === 0 ? undefined : unreadableRows(extraParsed, tableColumn(cus.table, opts.extraTime)),
    };
  }
  const amountFactors = act && opts.amounts
    ? listed(() => spec.activity!.amount!.map((c) => readAmounts(tableColumn(act.table, c), { file: act.file, column: c, decimal: spec.decimal, rejects })))
    : undefined;
  if (act && opts.amounts) {
    for (const c of spec.activity!.amount!) {
      const w = groupedWarning(act, c, spec.decimal);
      if (w) report.warnings.push(w);
    }
  }
  const files = [...(act ? [{ file: act.file, rows: act.rowsRead }] : []), ...(cus ? [{ file: cus.file, rows: cus.rowsRead }] : [])];
  report.rejects = enforceRejects(rejects, files, parseMaxRejects(spec.maxRejects), rejectsTo);
  // A year-9999 signup or event ("never" in exports) is no time: without --as-of it would
  // become the as-of, so it is refused (after the rejects file is written, as every failure
  // is); a given as-of is earlier, and it is left out as after it.
  const noAsOf = spec.asOf === undefined;
  if (noAsOf && act && actParsed) {
    const c = spec.activity!.time;
    refuseNeverTimes(actParsed, tableColumn(act.table, c), columnKind(act, c), { file: act.file, column: c, role: 'activity' }, zone);
  }
  if (noAsOf && cus && signupParsed) {
    const c = spec.customers!.signup!;
    refuseNeverTimes(signupParsed, tableColumn(cus.table, c), columnKind(cus, c), { file: cus.file, column: c, role: 'signup' }, zone);
  }
  report.anchor = signupByRow ? `signup (${spec.customers!.signup})` : 'first activity';
  // The latest of each column: its max when the parser saw it, else a pass over it.
  const latest = (p: ParsedTimes | undefined): Float64Array | undefined =>
    p === undefined ? undefined : p.max !== undefined ? Float64Array.of(p.max) : p.ms;
  const latestAct = latest(actParsed);
  if (latestAct) {
    let max = -Infinity;
    for (let i = 0; i < latestAct.length; ++i) if (latestAct[i] > max) max = latestAct[i];
    if (max > -Infinity) report.latestActivity = new Date(max).toISOString();
  }
  const asOf = spec.asOf ?? endOfLatestDay([latest(actParsed), latest(signupParsed), latest(extra?.times)], zone);

  let customerRemoved: Uint8Array | undefined;
  // Compare's group filter: the rows and customers it alone removes are their own reason.
  const grouped = spec.filters.some((f) => f.group);
  let noGroup = 0;
  const cusFilters = spec.filters.filter((f) => f.table === 'customers');
  if (cus && cusFilters.length) {
    const key = JSON.stringify([zone.name, cusFilters]);
    let count = 0;
    if (reuse?.filters?.key === key && reuse.numbering.index.customersRow === index.customersRow) {
      customerRemoved = reuse.filters.removed;
      count = reuse.filters.count;
      noGroup = reuse.filters.noGroup;
    } else {
      const { keep, where, keepsAll } = splitFilterMask(cusFilters, { ...filterSource(cus), times: (c) => (c === spec.customers!.signup ? signupByRow : undefined) }, zone);
      // A filter that keeps every row removes no customer: no pass over them.
      if (!keepsAll) ({ removed: customerRemoved, count, noGroup } = removedCustomers(keep, where, index.customersRow!, index.count));
    }
    report.customers.excluded.filtered += count;
    shared.filters = { key, removed: customerRemoved, count, noGroup };
  }
  if (grouped) report.customers.excluded.noGroup = noGroup;

  const activityFilters = spec.filters.filter((f) => f.table === 'activity');
  const actMasks = act && activityFilters.length ? splitFilterMask(activityFilters, { ...filterSource(act), times: (c) => (c === spec.activity!.time ? actTime : undefined) }, zone) : undefined;
  const eventInputs: EventInputs | undefined = act
    ? {
        customer: index.activityCustomer!,
        time: actTime!,
        rawTime: tableColumn(act.table, spec.activity!.time),
        mask: actMasks?.keep,
        customerRemoved,
        amountFactors,
        asOf,
        customerCount: index.count,
        withRows: opts.firstEvents,
      }
    : undefined;
  let noGroupCustomers: Uint8Array | undefined;
  if (grouped && eventInputs) {
    // Counted as filtered by the events' pass (here, or the kernel's with rawEvents): moved.
    if (actMasks && actMasks.keep !== actMasks.where) noGroupCustomers = new Uint8Array(index.count);
    const rows = noGroupCustomers || noGroup > 0 ? noGroupRows(eventInputs, actMasks?.where, noGroupCustomers) : 0;
    report.excluded.filtered -= rows;
    report.excluded.noGroup = rows;
  }
  const events = eventInputs && !opts.rawEvents ? prepareEvents(eventInputs, report) : undefined;

  let anchor: Float64Array;
  let earliestAnchor: number | undefined;
  if (signupByRow) {
    const known = reuse?.anchors;
    const same = known && known.signup === signupByRow && known.asOf === asOf && known.anchor.length === index.count && known.customersRow === index.customersRow && known.removed === customerRemoved;
    const made = same ? known : signupAnchors(signupByRow, index.customersRow!, index.count, customerRemoved, asOf);
    shared.anchors = made;
    anchor = made.anchor;
    earliestAnchor = made.earliest;
    report.customers.excluded.missingSignup += made.missingSignup;
    report.customers.excluded.afterAsOf += made.afterAsOf;
  } else {
    anchor = new Float64Array(index.count).fill(NaN);
    if (events) firstActivityAnchors(events, anchor);
  }
  // Only runs that read attributes at the first event ask for it (else it is left empty).
  const firstEvent = opts.firstEvents ? firstEvents(events, index.count) : NO_FIRST_EVENTS;
  return {
    zone, report, act, cus, index, asOf, customerRemoved, noGroupCustomers, events, anchor, earliestAnchor, firstEvent, extra,
    eventInputs: opts.rawEvents ? eventInputs : undefined,
    earliestActivity: actParsed?.min,
    shared,
  };
}

