/**
 * Cost efficiency per service: its cost over the availability objective's window divided by the requests (and the
 * good ones) of that window. Pure: the SLO figures and cost per tag value come in as plain values.
 */
import {
  IDLE_CPU_P95_PERCENT,
  type CatalogService,
  type IdleCapacityHint,
  type ServiceCostEfficiency,
  type ServiceSlo,
} from '@opsdeck/contract';

export interface CostDays {
  start: string;
  end: string;
}

/** Per 1,000 of `count`; null when either side is missing or nothing was served. */
const per1k = (cost: number | null, count: number | null) =>
  cost === null || count === null || count <= 0 ? null : (cost / count) * 1000;

export function serviceCostEfficiency(
  service: CatalogService,
  slo: ServiceSlo | undefined,
  cost: number | null,
  days: CostDays
): ServiceCostEfficiency {
  const objective = slo?.objectives.find((o) => o.sli.kind === 'availability');
  const requests = objective && objective.total > 0 ? objective.total : null;
  const good = objective && objective.total > 0 ? objective.good : null;
  const spent = objective?.errorBudget.spent ?? null;
  return {
    service: service.name,
    team: service.team,
    objective: objective?.id ?? null,
    windowDays: objective?.windowDays ?? 30,
    days,
    cost,
    requests,
    goodRequests: good,
    costPer1kRequests: per1k(cost, requests),
    costPer1kGoodRequests: per1k(cost, good),
    budgetSpent: spent,
    costPerBudgetPoint: cost !== null && spent !== null && spent > 0 ? cost / (spent * 100) : null,
  };
}

/** Nearest-rank p95 of the samples; null without any. */
export function p95(values: ReadonlyArray<number | null>): number | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

/** The hint when the group's p95 CPU stayed under IDLE_CPU_P95_PERCENT; undefined otherwise. */
export function idleHint(
  group: string,
  cpu: ReadonlyArray<number | null>,
  monthlyCost: number | null
): IdleCapacityHint | undefined {
  const cpuP95 = p95(cpu);
  return cpuP95 !== null && cpuP95 < IDLE_CPU_P95_PERCENT
    ? { resource: 'asg', name: group, cpuP95, days: 7, monthlyCost }
    : undefined;
}

/** Highest cost per 1,000 good requests first; those without the figure last, by name. */
export function byWorstEfficiency(a: ServiceCostEfficiency, b: ServiceCostEfficiency): number {
  const x = a.costPer1kGoodRequests;
  const y = b.costPer1kGoodRequests;
  if (x !== null && y !== null && x !== y) return y - x;
  if ((x === null) !== (y === null)) return x === null ? 1 : -1;
  return a.service.localeCompare(b.service);
}
