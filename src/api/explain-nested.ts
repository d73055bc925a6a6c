import { fail, KohortError } from '../errors.js';
import { nestedFields } from '../load/nested-fields.js';
import { canonicalName } from '../spec/resolve-column.js';
import type { InputSpec } from '../spec/types.js';

/**
 * planExplained: `plan()`, but a column it does not find that names a field of a nested
 * Parquet column ("address.city" of the struct "address") fails with `nestedField`, which
 * says so and what to do, instead of `missingColumn`'s bare "no column". The footer is read
 * (from parquet-footer.ts's cache) only on that error.
 */
export async function planExplained<P>(plan: () => P, input: InputSpec): Promise<P> {
  try {
    return plan();
  } catch (e) {
    if (!(e instanceof KohortError) || e.code !== 'missingColumn') throw e;
    const wanted = (e.params as { name: string }).name;
    // A leaf ("address.city", loosely as columns are matched) or a struct inside one ("address.geo").
    const names = (f: string) => canonicalName(f) === canonicalName(wanted) || f.toLowerCase().startsWith(`${wanted.toLowerCase()}.`);
    for (const file of [input.activity, input.customers]) {
      if (typeof file !== 'string' || file === '-') continue;
      for (const [column, fields] of await nestedFields(file, input.format)) {
        if (fields.some(names)) fail('nestedField', { name: wanted, column, fields, file }, { file, column: wanted });
      }
    }
    throw e;
  }
}
