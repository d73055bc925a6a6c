import type { Dataset } from '../../../load/dataset.js';
import type { CohortAttribute } from '../../../spec/normalize.js';
import type { Cohorts } from './assign-cohorts.js';
import type { SharedPreparation } from './prepared-run.js';

/**
 * The cohorts of attribute values alone (no time part) that two parts of one analysis
 * both assign, such as compare's curves (the groups as cohorts) and its survival part
 * (the groups as --by): made once, by whichever part comes first, and taken by the other
 * when it reads the same attributes of the same customers with the same anchors. With no
 * time part a customer's cohort depends only on whether it has an anchor and on its
 * attribute values, so the cohorts are the same either way (assignCohorts).
 */
export function sharedCohorts(
  shared: SharedPreparation | undefined,
  from: { attributes: readonly CohortAttribute[]; customers: Dataset | undefined; customersRow: Int32Array | undefined },
  anchor: Float64Array,
  make: () => Cohorts,
): Cohorts {
  // Only attributes of the customers table: those of activity are read at each customer's
  // first counted event, which a part may count differently.
  const { attributes, customers, customersRow } = from;
  if (!shared || !customers || !customersRow || attributes.length === 0 || attributes.some((a) => a.table !== 'customers')) return make();
  const key = JSON.stringify(attributes.map((a) => [a.column, a.nps ?? null]));
  const known = shared.cohorts.get(key);
  if (known && known.customers === customers && known.customersRow === customersRow && sameInstants(known.anchor, anchor)) return known.cohorts;
  const cohorts = make();
  shared.cohorts.set(key, { customers, customersRow, anchor, cohorts });
  return cohorts;
}

/** Whether two columns of instants hold the same values (NaN where the other has NaN). */
function sameInstants(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (x === x || y === y)) return false;
  }
  return true;
}
