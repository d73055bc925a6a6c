/**
 * snakeKeys: a copy of plain data with every object key in snake_case ("rowsUsed" ->
 * "rows_used"), so the JSON of every command speaks one key style, the style of the
 * tidy columns (cohort_size, n_risk, as_of). Only for objects whose keys are field
 * names, never for ones keyed by data (group keys, attribute columns).
 */
export function snakeKeys<T>(value: T): unknown {
  if (Array.isArray(value)) return value.map((v) => snakeKeys(v));
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[snakeCase(k)] = snakeKeys(v);
  return out;
}

/** "rowsUsed" -> "rows_used"; "asOf" -> "as_of"; already snake_case names are kept. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
