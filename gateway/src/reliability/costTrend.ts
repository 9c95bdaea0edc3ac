/**
 * How a service's cost moved against its traffic between two windows of the same length. Pure. Ratios rather than
 * differences, so a service of $50 a month and one of $5,000 read on the same scale.
 */
import { EFFICIENCY_STEADY_BAND, type CostTrend, type CostWindow } from '@opsdeck/contract';

/** now / before − 1; null when either side is missing or the earlier one is zero (no ratio to speak of). */
export function change(now: number | null, before: number | null): number | null {
  return now === null || before === null || before <= 0 ? null : now / before - 1;
}

export function costTrend(current: CostWindow, previous: CostWindow | null): CostTrend {
  const per1kChange = change(current.costPer1kRequests, previous?.costPer1kRequests ?? null);
  return {
    requestsChange: change(current.requests, previous?.requests ?? null),
    costChange: change(current.cost, previous?.cost ?? null),
    costPer1kRequestsChange: per1kChange,
    efficiency: efficiencyOf(per1kChange),
  };
}

/** `worse` when cost per 1,000 requests rose by more than the band (cost outgrew traffic), `better` when it fell. */
export function efficiencyOf(per1kChange: number | null): CostTrend['efficiency'] {
  if (per1kChange === null) return null;
  if (per1kChange > EFFICIENCY_STEADY_BAND) return 'worse';
  if (per1kChange < -EFFICIENCY_STEADY_BAND) return 'better';
  return 'steady';
}
