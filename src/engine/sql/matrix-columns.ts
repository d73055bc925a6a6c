/** Alive through every offset (never churned, or churned after as-of). */
export const ALIVE = 1 << 30;

/**
 * The rows of a compiled matrix query, one shape for every part (UNION ALL):
 * - kind 's', one per cohort: n = N_c, lo/hi = the smallest and largest anchor
 *   (calendar: period index of the offset granularity; elapsed: epoch ms);
 * - kind 'c', one per cohort and offset k: n = distinct active customers, lo = activity
 *   rows, rev = sum of amounts, gross = sum of min(revenue at k, revenue at 0);
 *   k = -1 gathers rows before the anchor (lo counts them);
 * - kind 'h', per cohort a histogram over k: customers whose last active offset
 *   (unbounded) or last offset alive (survival, ALIVE = never churned) is k.
 * Cohort keys: kt (the anchor's period at the cohort granularity, 0 without one) and
 * ka0.. (attribute values as text).
 */
export const MATRIX_COLUMNS = ['kind', 'kt', 'k', 'n', 'lo', 'hi', 'rev', 'gross'] as const;
