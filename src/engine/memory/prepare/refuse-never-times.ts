import { fail } from '../../../errors.js';
import type { ColumnKind } from '../../../load/dataset.js';
import type { ParsedTimes } from '../../../load/times/parse-time-column.js';
import type { NeverTimeRole } from '../../../load/times/time-tally.js';
import { neverChurnInstant } from '../../../time/never-churn.js';
import type { Zone } from '../../../time/zone.js';
import { rowReader, type AnyColumn } from './column-keys.js';

/**
 * refuseNeverTimes: fail when a signup or activity time column holds a time in the year
 * 9999 (or later) of the run's zone. Exports write 9999-12-31 for "never": in a churn
 * column it is no churn (without-never-churn.ts), but as a signup or an event it is no
 * real time, and read as one it would stretch the matrix and the as-of to the year 10000.
 * Called only without --as-of (prepare-run.ts): with one, such a time is after it and left
 * out as any later time is. The SQL engines refuse it alike (engine/sql/never-time-sql.ts).
 */
export function refuseNeverTimes(times: ParsedTimes, raw: AnyColumn, kind: ColumnKind, where: { file: string; column: string; role: NeverTimeRole }, zone: Zone): void {
  const never = neverChurnInstant(zone);
  if (times.max !== undefined && !(times.max >= never)) return;
  const { ms } = times;
  let row = -1;
  for (let i = 0; i < ms.length; ++i) {
    if (ms[i] >= never) {
      row = i;
      break;
    }
  }
  if (row < 0) return;
  const v = rowReader(raw)(row);
  const value = typeof v === 'number' && (kind === 'timestamp' || kind === 'wallclock') ? typedTime(v, kind === 'wallclock') : String(v);
  fail('neverTime', { value, role: where.role }, { file: where.file, row: row + 1, column: where.column });
}

/** A typed time (epoch ms, or wall-clock ms) as the file wrote it: "9999-12-31", "9999-12-31T10:00:00Z". */
function typedTime(ms: number, wall: boolean): string {
  const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
  if (!wall) return iso;
  return iso.endsWith('T00:00:00Z') ? iso.slice(0, 10) : iso.slice(0, -1);
}
