import type { ParsedTimes } from '../../../load/times/parse-time-column.js';
import { neverChurnInstant } from '../../../time/never-churn.js';
import type { Zone } from '../../../time/zone.js';

/**
 * withoutNeverChurn: churn times with the "never" sentinel (year 9999, time/never-churn.ts)
 * read as empty. The parsed column may be shared with other runs, so a copy is made, and
 * only when a sentinel is there; bad, badRows and missing still describe the file.
 */
export function withoutNeverChurn(times: ParsedTimes, zone: Zone): ParsedTimes {
  if (times.max !== undefined && !(times.max >= neverChurnInstant(zone))) return times;
  const never = neverChurnInstant(zone);
  const { ms } = times;
  let copy: Float64Array | undefined;
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < ms.length; ++i) {
    const t = ms[i];
    if (t >= never) {
      copy ??= ms.slice();
      copy[i] = NaN;
    } else if (t === t) {
      if (t > max) max = t;
      if (t < min) min = t;
    }
  }
  if (!copy) return times;
  const { bad, badRows, missing } = times;
  return max > -Infinity ? { bad, badRows, missing, ms: copy, max, min } : { bad, badRows, missing, ms: copy };
}
