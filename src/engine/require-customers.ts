import { fail } from '../errors.js';
import type { LifetimeReport } from '../report/lifetime-report.js';

/**
 * requireCustomers: a churn analysis (survival, CRR, reasons, value) with no customer
 * left has nothing to say: it fails naming why (the report's exclusions), as the matrix
 * does without activity, rather than return an empty table with exit code 0.
 */
export function requireCustomers<R extends { report: LifetimeReport }>(result: R): R {
  const { used, read, excluded } = result.report.customers;
  if (used === 0) fail('noCustomers', { read, left: excluded });
  return result;
}
