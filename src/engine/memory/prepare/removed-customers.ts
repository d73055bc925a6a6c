import { NO_GROUP } from './no-group-rows.js';

/**
 * The customers the customers-table filters left out (1 = by --where, NO_GROUP = in no
 * compared group) and how many of each; `removed` is undefined when they left out no one
 * (no filter: the kernels then take their unfiltered loops). A function of its own so that
 * prepareRun, run once or twice, holds no loop over the customers: V8 would compile all
 * of it (on the stack, then whole) for that loop.
 */
export function removedCustomers(
  keep: Uint8Array,
  where: Uint8Array | undefined,
  customersRow: Int32Array,
  customers: number,
): { removed: Uint8Array | undefined; count: number; noGroup: number } {
  const removed = new Uint8Array(customers);
  let count = 0;
  let noGroup = 0;
  for (let c = 0; c < customers; ++c) {
    const row = customersRow[c];
    if (keep[row]) continue;
    const byWhere = where !== undefined && where[row] === 0;
    removed[c] = byWhere ? 1 : NO_GROUP;
    if (byWhere) ++count;
    else ++noGroup;
  }
  return { removed: count + noGroup === 0 ? undefined : removed, count, noGroup };
}
