const NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/;
const DATE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([T ].*)?$/;

/**
 * headerLooksLikeData: whether a header row reads as a data row: every name is a number
 * or a date (" 00004 0001 19970101 2 29.33" of a file without a header). A file whose
 * first row is data would otherwise lose that row and name its columns after it.
 */
export function headerLooksLikeData(names: readonly string[]): boolean {
  const xs = names.map((n) => n.trim()).filter((n) => n !== '');
  if (xs.length === 0) return false;
  return xs.every((n) => NUMBER.test(n) || DATE.test(n)) && xs.some((n) => NUMBER.test(n) || DATE.test(n));
}
