/** A number written with "." after one to three digits and three more: "1.000", "12.500". */
const GROUPED = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;

/**
 * groupedNumbers: whether a number column may hold thousands grouped with "." ("1.000"
 * for a thousand) read as decimals: its first value is written so, and every value reads
 * as such a number could (1 <= |v| < 1000, at most three decimals). A column of prices
 * such as 1500 or 0.99 is not.
 */
export function groupedNumbers(firstText: string, values: Float64Array): boolean {
  if (!GROUPED.test(firstText)) return false;
  for (let i = 0; i < values.length; ++i) {
    const v = Math.abs(values[i]);
    if (v !== v) continue;
    if (v < 1 || v >= 1000 || Math.abs(Math.round(v * 1000) - v * 1000) > 1e-6) return false;
  }
  return true;
}
