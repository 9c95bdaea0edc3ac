import { type TimeRangeMs } from '@/contract';

/** No upstream we plan to read (CloudWatch's standard resolution among them) has finer than one-minute points. */
export const MIN_STEP_MS = 60_000;
export const DEFAULT_MAX_DATA_POINTS = 1000;

/**
 * The sampling step of a time-series answer: never finer than the panel's interval, never more points than the
 * panel can draw, never below one minute. Whole milliseconds, so aligned times are exact integers.
 */
export function stepFor(range: TimeRangeMs, intervalMs = 0, maxDataPoints = DEFAULT_MAX_DATA_POINTS): number {
  return Math.max(Math.ceil(intervalMs), Math.ceil((range.to - range.from) / maxDataPoints), MIN_STEP_MS);
}

/**
 * Sample times: multiples of the step inside [from, to]. Aligning to the step (not to `from`) means a panel that
 * refreshes a few seconds later gets the same timestamps, hence the same values, instead of a shifted series.
 */
export function alignedTimes(range: TimeRangeMs, stepMs: number): number[] {
  const times: number[] = [];
  for (let t = Math.ceil(range.from / stepMs) * stepMs; t <= range.to; t += stepMs) {
    times.push(t);
  }
  return times;
}
