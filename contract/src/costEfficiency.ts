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

/** One window's cost against the requests served in it. */
export interface CostWindow {
  /** Whole UTC days the cost covers: [start, end). */
  days: { start: string; end: string };
  /** USD over those days (its cost-allocation tag); null without a tag or a cost source. */
  cost: number | null;
  requests: number | null;
  goodRequests: number | null;
  costPer1kRequests: number | null;
  costPer1kGoodRequests: number | null;
}

/**
 * How cost moved against traffic from the previous window to this one. Changes are ratios (0.1 = +10%); null when
 * either window lacks the figure. `efficiency` compares cost per 1,000 requests: `worse` when it rose by more than
 * EFFICIENCY_STEADY_BAND (cost outgrew traffic), `better` when it fell by more, else `steady`.
 */
export interface CostTrend {
  requestsChange: number | null;
  costChange: number | null;
  costPer1kRequestsChange: number | null;
  efficiency: 'better' | 'steady' | 'worse' | null;
}

/** Changes of cost per 1,000 requests within ±5% count as steady. */
export const EFFICIENCY_STEADY_BAND = 0.05;

export interface ServiceCostEfficiency extends CostWindow {
  service: string;
  team: string;
  /** The availability objective whose window and counts are used; null when the service has none. */
  objective: string | null;
  windowDays: number;
  /** Share of the error budget spent in the window (1 = all). */
  budgetSpent: number | null;
  /** USD per percentage point of error budget spent: what the window's failures cost, roughly. */
  costPerBudgetPoint: number | null;
  /** The window of the same length just before this one (same SLO counts, same cost source). */
  previous: CostWindow | null;
  trend: CostTrend;
  /** Capacity that stayed nearly idle (its Auto Scaling group, its RDS instance): hints to scale in or down. */
  idle: IdleCapacityHint[];
}

/** Below this p95 CPU over 7 days an Auto Scaling group or RDS instance is idle enough to say so. */
export const IDLE_CPU_P95_PERCENT = 20;

export interface IdleCapacityHint {
  resource: 'asg' | 'rds';
  /** The Auto Scaling group name or the RDS DBInstanceIdentifier. */
  name: string;
  /** p95 of the resource's hourly average CPU over the last 7 days, percent. */
  cpuP95: number;
  days: 7;
  /** USD over the last 30 days at stake: an upper bound on what scaling in or down could save. */
  monthlyCost: number | null;
  /**
   * What `monthlyCost` covers: `resource` when Cost Explorer tells the resource's AWS service apart (the service's
   * Amazon RDS line for an instance), `service` when it is the whole service's cost.
   */
  costScope: 'resource' | 'service';
}

export interface CostEfficiencyResponse {
  at: number;
  demo: boolean;
  /** Highest cost per 1,000 good requests first; services without a figure last. */
  services: ServiceCostEfficiency[];
  notices: string[];
}
