import { fail } from '../errors.js';
import { canonicalName, resolveColumn } from './resolve-column.js';

/** The roles a column can play, with the names kohort recognises for each. */
export type ColumnRole = 'id' | 'time' | 'signup' | 'amount' | 'churn';

// Compared after lower-casing and dropping everything but letters and digits,
// so "Customer ID", "customer_id" and "CustomerID" are one name.
const CANDIDATES: Record<ColumnRole, readonly string[]> = {
  id: [
    'customerid', 'customer', 'userid', 'user', 'clientid', 'client', 'accountid', 'account',
    'memberid', 'subscriberid', 'buyerid', 'customeruniqueid', 'uid', 'id',
  ],
  time: [
    'eventtime', 'eventat', 'timestamp', 'time', 'date', 'datetime', 'eventdate', 'invoicedate',
    'orderdate', 'ordertime', 'purchasedate', 'transactiondate', 'occurredat', 'createdat', 'ts',
    'orderpurchasetimestamp',
  ],
  signup: [
    'signupat', 'signupdate', 'signuptime', 'signup', 'signedupat', 'registeredat', 'registrationdate',
    'joinedat', 'joindate', 'startdate', 'subscriptionstart', 'createdat',
  ],
  amount: ['amount', 'revenue', 'value', 'sales', 'total', 'price', 'dollarvalue', 'mrr', 'netrevenue'],
  churn: ['churnedat', 'churndate', 'churntime', 'canceledat', 'cancelledat', 'enddate', 'endedat'],
};

const ROLE_NAMES: Record<ColumnRole, string> = {
  id: 'customer id',
  time: 'activity time',
  signup: 'signup time',
  amount: 'amount',
  churn: 'churn time',
};

/**
 * Find the column for a role among `columns`: an exact name first, then a name that
 * matches case- and punctuation-insensitively, then the first known name for the role.
 * Returns undefined when nothing matches (callers decide whether that is an error).
 */
export function detectColumn(role: ColumnRole, columns: readonly string[]): string | undefined {
  const byCanon = new Map<string, string>();
  for (const c of columns) if (!byCanon.has(canonicalName(c))) byCanon.set(canonicalName(c), c);
  for (const candidate of CANDIDATES[role]) {
    const hit = byCanon.get(candidate);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * resolveRole: the column of a role, the user's name if given (found by the one column
 * resolver, resolve-column.ts), else detection. Throws `missingColumn` for a given name
 * that is absent and `undetectedColumn` when a required role cannot be found; both list
 * the columns.
 */
export function resolveRole(
  role: ColumnRole,
  given: string | undefined,
  columns: readonly string[],
  opts: { file?: string; required: boolean },
): string | undefined {
  if (given !== undefined) return resolveColumn(given, columns, { role: ROLE_NAMES[role], file: opts.file });
  const found = detectColumn(role, columns);
  if (found === undefined && opts.required) {
    fail('undetectedColumn', { role: ROLE_NAMES[role], field: `columns.${role}`, columns }, { file: opts.file });
  }
  return found;
}

/**
 * The columns to read as text because they may be the customer id: the given id column
 * (exact or loosely matched), or when none is given every name id detection accepts.
 * For loading before the columns are resolved (files whose names are known only then).
 */
export function idColumns(given?: string): (name: string) => boolean {
  if (given !== undefined) return (name) => name === given || canonicalName(name) === canonicalName(given);
  const known = new Set(CANDIDATES.id);
  return (name) => known.has(canonicalName(name));
}
