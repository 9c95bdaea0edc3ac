import { DAY_MS, HOUR_MS, MINUTE_MS } from './counts';

/** One stretch of time fetched at one bucket size. */
export interface CountTier {
  from: number;
  to: number;
  bucketMs: number;
}

const FINE_SPAN_MS = 6 * HOUR_MS;
const MEDIUM_SPAN_MS = 3 * DAY_MS;

/**
 * The buckets an objective's figures need as of `now`, coarse where precision matters least: one-minute buckets for
 * the last 6 h (the 5m…6h burn windows are exact), five-minute buckets back to 3 days (1d and 3d windows off by at
 * most 5 min) and hourly buckets for the rest of the window (off by at most 1 h of 720). Boundaries are whole hours
 * so the tiers tile without gap or overlap; a 30-day objective costs 360 + 792 + 648 ≈ 1,800 buckets instead of
 * 43,200 minutes.
 */
export function countTiers(now: number, windowDays: number): CountTier[] {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
  const windowStart = floorHour(end - windowDays * DAY_MS);
  const mediumStart = Math.max(windowStart, floorHour(end - MEDIUM_SPAN_MS));
  const fineStart = Math.max(mediumStart, floorHour(end - FINE_SPAN_MS));
  const tiers: CountTier[] = [
    { from: windowStart, to: mediumStart, bucketMs: HOUR_MS },
    { from: mediumStart, to: fineStart, bucketMs: 5 * MINUTE_MS },
    { from: fineStart, to: end, bucketMs: MINUTE_MS },
  ];
  return tiers.filter((tier) => tier.to > tier.from);
}
