import type { FieldName } from '../field-name.js';
import { columnsTail, q, type FileColumns } from './message-format.js';

/** The catalogue's messages about churn, lifetimes and periods, and about reasons, value and feedback. */
export const churnMessages = {
  eventNeverOccurs: (p: { value: string }, n: FieldName) =>
    `${n('event')} value ${q(p.value)} never occurs in the column, so no customer ever churned`,
  badEventColumn: (p: { example: unknown }, n: FieldName) =>
    `the event column must hold 0/1, true/false or yes/no, found ${q(p.example)}; or pass ${n('event')} "<column>=<value>"`,
  badConfLevel: (p: { value: unknown }, n: FieldName) => `${n('confLevel')} ${q(p.value)} must be between 0 and 1`,
  badSurvivalDuration: (p: { value: unknown }) =>
    `a survival duration must be a finite number >= 0, found ${q(p.value)} (is a churn time before the anchor?)`,
  needsChurn: (p: { analysis: string }, n: FieldName) =>
    `${n(`analysis.${p.analysis}`)} needs churn: pass ${n('inactiveAfter')} <duration> (activity table)` +
    (p.analysis === 'survival' ? `, ${n('columns.churn')} <column> (customers table) or ${n('duration')} <column> ${n('event')} <column>` : ` or ${n('columns.churn')} <column> (customers table)`),
  activityNeedsInactivity: (p: { analysis: string; time: string }, n: FieldName) =>
    `${n(`analysis.${p.analysis}`)} needs churn, and this file has no churn column but a time column (${q(p.time)}), as activity has: ` +
    `infer churn from inactivity with ${n('inactiveAfter')} 90d (or pass ${n('input.customers')} <file> ${n('columns.churn')} <column>)`,
  datelessCustomers: (p: { analysis: string; lifetime?: string; status?: string }, n: FieldName) => {
    const none = 'this file has no signup, churn or time column';
    const here = (cols: (string | undefined)[]): string => (cols.some((c) => c !== undefined) ? ` (here perhaps ${cols.filter((c) => c !== undefined).map(q).join(' and ')})` : '');
    if (p.analysis === 'crr') {
      return `${n('analysis.crr')} counts customers per period from their signup and churn times, and ${none}: pass ${n('columns.signup')} <column> ${n('columns.churn')} <column>; ` +
        `a file of lifetimes and a churn flag suits ${n('analysis.survival')} ${n('duration')} <column> ${n('event')} "<column>=<value>"`;
    }
    const way = p.analysis === 'survival'
      ? `for lifetimes given as numbers pass ${n('duration')} <column> ${n('event')} "<column>=<value>"${here([p.lifetime, p.status])}`
      : `for churn given as a status pass ${n('event')} "<column>=<value>"${here([p.status])}`;
    return `${n(`analysis.${p.analysis}`)} needs churn, and ${none}: ${way}, or pass ${n('columns.signup')} <column> ${n('columns.churn')} <column>`;
  },
  inactivityNeedsActivity: (_p: Record<string, never>, n: FieldName) =>
    `${n('inactiveAfter')} infers churn from activity: pass an activity file (${n('input.activity')} <file>)`,
  durationNeedsEvent: (_p: Record<string, never>, n: FieldName) =>
    `${n('duration')} and ${n('event')} go together: pass ${n('duration')} <column> ${n('event')} <column> (or ${n('event')} "<column>=<value>")`,
  untilNeedsSignup: (_p: Record<string, never>, n: FieldName) =>
    `${n('until')} first-activity measures time from signup to the first activity: pass a customers file with ${n('columns.signup')} <column> and an activity file`,
  crrNeedsDates: (_p: Record<string, never>, n: FieldName) =>
    `${n('analysis.crr')} needs signup and churn times (or activity with ${n('inactiveAfter')}); ${n('duration')}/${n('event')} carry no dates`,
  badPeriodBound: (p: { option: string; value: string }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a date or a period such as 2024-03, 2024-Q1 or 2024`,
  emptyPeriodRange: (p: { from: string; to: string }, n: FieldName) =>
    `${n('from')} ${q(p.from)} is after ${n('to')} ${q(p.to)}: the range holds no period`,
  fromAfterAsOf: (p: { from: string; period: string; last: string }, n: FieldName) =>
    `${n('from')} ${q(p.from)} starts after the last ${p.period} that had ended at ${n('asOf')} (${p.last}): no period to report`,
  badNonNegative: (p: { option: string; value: unknown }, n: FieldName) => `${n(p.option)} expects a number >= 0, got ${q(p.value)}`,
  npsClassNeedsNps: (p: { name: string }, n: FieldName) =>
    `${q(p.name)} is the NPS class of an NPS column: name it with ${n('nps')} <column>`,
  reasonsNeedReason: (p: { files?: readonly FileColumns[] }, n: FieldName) =>
    `${n('analysis.reasons')} needs the reason column(s), the churned customers' reason for leaving: pass ${n('reason')} <column> or ${n('reason')} "<category>,<reason>"` +
    columnsTail(p.files),
  badReasonLevels: (p: { value: string }, n: FieldName) =>
    `${n('reason')} ${q(p.value)}: give one column or two separated by a comma (category, then reason)`,
  outcomeNeedsCustomers: (p: { what?: string; field?: string; value?: string }, n: FieldName) =>
    `${p.field === undefined ? p.what : `${n(p.field)}${p.value === undefined ? '' : ` ${JSON.stringify(p.value)}`}`} is read from the customers table: pass it with ${n('input.customers')} <file> (or as the file)`,
  valueNeedsValue: (_p: Record<string, never>, n: FieldName) =>
    `${n('analysis.value')} needs a value: ${n('value')} <column> (customers table) or ${n('amount')} <column> (activity, summed per customer)`,
  valueOneSource: (_p: Record<string, never>, n: FieldName) => `give ${n('value')} or ${n('amount')}, not both`,
  oneChurnSource: (p: { other: string }, n: FieldName) =>
    `churn comes from one source: ${n('event')} (a status) or ${n(p.other)}, not both`,
  feedbackNeedsScore: (_p: Record<string, never>, n: FieldName) =>
    `${n('analysis.feedback')} needs at least one score column: ${n('nps')}, ${n('csat')} or ${n('ces')}`,
  badScale: (p: { option: string; value: unknown }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a scale such as "1-5" or "1-7" (whole numbers, low-high)`,
} as const;
