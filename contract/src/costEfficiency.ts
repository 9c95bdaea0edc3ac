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
}

export interface CostEfficiencyResponse {
  at: number;
  demo: boolean;
  /** Highest cost per 1,000 good requests first; services without a figure last. */
  services: ServiceCostEfficiency[];
  notices: string[];
}
