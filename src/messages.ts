/**
 * The one catalogue of user-facing error messages. Each entry turns its parameters
 * into one line of text; `fail(code, params, where)` in errors.ts adds the file, row
 * and column. Messages quote the bad input (use `q`).
 */
const q = (v: unknown): string => {
  const s = typeof v === 'string' ? v : String(v);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
};
const list = (xs: readonly string[]): string => xs.map(q).join(', ');

export const messages = {
  // ---- spec and CLI arguments -------------------------------------------------
  unknownOption: (p: { option: string; value: unknown; allowed: readonly string[] }) =>
    `${p.option} ${q(p.value)} is not one of ${list(p.allowed)}`,
  badNumber: (p: { option: string; value: unknown }) =>
    `${p.option} expects a whole number >= 0, got ${q(p.value)}`,
  badTimeZone: (p: { tz: string }) =>
    `unknown time zone ${q(p.tz)}; use an IANA name such as "UTC" or "Europe/Berlin"`,
  badAsOf: (p: { value: string }) =>
    `--as-of ${q(p.value)} is not a date or date-time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`,
  badWhere: (p: { value: string }) =>
    `--where ${q(p.value)} is not "<column> <op> <value>" with op one of = != < <= > >= ^= !^=`,
  badWhereOp: (p: { value: string; op: string }) =>
    `--where ${q(p.value)}: unknown operator ${q(p.op)}; use one of = != < <= > >= ^= !^= (<> and == are read as != and =)`,
  filterNotNumber: (p: { value: string; kind: string }) =>
    `--where compares a ${p.kind} column with ${q(p.value)}, which is not a ${p.kind === 'number' ? 'number' : 'date'}`,
  badAmount: (p: { value: string }) =>
    `--amount ${q(p.value)} must be a column name or a product of two columns such as "Quantity*UnitPrice"`,
  badDuration: (p: { option: string; value: string }) =>
    `${p.option} ${q(p.value)} is not a duration such as "90d", "12w" or "3m"`,
  badCohort: (p: { value: string }) =>
    `--cohort ${q(p.value)}: at most one time granularity (day, week, month, quarter, year) may be given`,
  binaryToTerminal: (p: { format: string }) => `--format ${p.format} is binary: pass --out <file> or pipe stdout`,
  anchorNeedsActivity: (_p: Record<string, never>) =>
    '--anchor first-activity needs an activity file',
  noInput: (_p: Record<string, never>) =>
    'no input: give an activity file, a customers file (--customers), or both',
  modeNeedsAmount: (p: { mode: string }) =>
    `--mode ${p.mode} needs an amount column: pass --amount <column> (or "A*B")`,
  modeNeedsChurn: (p: { mode: string }) =>
    `--mode ${p.mode} needs churn times: pass --churn <column> or --inactive-after <duration>`,

  // ---- files and columns ---------------------------------------------------------
  unreadableFile: (p: { reason: string }) => `cannot read the file (${p.reason})`,
  unwritableFile: (p: { reason: string }) => `cannot write the output (${p.reason})`,
  emptyFile: (_p: Record<string, never>) => 'the file has no data rows',
  unknownFormat: (p: { ext: string }) =>
    `cannot tell the format of ${q(p.ext)}; use --input-format csv|ndjson|arrow|parquet`,
  badFile: (p: { format: string; reason: string }) => `not a readable ${p.format} file (${p.reason})`,
  missingColumn: (p: { role: string; name: string; columns: readonly string[]; suggestion?: string }) =>
    `no column ${q(p.name)} for ${p.role}; the columns are ${list(p.columns)}${p.suggestion === undefined ? '' : `. Did you mean ${q(p.suggestion)}?`}`,
  ambiguousColumn: (p: { role: string; name: string; matches: readonly string[] }) =>
    `${q(p.name)} (${p.role}) matches several columns when case and spacing are ignored: ${list(p.matches)}; write the name exactly`,
  undetectedColumn: (p: { role: string; flag: string; columns: readonly string[] }) =>
    `cannot tell which column is the ${p.role}; pass ${p.flag} <column>. The columns are ${list(p.columns)}`,
  notNumeric: (p: { role: string; example: unknown }) =>
    `the ${p.role} column must be numeric, found ${q(p.example)}`,
  badJsonLine: (p: { reason: string }) => `not a JSON object (${p.reason})`,
  raggedRow: (p: { expected: number; found: number }) =>
    `expected ${p.expected} fields, found ${p.found}`,
  unknownIdsStrict: (p: { count: number; example: unknown }) =>
    `${p.count} activity ids have no row in the customers table, e.g. ${q(p.example)} (--strict)`,

  badMaxRejects: (p: { value: string }) =>
    `--max-rejects ${q(p.value)} must be a count (0, 1000) or a share of the rows (5%)`,
  tooManyRejects: (p: { count: number; rows: number; limit: string; value: string; reason: string; listed: boolean }) =>
    `${q(p.value)} ${p.reason}; ${p.count} of ${p.rows} rows have unreadable values, more than --max-rejects ${p.limit}` +
    (p.listed ? ' (listed in the --rejects file)' : '; pass --rejects FILE to list them, or --max-rejects to skip them'),
  badDecimal: (p: { value: string }) => `--decimal ${q(p.value)} must be "." or ","`,
  mixedDecimal: (p: { dot: string; comma: string }) =>
    `the amount column writes numbers both with a decimal point (${q(p.dot)}) and a decimal comma (${q(p.comma)}); pass --decimal . or --decimal ,`,
  ambiguousDecimal: (p: { example: string }) =>
    `amounts such as ${q(p.example)} read differently with a decimal point or comma; pass --decimal . or --decimal ,`,
  noAmountParsed: (p: { example: string }) =>
    `no value of the amount column could be read as a number, e.g. ${q(p.example)}`,

  // ---- time ------------------------------------------------------------------------
  noTimeParsed: (p: { example: unknown }) =>
    `no value of the time column could be read as a date, e.g. ${q(p.example)}; pass --date-format (YYYYMMDD, DD-MM-YYYY, MM/DD/YYYY, ...)`,
  ambiguousDate: (p: { example: string }) =>
    `dates such as ${q(p.example)} could be day-first or month-first; pass --date-format DD-MM-YYYY or MM-DD-YYYY`,
  mixedTimeForms: (p: { a: string; aRow: number; aForm: string; b: string; bRow: number; bForm: string }) =>
    `the time column mixes ${p.aForm} (row ${p.aRow}: ${q(p.a)}) and ${p.bForm} (row ${p.bRow}: ${q(p.b)}); pass --date-format to say which is meant`,
  unknownDateFormat: (p: { value: string; allowed: readonly string[] }) =>
    `--date-format ${q(p.value)} is not one of ${list(p.allowed)}`,
  noActivity: (_p: Record<string, never>) =>
    'no activity is left after filtering and the as-of date: nothing to compute',

  // ---- survival and churn ------------------------------------------------------------
  eventNeverOccurs: (p: { value: string }) =>
    `--event value ${q(p.value)} never occurs in the column, so no customer ever churned`,
  badEventColumn: (p: { example: unknown }) =>
    `the event column must hold 0/1, true/false or yes/no, found ${q(p.example)}; or pass --event "<column>=<value>"`,
  badConfLevel: (p: { value: unknown }) => `--conf-level ${q(p.value)} must be between 0 and 1`,
  badSurvivalDuration: (p: { value: unknown }) =>
    `a survival duration must be a finite number >= 0, found ${q(p.value)} (is a churn time before the anchor?)`,
  needsChurn: (p: { command: string }) =>
    `${p.command} needs churn: pass --churn <column> (customers table), --inactive-after <duration> (activity table) or --duration <column> --event <column>`,
  inactivityNeedsActivity: (_p: Record<string, never>) =>
    '--inactive-after infers churn from activity: pass an activity file (--activity <file>)',
  durationNeedsEvent: (_p: Record<string, never>) =>
    '--duration and --event go together: pass --duration <column> --event <column> (or --event "<column>=<value>")',
  crrNeedsDates: (_p: Record<string, never>) =>
    'kohort crr needs signup and churn times (or activity with --inactive-after); --duration/--event carry no dates',
  badPeriodBound: (p: { option: string; value: string }) =>
    `${p.option} ${q(p.value)} is not a date or a period such as 2024-03, 2024-Q1 or 2024`,
  badNonNegative: (p: { option: string; value: unknown }) => `${p.option} expects a number >= 0, got ${q(p.value)}`,

  // ---- reasons, value, feedback ---------------------------------------------------
  npsClassNeedsNps: (p: { name: string }) =>
    `${q(p.name)} is the NPS class of an NPS column: name it with --nps <column>`,
  reasonsNeedReason: (_p: Record<string, never>) =>
    'kohort reasons needs the reason column(s): pass --reason <column> or --reason "<category>,<reason>"',
  badReasonLevels: (p: { value: string }) =>
    `--reason ${q(p.value)}: give one column or two separated by a comma (category, then reason)`,
  outcomeNeedsCustomers: (p: { what: string }) =>
    `${p.what} is read from the customers table: pass it with --customers <file> (or as the file)`,
  valueNeedsValue: (_p: Record<string, never>) =>
    'kohort value needs a value: --value <column> (customers table) or --amount <column> (activity, summed per customer)',
  valueOneSource: (_p: Record<string, never>) => 'give --value or --amount, not both',
  oneChurnSource: (p: { other: string }) =>
    `churn comes from one source: --event (a status) or ${p.other}, not both`,
  feedbackNeedsScore: (_p: Record<string, never>) =>
    'kohort feedback needs at least one score column: --nps, --csat or --ces',
  badScale: (p: { option: string; value: unknown }) =>
    `${p.option} ${q(p.value)} is not a scale such as "1-5" or "1-7" (whole numbers, low-high)`,
  // ---- spec files and outputs ------------------------------------------------------
  specNotJson: (p: { reason: string }) => `not a JSON spec (${p.reason})`,
  specUnknownKey: (p: { path: string; key: string; hint?: string }) =>
    `${p.path}: unknown key ${q(p.key)}${p.hint ? `; did you mean ${q(p.hint)}?` : ''}`,
  specInvalid: (p: { path: string; problem: string }) => `${p.path}: ${p.problem}`,
  specTwoStdout: (_p: Record<string, never>) =>
    'more than one output has no "file": only one output may go to standard output',
  duplicateOutput: (p: { file: string }) => `two outputs write ${q(p.file)}; give each its own file`,
  outputOverInput: (p: { file: string; input?: string }) =>
    `the output ${q(p.file)} is an input of the run${p.input && p.input !== p.file ? ` (${q(p.input)}, the same file)` : ''}: refusing to write over it; choose another file`,
  noSpecKind: (p: { kind: string }) => `--print-spec: ${p.kind} analyses cannot be written as a spec file yet`,
} as const;

/** The name of a catalogued message. */
export type MessageCode = keyof typeof messages;

/** The parameters a catalogued message takes. */
export type MessageParams<C extends MessageCode> = Parameters<(typeof messages)[C]>[0];
