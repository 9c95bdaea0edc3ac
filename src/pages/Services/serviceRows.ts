import {
  type Deployment,
  type HealthScore,
  type OnCallResponse,
  type ServiceSlo,
  type ServiceStatus,
  type SloObjectiveFigures,
} from '@opsdeck/contract';
import { fastestBurn, onCallFor, worstObjective } from './sloFigures';

/** One line of the Services page: everything an SRE scans for, joined per catalog service. */
export interface ServiceRow {
  service: string;
  team: string;
  tier: 1 | 2 | 3;
  status: ServiceStatus;
  health: HealthScore;
  /** The objective with the least budget left, and that budget (ratio, may be negative; null without traffic). */
  worst?: SloObjectiveFigures;
  budgetRemaining: number | null;
  burnRate1h: { id: string; rate: number } | undefined;
  openIncidents: number;
  openAlerts: number;
  onCall: string[];
  lastDeploy?: Deployment;
  /** null: no cost figure maps to this service (untagged, or no cost source). */
  costMonthToDate: number | null;
}

export interface RowInputs {
  services: readonly ServiceSlo[];
  onCall?: OnCallResponse;
  /** Newest first, as GET /api/deployments answers. */
  deployments: readonly Deployment[];
  /** Month-to-date spend per catalog service. */
  cost: ReadonlyMap<string, number>;
}

export function buildServiceRows({ services, onCall, deployments, cost }: RowInputs): ServiceRow[] {
  const lastDeploys = new Map<string, Deployment>();
  for (const deployment of deployments) {
    if (!lastDeploys.has(deployment.service)) {
      lastDeploys.set(deployment.service, deployment);
    }
  }
  return services.map((s) => {
    const worst = worstObjective(s.objectives);
    return {
      service: s.service,
      team: s.team,
      tier: s.tier,
      status: s.status,
      health: s.health,
      worst,
      budgetRemaining: worst?.errorBudget.remaining ?? null,
      burnRate1h: fastestBurn(s.objectives),
      openIncidents: s.openIncidents,
      openAlerts: s.openAlerts,
      onCall: onCallFor(onCall, s.service, s.team).map((shift) => shift.person.name),
      lastDeploy: lastDeploys.get(s.service),
      costMonthToDate: cost.get(s.service) ?? null,
    };
  });
}

export const SORT_KEYS = ['budget', 'health', 'burn', 'incidents', 'cost', 'service'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'worst' | 'best';

const STATUS_RANK: Record<ServiceStatus, number> = { down: 0, degraded: 1, ok: 2 };

/**
 * Each key's "worst" end: least budget, lowest score, fastest burn, most incidents, highest cost; names run A→Z.
 * A row without the figure (no traffic, no cost) goes last either way: it cannot be ranked.
 */
const WORST_FIRST: Record<SortKey, (row: ServiceRow) => number | string | null> = {
  budget: (r) => r.budgetRemaining,
  health: (r) => r.health.score,
  burn: (r) => (r.burnRate1h ? -r.burnRate1h.rate : null),
  incidents: (r) => -(r.openIncidents * 1000 + r.openAlerts),
  cost: (r) => (r.costMonthToDate === null ? null : -r.costMonthToDate),
  service: (r) => r.service,
};

export function sortRows(rows: readonly ServiceRow[], key: SortKey, order: SortOrder = 'worst'): ServiceRow[] {
  const value = WORST_FIRST[key];
  const sign = order === 'worst' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      return va === vb ? tieBreak(a, b) : va === null ? 1 : -1;
    }
    const diff = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return diff !== 0 ? sign * diff : tieBreak(a, b);
  });
}

/** Equal figures: the worse status first, then by name, so the order never flickers between refreshes. */
function tieBreak(a: ServiceRow, b: ServiceRow): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.service.localeCompare(b.service);
}

export interface RowFilters {
  team: string;
  /** '' or '1'…'3'. */
  tier: string;
}

export function filterRows(rows: readonly ServiceRow[], { team, tier }: RowFilters): ServiceRow[] {
  return rows.filter((r) => (!team || r.team === team) && (!tier || String(r.tier) === tier));
}
