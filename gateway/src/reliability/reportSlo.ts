/**
 * An objective over the report's period rather than its own rolling window: what the week or month attained, how
 * fast it burnt budget, and how much of a window's budget that was. Pure: the counts come in summed.
 */
import type { ReportSloPeriod } from '@opsdeck/contract';
import type { Counts } from '../slo/counts';

export function sloOverPeriod(counts: Counts, target: number, periodDays: number, windowDays: number): ReportSloPeriod {
  if (counts.total <= 0) return { attainment: null, met: null, burnRate: null, budgetSpent: null };
  const attainment = Math.min(1, Math.max(0, counts.good / counts.total));
  const allowed = 1 - target;
  const burnRate = allowed > 0 ? (1 - attainment) / allowed : null;
  return {
    attainment,
    met: attainment >= target,
    burnRate,
    budgetSpent: burnRate === null ? null : (burnRate * periodDays) / windowDays,
  };
}
