import type { EventInputs } from './prepare-events.js';

/** customerRemoved's mark of a customer kept by --where but in no compared group (1 = removed by --where). */
export const NO_GROUP = 2;

/**
 * noGroupRows: of the activity rows the filters remove, after the reasons counted before
 * them (an id in the run, a readable time: prepareEvents' order), those --where keeps
 * (`where`: the activity mask without compare's group filter, undefined = every row): rows
 * in no compared group, or of a customer in none (customerRemoved NO_GROUP). The run
 * counted them as filtered; the report moves them to noGroup. With `customers`, marks (1)
 * each customer with such a row: one without a counted row is in no compared group, not
 * without an anchor.
 */
export function noGroupRows(inp: EventInputs, where: Uint8Array | undefined, customers?: Uint8Array): number {
  const { customer, time, mask, customerRemoved: removed } = inp;
  let out = 0;
  for (let i = 0; i < customer.length; ++i) {
    const c = customer[i];
    if (c < 0 || time[i] !== time[i]) continue;
    const r = removed === undefined ? 0 : removed[c];
    if (r === 1 || (where !== undefined && where[i] === 0)) continue;
    if (r === NO_GROUP || (mask !== undefined && mask[i] === 0)) {
      ++out;
      if (customers) customers[c] = 1;
    }
  }
  return out;
}
