/**
 * Good and valid events in one time bucket (e.g. one minute). SLO figures are always ratios of summed counts:
 * the mean of per-bucket ratios would let a quiet minute weigh as much as a busy one.
 */
export interface CountBucket {
  /** Epoch milliseconds at which the bucket starts; a bucket belongs to the window its start falls in. */
  start: number;
  good: number;
  total: number;
}

export interface Counts {
  good: number;
  total: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Events in the window [now - windowMs, now): `now` is passed in so the figures are reproducible. */
export function countsInWindow(buckets: readonly CountBucket[], now: number, windowMs: number): Counts {
  const from = now - windowMs;
  let good = 0;
  let total = 0;
  for (const bucket of buckets) {
    if (bucket.start >= from && bucket.start < now) {
      good += bucket.good;
      total += bucket.total;
    }
  }
  return { good, total };
}
