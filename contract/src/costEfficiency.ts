/**
 * Cost efficiency per catalog service (GET /api/cost-efficiency, the cost_efficiency query type): what the service
 * cost over its availability objective's window against the requests it served in that window, from the same SLI
 * counts as the SLOs. Definitions: docs/cost-efficiency.md.
 */

export const COST_EFFICIENCY_PATH = '/api/cost-efficiency';

export interface CostEfficiencyQuery {
  service?: string;
  team?: string;
}

export interface ServiceCostEfficiency {
  service: string;
  team: string;
  /** The availability objective whose window and counts are used; null when the service has none. */
  objective: string | null;
  windowDays: number;
  /** Whole UTC days the cost covers: [start, end). */
  days: { start: string; end: string };
  /** USD over those days (its cost-allocation tag); null without a tag or a cost source. */
  cost: number | null;
  requests: number | null;
  goodRequests: number | null;
  costPer1kRequests: number | null;
  costPer1kGoodRequests: number | null;
  /** Share of the error budget spent in the window (1 = all). */
  budgetSpent: number | null;
  /** USD per percentage point of error budget spent: what the window's failures cost, roughly. */
  costPerBudgetPoint: number | null;
  /** Capacity that stayed nearly idle: a hint to scale in, with the service's 30-day cost at stake. */
  idle?: IdleCapacityHint;
}

/** Below this p95 CPU over 7 days an Auto Scaling group is idle enough to say so. */
export const IDLE_CPU_P95_PERCENT = 20;

export interface IdleCapacityHint {
  resource: 'asg';
  name: string;
  /** p95 of the group's hourly average CPU over the last 7 days, percent. */
  cpuP95: number;
  days: 7;
  /** The service's cost over the last 30 days: an upper bound on what scaling in could save. */
  monthlyCost: number | null;
}

export interface CostEfficiencyResponse {
  at: number;
  demo: boolean;
  /** Highest cost per 1,000 good requests first; services without a figure last. */
  services: ServiceCostEfficiency[];
  notices: string[];
}
