import { fail } from '../errors.js';
import { canonicalName } from './detect-column.js';
import type { CohortAttribute, InputSchema, TableName } from './normalize.js';

/** The name of the derived cohort key: the NPS class of the NPS column. */
export const NPS_CLASS = 'nps_class';

/**
 * npsClassAttribute: the attribute "nps_class" (promoter 9-10 / passive 7-8 / detractor
 * 0-6 of the `nps` column, METRICS.md section 2) when `name` asks for it, else undefined.
 * A real input column named nps_class wins. Fails with `npsClassNeedsNps` when no NPS
 * column is named, `missingColumn` when the NPS column is in neither table.
 */
export function npsClassAttribute(name: string, nps: string | undefined, schema: InputSchema): CohortAttribute | undefined {
  if (canonicalName(name) !== canonicalName(NPS_CLASS)) return undefined;
  const tables: TableName[] = ['customers', 'activity'];
  if (tables.some((t) => schema[t]?.columns.includes(name))) return undefined;
  if (nps === undefined) return fail('npsClassNeedsNps', { name });
  for (const exact of [true, false]) {
    for (const table of tables) {
      const cols = schema[table]?.columns;
      const found = cols?.find((c) => (exact ? c === nps : canonicalName(c) === canonicalName(nps)));
      if (found !== undefined) return { column: NPS_CLASS, table, nps: found };
    }
  }
  const all = [...(schema.customers?.columns ?? []), ...(schema.activity?.columns ?? [])];
  return fail('missingColumn', { role: 'NPS scores (--nps)', name: nps, columns: all }, { file: schema.customers?.file ?? schema.activity?.file, column: nps });
}
