import { type CountBucket, type Counts, countsInWindow, DAY_MS, HOUR_MS, MINUTE_MS } from './counts';

/** The windows the Workbook's multiwindow alerts read, long and short. */
export const BURN_WINDOWS = {
  '5m': 5 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '1d': DAY_MS,
  '3d': 3 * DAY_MS,
} as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;

export type BurnRates = Record<BurnWindow, number | null>;

/**
 * How many times faster than sustainable the budget is being spent: error ratio / (1 - target). At 1 the budget
 * lasts exactly the objective's window. Null when the window had no traffic: nothing to measure a rate on.
 */
export function burnRate({ good, total }: Counts, target: number): number | null {
  return total === 0 ? null : (total - good) / total / (1 - target);
}

export function burnRates(buckets: readonly CountBucket[], target: number, now: number): BurnRates {
  const rates = {} as BurnRates;
  for (const [window, windowMs] of Object.entries(BURN_WINDOWS) as Array<[BurnWindow, number]>) {
    rates[window] = burnRate(countsInWindow(buckets, now, windowMs), target);
  }
  return rates;
}
