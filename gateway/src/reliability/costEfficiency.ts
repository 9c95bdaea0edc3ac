/**
 * Cost efficiency per service: its cost over the availability objective's window divided by the requests (and the
 * good ones) of that window. Pure: the SLO figures and cost per tag value come in as plain values.
 */
import type { CatalogService, ServiceCostEfficiency, ServiceSlo } from '@opsdeck/contract';

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

/** Highest cost per 1,000 good requests first; those without the figure last, by name. */
export function byWorstEfficiency(a: ServiceCostEfficiency, b: ServiceCostEfficiency): number {
  const x = a.costPer1kGoodRequests;
  const y = b.costPer1kGoodRequests;
  if (x !== null && y !== null && x !== y) return y - x;
  if ((x === null) !== (y === null)) return x === null ? 1 : -1;
  return a.service.localeCompare(b.service);
}
