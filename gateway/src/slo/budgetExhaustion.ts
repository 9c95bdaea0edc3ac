import { DAY_MS } from './counts';

/**
 * When the remaining budget runs out if the given burn rate holds: now + remaining × window / burnRate (Pyrra
 * labels its alerts with window / factor, the same figure from a full budget).
 *
 * Null when that cannot happen or has already happened:
 * - remaining ≤ 0: already exhausted;
 * - burn rate null (no traffic) or ≤ 1: in a rolling window a steady burn b settles at spent = b, so at 1 or below
 *   old errors leave the window at least as fast as new ones arrive and the budget is never exhausted.
 * The projection ignores errors that will leave the window meanwhile, so it errs early — the safe side for a page.
 */
export function budgetExhaustsAt(
  remaining: number,
  burnRate: number | null,
  windowDays: number,
  now: number
): number | null {
  if (remaining <= 0 || burnRate === null || burnRate <= 1) {
    return null;
  }
  return now + (remaining * windowDays * DAY_MS) / burnRate;
}
