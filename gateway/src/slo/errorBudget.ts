import { type Counts } from './counts';

export interface ErrorBudget {
  /** Share of events allowed to be bad over the window: 1 - target. */
  total: number;
  /** Share of that budget the window's bad events used: bad/total / (1 - target). Above 1 once overspent. */
  spent: number;
  /** 1 - spent; negative once overspent (clamp only for display). */
  remaining: number;
}

/** Share of good events; null for a window with no traffic, which is "no data", not 100%. */
export function attainment({ good, total }: Counts): number | null {
  return total === 0 ? null : good / total;
}

/**
 * Error budget over the objective's window. A window with no traffic spent nothing: no request failed, so the
 * budget stays whole (remaining 1) even though attainment is null.
 */
export function errorBudget({ good, total }: Counts, target: number): ErrorBudget {
  const allowed = 1 - target;
  const spent = total === 0 ? 0 : (total - good) / total / allowed;
  return { total: allowed, spent, remaining: 1 - spent };
}
