/**
 * activityOrder: a numbering of the customers under which each activity id's dictionary
 * key is its customer's number, so the activity keys serve as the customer column with
 * no pass over the rows. `remap` gives each activity key's customer (in the customers
 * table's numbering; negative = none). Customers matched by a key take that key's
 * number; the others follow, in their old order. Undefined when some key has no
 * customer or two keys share one (the keys could not be the numbers).
 *
 * Returns the new number of each old customer number.
 */
export function activityOrder(remap: Int32Array, count: number): Int32Array | undefined {
  const renumber = new Int32Array(count).fill(-1);
  for (let key = 0; key < remap.length; ++key) {
    const c = remap[key];
    if (c < 0 || renumber[c] >= 0) return undefined;
    renumber[c] = key;
  }
  let next = remap.length;
  for (let c = 0; c < count; ++c) if (renumber[c] < 0) renumber[c] = next++;
  return renumber;
}

/** `values` (one per old customer number) moved to their new numbers. */
export function renumbered(values: Int32Array, renumber: Int32Array): Int32Array {
  const out = new Int32Array(values.length);
  for (let c = 0; c < values.length; ++c) out[renumber[c]] = values[c];
  return out;
}
