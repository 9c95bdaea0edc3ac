import { type CountBucket } from './counts';

export interface PercentilePoint {
  start: number;
  /** p99 latency of the interval; undefined when the source had no requests to measure. */
  p99Ms: number | undefined;
}

/**
 * Turns per-interval p99s into counts for a latency-percentile SLI: each measured interval is one event, good when
 * its p99 is within the threshold. Intervals without a p99 had no traffic and count as neither good nor bad.
 */
export function intervalsWithinThreshold(points: readonly PercentilePoint[], thresholdMs: number): CountBucket[] {
  return points.map(({ start, p99Ms }) =>
    p99Ms === undefined ? { start, good: 0, total: 0 } : { start, good: p99Ms <= thresholdMs ? 1 : 0, total: 1 }
  );
}
