import { messageText, type KohortError } from '../errors.js';

/**
 * The CLI's words for spec fields: library messages name a field ("asOf",
 * "columns.id"), the CLI prints the flag that sets it. The one map from fields to flags.
 */
export const FLAGS: Record<string, string> = {
  'input.activity': '--activity',
  'input.customers': '--customers',
  'input.format': '--input-format',
  'input.delimiter': '--delimiter',
  'input.header': '--no-header',
  'input.columnNames': '--columns',
  'columns.id': '--id',
  'columns.time': '--time',
  'columns.signup': '--signup',
  'columns.amount': '--amount',
  'columns.churn': '--churn',
  anchor: '--anchor',
  cohort: '--cohort',
  period: '--period',
  offsets: '--offsets',
  weekStart: '--week-start',
  mode: '--mode',
  tz: '--tz',
  asOf: '--as-of',
  partial: '--partial',
  maxOffset: '--max-offset',
  where: '--where',
  dateFormat: '--date-format',
  strict: '--strict',
  decimal: '--decimal',
  maxRejects: '--max-rejects',
  rejects: '--rejects',
  inactiveAfter: '--inactive-after',
  by: '--by',
  duration: '--duration',
  event: '--event',
  unit: '--unit',
  ci: '--ci',
  confLevel: '--conf-level',
  at: '--at',
  test: '--test',
  rho: '--rho',
  q: '--q',
  from: '--from',
  to: '--to',
  format: '--format',
  engine: '--engine',
  url: '--url',
  table: '--table',
  out: '--out',
  'analysis.matrix': 'kohort matrix',
  'analysis.survival': 'kohort survival',
  'analysis.crr': 'kohort crr',
  'analysis.reasons': 'kohort reasons',
  'analysis.value': 'kohort value',
  'analysis.feedback': 'kohort feedback',
  'analysis.compare': 'kohort compare',
  completeness: '--completeness',
  until: '--until',
  groups: '--groups',
  reference: '--reference',
  adjust: '--adjust',
  reason: '--reason',
  value: '--value',
  amount: '--amount',
  nps: '--nps',
  csat: '--csat',
  ces: '--ces',
  csatScale: '--csat-scale',
  cesScale: '--ces-scale',
};

/** The flag of a spec field (the field itself when the CLI has no flag for it). */
export function flagOf(field: string): string {
  return FLAGS[field] ?? field;
}

/**
 * A library error worded for the command line: its spec fields named by their flags.
 * An error a caller gave context to (`kohort run`: the analysis of a spec file, whose
 * user wrote spec fields, not flags) keeps its message as it is.
 */
export function cliMessage(e: KohortError): string {
  if (e.message !== messageText(e.code, e.params as never, e)) return e.message;
  return messageText(e.code, e.params as never, e, flagOf);
}
