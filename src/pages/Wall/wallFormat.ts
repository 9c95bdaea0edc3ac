import { NO_DATA } from '@/components/format';

const CLOCK = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** 21:13:04 in the browser's time zone: what a TV in the room shows. */
export function formatClockTime(ms: number): string {
  return CLOCK.format(ms);
}

/** Remaining error budget as a whole percentage, with a real minus sign once it is overspent. */
export function formatBudget(remaining: number | null): string {
  if (remaining === null) {
    return NO_DATA;
  }
  const percent = Math.round(remaining * 100);
  return percent < 0 ? `\u2212${-percent}%` : `${percent}%`;
}

export function formatScore(score: number | null): string {
  return score === null ? NO_DATA : String(Math.round(score));
}

export function formatCount(count: number | null): string {
  return count === null ? NO_DATA : String(count);
}

/** "14.4×": a burn rate to one decimal, two significant figures above 100. */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) {
    return NO_DATA;
  }
  return `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}×`;
}
