import { ticks } from 'd3-array';

/**
 * defaultAtTimes: the times to report S(t) at when none are asked for and the durations
 * carry their own unit (--duration): round numbers inside the observed range, about four
 * of them (d3-array's ticks: 20, 40, 60 for durations up to 72), never past the longest
 * duration, so no reported S is carried past the data.
 */
export function defaultAtTimes(durations: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < durations.length; ++i) if (durations[i] > max) max = durations[i];
  if (!(max > 0 && max < Infinity)) return [];
  const t = ticks(0, max, 4).filter((x) => x > 0 && x <= max);
  return t.length ? t : [max];
}
