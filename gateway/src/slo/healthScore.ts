import { type HealthComponent, type HealthScore } from '@opsdeck/contract';

/** What the score is made of, as of one instant. Every field is a plain value: no I/O here. */
export interface HealthInputs {
  /** The lowest remaining budget among the service's objectives (ratio, may be negative); null = no traffic. */
  worstBudgetRemaining: number | null;
  firingPages: number;
  firingTickets: number;
  openCriticalIncidents: number;
  openOtherIncidents: number;
  /** The highest saturation figure the sources give, in percent (CPU, DB pool use); undefined = not measured. */
  saturationPercent?: number;
  /** Deploys of the service that failed or were rolled back in the last 24 h. */
  failedDeploys: number;
}

/** Points each component can take away; they sum to 100. docs/health-score.md explains the choice. */
export const HEALTH_WEIGHTS = { budget: 30, burn_alerts: 25, incidents: 25, saturation: 10, deploys: 10 } as const;

/** Saturation costs nothing up to this share and everything from SATURATED_AT. */
export const SATURATION_FREE_UP_TO = 70;
export const SATURATED_AT = 95;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

export function budgetComponent(remaining: number | null): HealthComponent {
  const weight = HEALTH_WEIGHTS.budget;
  if (remaining === null)
    return { id: 'budget', label: 'Error budget', penalty: 0, weight, detail: 'no traffic in the window' };
  return {
    id: 'budget',
    label: 'Error budget',
    // Linear in the budget spent: a full budget costs nothing, an exhausted (or overspent) one costs the weight.
    penalty: round1(weight * clamp01(1 - remaining)),
    weight,
    detail: `${Math.round(remaining * 1000) / 10}% of the error budget remains`,
  };
}

export function burnAlertComponent(pages: number, tickets: number): HealthComponent {
  const weight = HEALTH_WEIGHTS.burn_alerts;
  const penalty = pages > 0 ? weight : tickets > 0 ? Math.round(weight / 2) : 0;
  const detail =
    pages + tickets === 0
      ? 'no burn-rate alert firing'
      : `${pages} page and ${tickets} ticket burn-rate alert(s) firing`;
  return { id: 'burn_alerts', label: 'Burn-rate alerts', penalty, weight, detail };
}

export function incidentComponent(critical: number, other: number): HealthComponent {
  const weight = HEALTH_WEIGHTS.incidents;
  // A critical incident means users fail now: the whole weight. Lesser ones cost 10 each, at most 20 together.
  const penalty = critical > 0 ? weight : Math.min(20, 10 * other);
  const detail =
    critical + other === 0 ? 'no open incident' : `${critical} critical and ${other} other open incident(s)`;
  return { id: 'incidents', label: 'Open incidents', penalty, weight, detail };
}

export function saturationComponent(percent: number | undefined): HealthComponent {
  const weight = HEALTH_WEIGHTS.saturation;
  if (percent === undefined)
    return { id: 'saturation', label: 'Saturation', penalty: 0, weight, detail: 'not measured' };
  const share = clamp01((percent - SATURATION_FREE_UP_TO) / (SATURATED_AT - SATURATION_FREE_UP_TO));
  return {
    id: 'saturation',
    label: 'Saturation',
    penalty: round1(weight * share),
    weight,
    detail: `busiest resource at ${Math.round(percent)}%`,
  };
}

export function deployComponent(failed: number): HealthComponent {
  const weight = HEALTH_WEIGHTS.deploys;
  return {
    id: 'deploys',
    label: 'Failed deploys (24h)',
    penalty: Math.min(weight, 5 * failed),
    weight,
    detail: failed === 0 ? 'no failed deploy in 24 h' : `${failed} failed or rolled-back deploy(s) in 24 h`,
  };
}

/** 100 minus every component's penalty, never below 0. */
export function healthScore(inputs: HealthInputs): HealthScore {
  const components = [
    budgetComponent(inputs.worstBudgetRemaining),
    burnAlertComponent(inputs.firingPages, inputs.firingTickets),
    incidentComponent(inputs.openCriticalIncidents, inputs.openOtherIncidents),
    saturationComponent(inputs.saturationPercent),
    deployComponent(inputs.failedDeploys),
  ];
  const lost = components.reduce((sum, c) => sum + c.penalty, 0);
  return { score: Math.max(0, Math.round(100 - lost)), components };
}

const TIER_WEIGHT: Record<1 | 2 | 3, number> = { 1: 3, 2: 2, 3: 1 };

/** The fleet's score: tier 1 services count three times, tier 2 twice, tier 3 once. null for an empty fleet. */
export function fleetHealthScore(services: ReadonlyArray<{ tier: 1 | 2 | 3; healthScore: number }>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const service of services) {
    weighted += TIER_WEIGHT[service.tier] * service.healthScore;
    weights += TIER_WEIGHT[service.tier];
  }
  return weights === 0 ? null : Math.round(weighted / weights);
}
