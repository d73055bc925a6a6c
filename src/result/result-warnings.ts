/** What may carry a load report's warnings: a result, or a report's parts (its matrices, survival, CRR). */
interface WithReport {
  report?: { warnings?: string[] };
}

/**
 * resultWarnings: the warnings of a result (its load report's), or of every part of a
 * report's parts, each once. They say the numbers may not mean what they seem, so the
 * CLI prints them even with --quiet and the HTML report shows them under its title.
 */
export function resultWarnings(result: unknown): string[] {
  const r = result as WithReport & { matrices?: WithReport[]; survival?: WithReport; crr?: WithReport };
  const all = [r, ...(r.matrices ?? []), r.survival, r.crr].flatMap((x) => x?.report?.warnings ?? []);
  return [...new Set(all)];
}
