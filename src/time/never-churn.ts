import { DAY_MS, daysFromCivil } from './civil.js';
import type { Zone } from './zone.js';

/**
 * Wall-clock ms of 9999-01-01 00:00. Exports write "never" as 9999-12-31 (with or without
 * a time, in UTC or local), so a churn time in the year 9999 or later of the run's zone
 * is read as no churn (an empty churn), not as a churn that pushes the as-of to 10000.
 */
export const NEVER_CHURN_WALL_MS = daysFromCivil(9999, 1, 1) * DAY_MS;

/** The instant from which a churn time in `zone` is the "never" sentinel (NEVER_CHURN_WALL_MS). */
export function neverChurnInstant(zone: Zone): number {
  return zone.toUtc(NEVER_CHURN_WALL_MS);
}
