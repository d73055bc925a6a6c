import { fail } from '../errors.js';
import type { CohortAttribute, InputSchema, TableName } from './input-schema.js';
import { canonicalName, resolveInTables } from './resolve-column.js';

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
  const source = resolveInTables(nps, schema, tables, 'NPS scores', 'nps');
  return { column: NPS_CLASS, table: source.table, nps: source.column };
}
