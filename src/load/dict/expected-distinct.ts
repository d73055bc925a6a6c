/**
 * How many distinct values `total` rows will hold, from the first `rows` of them holding
 * `distinct`: the rows are taken as drawn at random from D equally likely values, D
 * solved from distinct = D (1 - e^(-rows / D)), and the total then holds
 * D (1 - e^(-total / D)). Capped at 16 x distinct, so that a start unlike the rest
 * (every id new) cannot size a dictionary far past what it ends up holding.
 *
 * Loaders size a dictionary with it after its first rows (ByteDict.reserve), instead of
 * doubling it up to size: each doubling leaves the old table as garbage, and a million
 * ids leave ~50 MB of it per thread until the collector runs.
 */
export function expectedDistinct(rows: number, distinct: number, total: number): number {
  if (rows <= 0 || distinct <= 0 || total <= rows) return distinct;
  const cap = Math.min(total, 16 * distinct);
  const seen = (D: number, r: number): number => D * -Math.expm1(-r / D);
  let lo = distinct;
  let hi = cap;
  if (seen(hi, rows) <= distinct) return cap;
  for (let i = 0; i < 50 && hi - lo > 1; ++i) {
    const mid = (lo + hi) / 2;
    if (seen(mid, rows) < distinct) lo = mid;
    else hi = mid;
  }
  return Math.min(cap, Math.ceil(seen(hi, total)));
}
