/** Gateway answers of GET /api/cost-efficiency for unit tests. */
import { type CostEfficiencyResponse, type CostWindow, type ServiceCostEfficiency } from '@opsdeck/contract';
import { RELIABILITY_NOW } from './reliabilityFixture';

export function costWindow(cost: number | null, requests: number | null, good: number | null = requests): CostWindow {
  const per1k = (n: number | null) => (cost === null || !n ? null : (cost / n) * 1000);
  return {
    days: { start: '2026-01-31', end: '2026-03-02' },
    cost,
    requests,
    goodRequests: good,
    costPer1kRequests: per1k(requests),
    costPer1kGoodRequests: per1k(good),
  };
}

export function serviceCost(
  service: string,
  team: string,
  current: CostWindow,
  extra: Partial<ServiceCostEfficiency> = {}
): ServiceCostEfficiency {
  return {
    ...current,
    service,
    team,
    objective: `${service}-availability`,
    windowDays: 30,
    budgetSpent: 0.4,
    costPerBudgetPoint: current.cost === null ? null : current.cost / 40,
    previous: null,
    trend: { requestsChange: null, costChange: null, costPer1kRequestsChange: null, efficiency: null },
    idle: [],
    ...extra,
  };
}

export const costReport: CostEfficiencyResponse = {
  at: RELIABILITY_NOW,
  demo: true,
  services: [
    serviceCost('checkout-api', 'payments', costWindow(3000, 1_000_000, 950_000), {
      previous: { ...costWindow(2000, 1_000_000), days: { start: '2026-01-01', end: '2026-01-31' } },
      trend: { requestsChange: 0, costChange: 0.5, costPer1kRequestsChange: 0.5, efficiency: 'worse' },
      idle: [
        { resource: 'asg', name: 'checkout-asg', cpuP95: 12.4, days: 7, monthlyCost: 3000, costScope: 'service' },
        { resource: 'rds', name: 'checkout-db', cpuP95: 8, days: 7, monthlyCost: 450.5, costScope: 'resource' },
      ],
    }),
    serviceCost('search-api', 'discovery', costWindow(500, 2_000_000), {
      previous: costWindow(500, 1_000_000),
      trend: { requestsChange: 1, costChange: 0, costPer1kRequestsChange: -0.5, efficiency: 'better' },
    }),
    serviceCost('legacy-batch', 'payments', costWindow(null, null), { objective: null, budgetSpent: null }),
  ],
  notices: ['No cost-allocation tag for legacy-batch.'],
};
