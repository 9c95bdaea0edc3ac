/**
 * Joins the SLO math with the sources and the stores: per catalog service, each objective's counts (fetched in
 * tiers, see countTiers.ts), figures, burn-rate alerts, status and health score. One answer is shared for a few
 * seconds: the Overview, Services page, Wall and burn-rate evaluation all ask every 10 s.
 */
import {
  OPEN_INCIDENT_STATUSES,
  type CatalogService,
  type ServiceSlo,
  type SloObjective,
  type SloObjectiveFigures,
  type SloResponse,
} from '@opsdeck/contract';
import { type AlertStore } from '../alerts/alertStore';
import { type Catalog } from '../catalog';
import { type DeploymentStore } from '../deployments/store/deploymentStore';
import { type SliCounts, type Source } from '../sources';
import { type CountBucket, DAY_MS } from './counts';
import { countTiers } from './countTiers';
import { fleetHealthScore, healthScore } from './healthScore';
import { objectiveFigures } from './objectiveFigures';
import { deriveServiceStatus } from './serviceStatus';

export interface SloEvaluatorDeps {
  catalog: Catalog;
  sources: () => readonly Source[];
  alerts?: AlertStore;
  deployments?: DeploymentStore;
  clock: () => number;
  /** How long one evaluation is reused; 5 s by default (half the pages' refresh). */
  reuseMs?: number;
}

export interface SloSelection {
  service?: string;
  team?: string;
}

/** Figures of one objective together with the buckets behind them, for the time-series query types. */
export interface ObjectiveCounts {
  objective: SloObjective;
  buckets: CountBucket[];
  describe: string;
  notices: string[];
  demo: boolean;
}

const NO_SOURCE = 'no configured source measures this SLI';

interface MeasuredFleet {
  at: number;
  objectives: Map<string, SloObjectiveFigures[]>;
  notices: string[];
}

export class SloEvaluator {
  /** The counts-based part, shared for `reuseMs`; incidents, alerts and status are read fresh on every call. */
  private latest?: { at: number; measured: Promise<MeasuredFleet> };

  constructor(private readonly deps: SloEvaluatorDeps) {}

  /**
   * Every selected service's figures as of now. Objective figures are reused for `reuseMs`; the alert store is read
   * on every call, so a paged incident shows in status and health within the request after its webhook.
   */
  async evaluate(selection: SloSelection = {}): Promise<SloResponse> {
    const now = this.deps.clock();
    if (!this.latest || now - this.latest.at >= (this.deps.reuseMs ?? 5_000) || now < this.latest.at) {
      const measured = this.measure(now);
      this.latest = { at: now, measured };
      measured.catch(() => {
        if (this.latest?.measured === measured) this.latest = undefined;
      });
    }
    const services = this.deps.catalog.services.filter(
      (s) => (!selection.service || s.name === selection.service) && (!selection.team || s.team === selection.team)
    );
    return this.assemble(services, await this.latest.measured, now);
  }

  /** The buckets of one objective over [from, to) at `bucketMs`, from the first source that measures its SLI. */
  async counts(
    service: CatalogService,
    objective: SloObjective,
    from: number,
    to: number,
    bucketMs: number
  ): Promise<ObjectiveCounts> {
    const answer = await this.firstCounts(service, objective, { from, to }, bucketMs);
    return {
      objective,
      buckets: answer?.counts.buckets ?? [],
      describe: answer?.counts.describe ?? NO_SOURCE,
      notices: answer?.counts.meta?.notices ?? [],
      demo: answer?.source.demo ?? false,
    };
  }

  private async measure(now: number): Promise<MeasuredFleet> {
    const notices: string[] = [];
    const objectives = new Map<string, SloObjectiveFigures[]>();
    for (const service of this.deps.catalog.services) {
      objectives.set(
        service.name,
        await Promise.all(service.objectives.map((objective) => this.objective(service, objective, now, notices)))
      );
    }
    return { at: now, objectives, notices: [...new Set(notices)] };
  }

  private async assemble(
    services: readonly CatalogService[],
    measured: MeasuredFleet,
    now: number
  ): Promise<SloResponse> {
    const names = services.map((s) => s.name);
    if (names.length === 0) {
      return {
        at: now,
        demo: this.deps.sources().every((s) => s.demo),
        services: [],
        fleetHealthScore: null,
        notices: measured.notices,
      };
    }
    const [incidents, alertCounts, failedDeploys] = await Promise.all([
      this.deps.alerts?.listIncidents({ services: names, statuses: [...OPEN_INCIDENT_STATUSES] }) ?? [],
      this.deps.alerts?.stats.openAlertCounts({ services: names }) ?? [],
      this.deps.deployments?.listDeployments({
        services: names,
        statuses: ['failed', 'rolled_back'],
        from: now - DAY_MS,
        to: now,
      }) ?? [],
    ]);
    const results: ServiceSlo[] = [];
    for (const service of services) {
      const objectives = measured.objectives.get(service.name) ?? [];
      const mine = incidents.filter((i) => i.service === service.name);
      const critical = mine.filter((i) => i.severity === 'critical').length;
      const openAlerts = alertCounts.filter((c) => c.service === service.name).reduce((n, c) => n + c.count, 0);
      const firing = objectives.flatMap((o) => o.alerts.filter((a) => a.firing));
      const remaining = objectives.map((o) => o.errorBudget.remaining).filter((r): r is number => r !== null);
      const snapshot = await this.snapshot(service, now);
      const status = deriveServiceStatus(
        service,
        {
          ...(snapshot ?? { at: now }),
          openIncidents: mine.map((i) => ({
            id: i.id,
            severity: i.severity === 'critical' ? 'down' : 'degraded',
            startedAt: i.createdAt,
          })),
        },
        { firingBurnAlerts: firing.length, openAlerts, budgetExhausted: remaining.some((r) => r <= 0) }
      );
      const health = healthScore({
        worstBudgetRemaining: remaining.length > 0 ? Math.min(...remaining) : null,
        firingPages: firing.filter((a) => a.severity === 'page').length,
        firingTickets: firing.filter((a) => a.severity === 'ticket').length,
        openCriticalIncidents: critical,
        openOtherIncidents: mine.length - critical,
        saturationPercent: snapshot?.cpuUtilization,
        failedDeploys: failedDeploys.filter((d) => d.service === service.name).length,
      });
      results.push({
        service: service.name,
        team: service.team,
        tier: service.tier,
        status,
        healthScore: health.score,
        health,
        objectives,
        openIncidents: mine.length,
        openAlerts,
      });
    }
    return {
      at: now,
      demo: this.deps.sources().every((s) => s.demo),
      services: results,
      fleetHealthScore: fleetHealthScore(results),
      notices: measured.notices,
    };
  }

  private async objective(
    service: CatalogService,
    objective: SloObjective,
    now: number,
    notices: string[]
  ): Promise<SloObjectiveFigures> {
    const buckets: CountBucket[] = [];
    let describe = NO_SOURCE;
    try {
      for (const tier of countTiers(now, objective.windowDays)) {
        const answer = await this.firstCounts(service, objective, tier, tier.bucketMs);
        if (!answer) break;
        describe = answer.counts.describe;
        buckets.push(...answer.counts.buckets);
        const stale = answer.counts.meta?.stale;
        if (stale)
          notices.push(
            `${service.name}/${objective.id}: ${stale.reason} (figures from ${new Date(stale.since).toISOString()})`
          );
      }
    } catch (error) {
      notices.push(`${service.name}/${objective.id}: ${(error as Error).message}`);
      buckets.length = 0;
    }
    const figures = objectiveFigures(objective, buckets, Math.floor(now / 60_000) * 60_000);
    const exhaustsAt = figures.exhaustsAt['6h'] ?? figures.exhaustsAt['1h'];
    let good = 0;
    let total = 0;
    const from = Math.floor(now / 60_000) * 60_000 - objective.windowDays * DAY_MS;
    for (const b of buckets) {
      if (b.start >= from) {
        good += b.good;
        total += b.total;
      }
    }
    return {
      ...objective,
      attainment: figures.attainment,
      errorBudget: figures.errorBudget,
      burnRates: figures.burnRates,
      alerts: figures.alerts,
      exhaustsAt,
      exhaustsAtByRate: figures.exhaustsAt,
      sliSource: describe,
      good,
      total,
    };
  }

  private async firstCounts(
    service: CatalogService,
    objective: SloObjective,
    range: { from: number; to: number },
    bucketMs: number
  ): Promise<{ counts: SliCounts; source: Source } | undefined> {
    for (const source of this.deps.sources()) {
      const counts = await source.sliCounts?.(service, objective, range, bucketMs);
      if (counts) return { counts, source };
    }
    return undefined;
  }

  private async snapshot(service: CatalogService, at: number) {
    for (const source of this.deps.sources()) {
      const snapshot = await source.serviceSnapshot(service, at).catch(() => null);
      if (snapshot) return snapshot;
    }
    return undefined;
  }
}
