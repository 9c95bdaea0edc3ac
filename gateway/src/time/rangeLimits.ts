/** How long a time range may be, and the words for refusing one that is longer. */
import { type TimeRangeMs } from '@opsdeck/contract';

export const DAY_MS = 86_400_000;
/**
 * CloudWatch keeps hourly points for 455 days and nothing older: the longest range a time series or an event list
 * can be asked for. Every other limit is this one or shorter.
 */
export const LONGEST_RANGE_DAYS = 455;
export const LONGEST_RANGE_MS = LONGEST_RANGE_DAYS * DAY_MS;

/** The range's length in days, to one decimal, as an operator reads it. */
export function rangeDays(range: TimeRangeMs): number {
  return Math.round(((range.to - range.from) / DAY_MS) * 10) / 10;
}

/** "range is 3652.5 days; suspect_deploys allows at most 7 days", or undefined when the range fits. */
export function rangeTooLong(range: TimeRangeMs, maxDays: number, what: string): string | undefined {
  if (range.to - range.from <= maxDays * DAY_MS) return undefined;
  return `range is ${rangeDays(range)} days; ${what} allows at most ${maxDays} days`;
}
