/** The spec field behind each command-line flag, for messages of `kohort run`. */
const FIELD_OF_FLAG: Record<string, string> = {
  '--activity': 'input.activity',
  '--customers': 'input.customers',
  '--input-format': 'input.format',
  '--delimiter': 'input.delimiter',
  '--id': 'columns.id',
  '--time': 'columns.time',
  '--signup': 'columns.signup',
  '--amount': 'columns.amount',
  '--churn': 'columns.churn',
  '--as-of': 'asOf',
  '--inactive-after': 'inactiveAfter',
  '--date-format': 'dateFormat',
  '--max-offset': 'maxOffset',
  '--week-start': 'weekStart',
  '--conf-level': 'confLevel',
  '--conf-type': 'ci',
};

/**
 * inSpecWords: a message written for the command line ("--as-of", "--churn") in the words
 * of a spec file ("asOf", "columns.churn"), for errors and reports of `kohort run`.
 */
export function inSpecWords(text: string): string {
  return text.replace(/--([a-z][a-z-]*)/g, (flag, name: string) => FIELD_OF_FLAG[flag] ?? name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
}
