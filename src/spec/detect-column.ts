import { fail } from '../errors.js';
import { canonicalName, resolveColumn } from './resolve-column.js';

/** The roles a column can play, with the names kohort recognises for each. */
export type ColumnRole = 'id' | 'time' | 'signup' | 'amount' | 'churn';

// Compared after lower-casing and dropping everything but letters and digits,
// so "Customer ID", "customer_id" and "CustomerID" are one name.
const CANDIDATES: Record<ColumnRole, readonly string[]> = {
  id: [
    'customerid', 'customer', 'userid', 'user', 'clientid', 'client', 'accountid', 'account',
    'memberid', 'subscriberid', 'buyerid', 'customeruniqueid', 'distinctid', 'uid', 'id',
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
 * matches case- and punctuation-insensitively, then the first known name for the role;
 * failing that, the same by the last part of a nested JSON key's path
 * ("properties.distinct_id", "properties.time" in a Mixpanel export), where a bare "id"
 * is not taken for the customer's ("order.id").
 * Returns undefined when nothing matches (callers decide whether that is an error).
 */
export function detectColumn(role: ColumnRole, columns: readonly string[]): string | undefined {
  return detectBy(CANDIDATES[role], columns, canonicalName) ?? detectBy(role === 'id' ? NESTED_ID : CANDIDATES[role], columns, (c) => canonicalName(lastPart(c)));
}

const NESTED_ID = CANDIDATES.id.filter((n) => n !== 'id');

function detectBy(candidates: readonly string[], columns: readonly string[], canon: (name: string) => string): string | undefined {
  const byCanon = new Map<string, string>();
  for (const c of columns) if (!byCanon.has(canon(c))) byCanon.set(canon(c), c);
  for (const candidate of candidates) {
    const hit = byCanon.get(candidate);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The last part of a dotted path ("properties.time" -> "time"); the name itself without a dot. */
function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * lifetimeColumn: the first column named like a lifetime ("tenure", "duration",
 * "lifetime", in any case), for messages that point to a duration (Telco's "tenure").
 */
export function lifetimeColumn(columns: readonly string[]): string | undefined {
  return columns.find((c) => /tenure|duration|lifetime/i.test(c));
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
    // A file of lifetimes (Telco's "tenure") has no time at all: --time tenure would read 0..72 as seconds of 1970.
    const lifetime = role === 'time' ? lifetimeColumn(columns) : undefined;
    fail('undetectedColumn', { role: ROLE_NAMES[role], field: `columns.${role}`, columns, lifetime }, { file: opts.file });
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
  const nested = new Set(NESTED_ID);
  return (name) => known.has(canonicalName(name)) || nested.has(canonicalName(lastPart(name)));
}
