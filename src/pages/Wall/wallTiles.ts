import { type BurnAlertSeverity, type BurnWindow, type ServiceSlo, type SloResponse } from '@opsdeck/contract';
import { type FleetRow } from '@/pages/Overview/fleetHealth';

/** A firing burn-rate alert of one objective, as the Wall spells it out. */
export interface BurningBudget {
  objective: string;
  severity: BurnAlertSeverity;
  /** The burn rate over the alert's long window, the figure that crossed the threshold. */
  burnRate: number | null;
  longWindow: BurnWindow;
}

/** One service on the Wall: fleet_health's status and incidents joined with /api/slo's figures. */
export interface WallTile {
  service: string;
  team: string;
  status: FleetRow['status'];
  /** 0–100; null while /api/slo has not answered for the service. */
  healthScore: number | null;
  /** The lowest remaining error budget over the service's objectives (a ratio, negative once missed). */
  budgetRemaining: number | null;
  openIncidents: number | null;
  burning: BurningBudget[];
}

export interface FleetCounts {
  services: number;
  down: number;
  degraded: number;
  ok: number;
  burning: number;
  openIncidents: number;
}

function burningOf(slo: ServiceSlo | undefined): BurningBudget[] {
  const burning: BurningBudget[] = [];
  for (const objective of slo?.objectives ?? []) {
    const firing = objective.alerts.filter((a) => a.firing);
    // One line per objective: the page outranks the ticket that necessarily fires with it.
    const worst = firing.find((a) => a.severity === 'page') ?? firing[0];
    if (worst) {
      burning.push({
        objective: objective.id,
        severity: worst.severity,
        burnRate: worst.longBurnRate ?? objective.burnRates[worst.longWindow],
        longWindow: worst.longWindow,
      });
    }
  }
  return burning;
}

function lowestBudget(slo: ServiceSlo | undefined): number | null {
  const remaining = (slo?.objectives ?? []).map((o) => o.errorBudget.remaining).filter((r): r is number => r !== null);
  return remaining.length > 0 ? Math.min(...remaining) : null;
}

/**
 * The catalog's services as fleet_health lists them, with the SLO figures where /api/slo has them. A service only
 * /api/slo knows (fleet_health not answered yet) still gets a tile, status unknown.
 */
export function joinTiles(rows: readonly FleetRow[], slo: SloResponse | undefined): WallTile[] {
  const byService = new Map((slo?.services ?? []).map((s) => [s.service, s]));
  const tiles: WallTile[] = rows.map((row) => {
    const figures = byService.get(row.service);
    byService.delete(row.service);
    return {
      service: row.service,
      team: row.team || figures?.team || '',
      status: row.status,
      healthScore: figures?.healthScore ?? null,
      budgetRemaining: lowestBudget(figures),
      openIncidents: row.open_incidents ?? figures?.openIncidents ?? null,
      burning: burningOf(figures),
    };
  });
  for (const figures of byService.values()) {
    tiles.push({
      service: figures.service,
      team: figures.team,
      status: 'unknown',
      healthScore: figures.healthScore,
      budgetRemaining: lowestBudget(figures),
      openIncidents: figures.openIncidents,
      burning: burningOf(figures),
    });
  }
  return tiles;
}

/** 0 = paging trouble, 1 = trouble, 2 = not known, 3 = fine. */
function troubleRank(tile: WallTile): number {
  if (tile.status === 'down' || tile.burning.some((b) => b.severity === 'page')) {
    return 0;
  }
  if (tile.status === 'degraded' || tile.burning.length > 0 || (tile.openIncidents ?? 0) > 0) {
    return 1;
  }
  return tile.status === 'unknown' ? 2 : 3;
}

/**
 * Burning budgets and open incidents first: paging trouble, then any trouble, then unknown, then fine; within a
 * rank more incidents, then more burning objectives, then less budget left, then by name so the order is stable.
 */
export function orderTiles(tiles: readonly WallTile[]): WallTile[] {
  const budget = (t: WallTile) => t.budgetRemaining ?? Number.POSITIVE_INFINITY;
  return [...tiles].sort(
    (a, b) =>
      troubleRank(a) - troubleRank(b) ||
      (b.openIncidents ?? 0) - (a.openIncidents ?? 0) ||
      b.burning.length - a.burning.length ||
      budget(a) - budget(b) ||
      a.service.localeCompare(b.service)
  );
}

export function countFleet(tiles: readonly WallTile[]): FleetCounts {
  return {
    services: tiles.length,
    down: tiles.filter((t) => t.status === 'down').length,
    degraded: tiles.filter((t) => t.status === 'degraded').length,
    ok: tiles.filter((t) => t.status === 'ok').length,
    burning: tiles.filter((t) => t.burning.length > 0).length,
    openIncidents: tiles.reduce((sum, t) => sum + (t.openIncidents ?? 0), 0),
  };
}

/** Teams in rotation order (alphabetical, as the Overview groups them). */
export function teamsOf(tiles: readonly WallTile[]): string[] {
  return [...new Set(tiles.map((t) => t.team))].sort((a, b) => a.localeCompare(b));
}
