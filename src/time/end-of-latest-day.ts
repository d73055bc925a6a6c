import { fail } from '../errors.js';
import { localDays } from './local-days.js';
import { periodOfDay, periodStartInstant } from './periods.js';
import type { Zone } from './zone.js';

/** End of the local day of the latest timestamp: the default as-of instant. */
export function endOfLatestDay(columns: (Float64Array | undefined)[], zone: Zone): number {
  let max = -Infinity;
  for (const col of columns) {
    if (!col) continue;
    for (let i = 0; i < col.length; ++i) if (col[i] > max) max = col[i];
  }
  if (max === -Infinity) fail('noActivity', {});
  const day = localDays(Float64Array.of(max), zone)[0];
  return periodStartInstant(periodOfDay(day, 'day') + 1, 'day', 'monday', zone);
}
