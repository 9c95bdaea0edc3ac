import { type TimeRangeMs } from '@opsdeck/contract';

/** No upstream we plan to read (CloudWatch's standard resolution among them) has finer than one-minute points. */
export const MIN_STEP_MS = 60_000;
export const DEFAULT_MAX_DATA_POINTS = 1000;
/** Prometheus refuses more than 11,000 points per series; the same ceiling keeps one series' work bounded. */
export const MAX_POINTS_PER_SERIES = 11_000;
/** Both ends of the range are on the grid when they fall on a step, hence one more time than points asked for. */
export const MAX_GRID_TIMES = MAX_POINTS_PER_SERIES + 1;

/** A grid of times that cannot be walked: too many steps, or steps too small to move the time along. */
export class TimeStepError extends Error {
  override readonly name = 'TimeStepError';
}

/**
 * The sampling step of a time-series answer: never finer than the panel's interval, never more points than the
 * panel can draw, never below one minute. Whole milliseconds, so aligned times are exact integers.
 */
export function stepFor(range: TimeRangeMs, intervalMs = 0, maxDataPoints = DEFAULT_MAX_DATA_POINTS): number {
  return Math.max(Math.ceil(intervalMs), Math.ceil((range.to - range.from) / maxDataPoints), MIN_STEP_MS);
}

/** First and last multiple of the step inside the range, as step counts; throws when they cannot be counted. */
function gridIndexes(range: TimeRangeMs, stepMs: number): { first: number; last: number } {
  if (!Number.isFinite(stepMs) || stepMs <= 0) {
    throw new TimeStepError(`a time step must be a positive number of milliseconds, got ${stepMs}`);
  }
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to)) {
    throw new TimeStepError(`a time range must be finite, got ${range.from} to ${range.to}`);
  }
  const first = Math.ceil(range.from / stepMs);
  const last = Math.floor(range.to / stepMs);
  // Past 2^53 steps, "the next step" rounds back onto the same number: a loop over it would never end.
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) {
    throw new TimeStepError(`a ${stepMs} ms step cannot count its way from ${range.from} to ${range.to}`);
  }
  return { first, last };
}

/** How many aligned times the range holds at this step, without making them. */
export function gridTimes(range: TimeRangeMs, stepMs: number): number {
  const { first, last } = gridIndexes(range, stepMs);
  return Math.max(0, last - first + 1);
}

/**
 * Sample times: multiples of the step inside [from, to]. Aligning to the step (not to `from`) means a panel that
 * refreshes a few seconds later gets the same timestamps, hence the same values, instead of a shifted series.
 * Refuses (TimeStepError) a grid of more than `maxTimes`, or one whose steps stop moving the time forward.
 */
export function alignedTimes(range: TimeRangeMs, stepMs: number, maxTimes = MAX_GRID_TIMES): number[] {
  const { first, last } = gridIndexes(range, stepMs);
  const count = Math.max(0, last - first + 1);
  if (count > maxTimes) {
    throw new TimeStepError(`a ${stepMs} ms step over this range makes ${count} points; at most ${maxTimes} allowed`);
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    // Multiplying rather than adding: no rounding error piles up, and each time is exactly on the grid.
    const t = (first + i) * stepMs;
    if (t < range.from) continue;
    if (t > range.to) break;
    if (times.length > 0 && t <= times[times.length - 1]) {
      throw new TimeStepError(`a ${stepMs} ms step makes no progress at ${t}`);
    }
    times.push(t);
  }
  return times;
}

/**
 * The buckets (of `bucketMs`) from the one holding `from` to the one holding `to`, as indexes; throws instead of
 * walking more than `maxBuckets` of them, so a bucket loop costs at most what its caller planned for.
 */
export function bucketSpan(range: TimeRangeMs, bucketMs: number, maxBuckets: number): { first: number; last: number } {
  const first = Math.floor(range.from / bucketMs);
  const last = Math.floor(range.to / bucketMs);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) {
    throw new TimeStepError(`${bucketMs} ms buckets cannot count their way from ${range.from} to ${range.to}`);
  }
  if (last - first + 1 > maxBuckets) {
    throw new TimeStepError(`this range spans ${last - first + 1} buckets of ${bucketMs} ms; at most ${maxBuckets}`);
  }
  return { first, last };
}
