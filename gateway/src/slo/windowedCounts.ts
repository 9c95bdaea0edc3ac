import { type CountBucket, type Counts } from './counts';

/**
 * Counts over [t - windowMs, t) at every time of `times`, from buckets sorted by start: prefix sums, so a chart of
 * 1,000 points over 30-day windows costs one pass over the buckets, not 1,000. A bucket counts when its start falls
 * in the window, as countsInWindow decides.
 */
export function windowedCounts(buckets: readonly CountBucket[], times: readonly number[], windowMs: number): Counts[] {
  const starts = buckets.map((b) => b.start);
  const good = [0];
  const total = [0];
  for (const bucket of buckets) {
    good.push(good[good.length - 1] + bucket.good);
    total.push(total[total.length - 1] + bucket.total);
  }
  return times.map((t) => {
    const first = lowerBound(starts, t - windowMs);
    const end = lowerBound(starts, t);
    return { good: good[end] - good[first], total: total[end] - total[first] };
  });
}

/** Index of the first start ≥ value. */
function lowerBound(starts: readonly number[], value: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
