import { type CostTrend, type IdleCapacityHint, type ServiceCostEfficiency } from '@opsdeck/contract';
import { NOT_APPLICABLE } from '@/components/format';
import { formatUsd } from '@/pages/Overview/format';
import { type RankedBar, shareTone } from './rankedBars';

/** Cost per 1,000 requests is often a fraction of a cent: four decimals keep services apart. */
export function formatPer1k(value: number | null): string {
  return value === null ? NOT_APPLICABLE : formatUsd(value, 4);
}

export function formatCost(value: number | null): string {
  return value === null ? NOT_APPLICABLE : formatUsd(value);
}

export function formatCount(value: number | null): string {
  return value === null ? NOT_APPLICABLE : value.toLocaleString('en-US');
}

/** A ratio change (0.1 = +10%) with its sign; the minus is a real minus sign, as in the incident trends. */
export function formatRatioChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) {
    return NOT_APPLICABLE;
  }
  const percent = Math.round(change * 100);
  if (percent === 0) {
    return '0%';
  }
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent).toLocaleString('en-US')}%`;
}

export type EfficiencyTone = 'better' | 'worse' | 'same' | 'unknown';

/** How cost moved against traffic, as a sentence and a tone (colour is never the only signal). */
export function efficiencyView(trend: CostTrend): { tone: EfficiencyTone; text: string } {
  switch (trend.efficiency) {
    case 'worse':
      return { tone: 'worse', text: 'Cost outgrew traffic' };
    case 'better':
      return { tone: 'better', text: 'Traffic outgrew cost' };
    case 'steady':
      return { tone: 'same', text: 'Cost kept pace with traffic' };
    default:
      return { tone: 'unknown', text: 'No window before to compare with' };
  }
}

/** "checkout-api's" or the whole service: what an idle hint's monthly cost covers. */
export function idleCostScope(hint: IdleCapacityHint): string {
  return hint.costScope === 'resource' ? 'this resource' : 'whole service';
}

export const IDLE_RESOURCE_LABEL: Record<IdleCapacityHint['resource'], string> = {
  asg: 'Auto Scaling group',
  rds: 'RDS instance',
};

export interface IdleRow extends IdleCapacityHint {
  service: string;
}

/** Every idle hint, most money at stake first, then the idlest (lowest p95 CPU). */
export function idleRows(services: readonly ServiceCostEfficiency[]): IdleRow[] {
  return services
    .flatMap((s) => s.idle.map((hint) => ({ ...hint, service: s.service })))
    .sort((a, b) => (b.monthlyCost ?? -1) - (a.monthlyCost ?? -1) || a.cpuP95 - b.cpuP95);
}

/** Cost per 1,000 good requests per service, in the gateway's order (worst first, services without a figure last). */
export function costBars(services: readonly ServiceCostEfficiency[]): RankedBar[] {
  const worst = Math.max(0, ...services.map((s) => s.costPer1kGoodRequests ?? 0));
  return services.map((s) => ({
    key: s.service,
    label: s.service,
    value: s.costPer1kGoodRequests,
    text: s.costPer1kGoodRequests === null ? 'no figure' : formatPer1k(s.costPer1kGoodRequests),
    tone: shareTone(s.costPer1kGoodRequests, worst),
  }));
}

/** Share of the error budget spent, 1 = all. */
export function formatBudgetSpent(spent: number | null): string {
  return spent === null ? NOT_APPLICABLE : `${Math.round(spent * 100)}%`;
}
