/**
 * The SRE KPIs as Prometheus gauges on /metrics, for any stack to scrape, alert on and keep. Computed on a schedule
 * (a scrape reads the last figures, it never starts a computation), labelled by catalog services and teams only so
 * the series stay bounded whatever the alerts and incidents carry.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Kysely } from 'kysely';
import { BURN_WINDOWS, OPEN_INCIDENT_STATUSES, type AlertFatigueResponse, type SloResponse } from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import type { ReliabilityReader } from './reliabilityReader';
import type { Database } from '../store/schema';
import { incidentFigures, type Distribution } from './incidentFigures';
import type { FatigueReader } from './fatigueRoute';
import type { CostEfficiencyReader } from './costEfficiencyRoute';
import { everyRun, type JobRunner } from '../cluster/jobRunner';

export const KPI_INTERVAL_MS = 60_000;
/** The incident figures cover this much history. */
const FIGURES_RANGE_MS = 30 * 86_400_000;
const FATIGUE_RANGE_MS = 28 * 86_400_000;
const FATIGUE_EVERY_MS = 10 * 60_000;

export interface KpiExporterDeps {
  registry: Registry;
  catalog: Catalog;
  db: Kysely<Database>;
  slo: { evaluate(): Promise<SloResponse> };
  fatigue: Pick<FatigueReader, 'report'>;
  costEfficiency: Pick<CostEfficiencyReader, 'report'>;
  reliability: Pick<ReliabilityReader, 'incidents'>;
  clock: () => number;
  onError: (error: unknown) => void;
}

export class KpiExporter {
  private readonly gauges;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastFatigue: { at: number; report: Promise<AlertFatigueResponse> } | undefined;

  constructor(private readonly deps: KpiExporterDeps) {
    const gauge = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Gauge<L>({ name, help, labelNames, registers: [deps.registry] });
    const durations = (what: string) =>
      gauge(
        `opsdeck_incident_${what}_seconds`,
        `${what.toUpperCase()} over the last 30 days per catalog service (source times): mean, median and p90`,
        // Not "quantile": promtool reserves it for summaries, and these are computed figures, not a summary.
        ['service', 'statistic']
      );
    this.gauges = {
      budget: gauge(
        'opsdeck_slo_error_budget_remaining_ratio',
        'Share of the error budget left in the objective window (negative once missed)',
        ['service', 'slo']
      ),
      burn: gauge('opsdeck_slo_burn_rate', 'Error rate over the window divided by the allowed rate', [
        'service',
        'slo',
        'window',
      ]),
      attainment: gauge('opsdeck_slo_attainment_ratio', 'Good over total events in the objective window', [
        'service',
        'slo',
      ]),
      health: gauge('opsdeck_health_score', 'Health score 0-100 per catalog service (docs/health-score.md)', [
        'service',
      ]),
      fleetHealth: gauge('opsdeck_fleet_health_score', 'Tier-weighted mean of the services health scores', []),
      mtta: durations('mtta'),
      mttr: durations('mttr'),
      mtbf: durations('mtbf'),
      incidentsCounted: gauge(
        'opsdeck_incidents_counted',
        'Incidents of the last 30 days per catalog service behind the MTTA and MTTR figures',
        ['service']
      ),
      openIncidents: gauge('opsdeck_open_incidents', 'Incidents triggered or acknowledged now', [
        'service',
        'severity',
      ]),
      fatigue: gauge(
        'opsdeck_alert_fatigue_score',
        'Alert fatigue score 0-100 per team over the last 28 days (docs/alert-fatigue.md)',
        ['team']
      ),
      costPer1k: gauge(
        'opsdeck_cost_per_1k_requests_usd',
        'USD per 1,000 requests over the availability objective window (docs/cost-efficiency.md)',
        ['service']
      ),
      costPer1kGood: gauge(
        'opsdeck_cost_per_1k_good_requests_usd',
        'USD per 1,000 good requests over the availability objective window',
        ['service']
      ),
      refreshed: gauge('opsdeck_kpi_last_refresh_timestamp_seconds', 'When these KPIs were last computed', []),
    };
  }

  /**
   * Computes now and every `intervalMs` on the replica leading the kpis job; the others' /metrics keep what they last
   * computed, with opsdeck_kpi_last_refresh_timestamp_seconds saying when (docs/HA.md).
   */
  start(intervalMs = KPI_INTERVAL_MS, jobs: JobRunner = everyRun): void {
    const scheduled = () => void jobs.run('kpis', intervalMs, () => this.refresh()).catch(this.deps.onError);
    scheduled();
    this.timer = setInterval(scheduled, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One computation; calls while one runs share it. Failures keep the last figures and are reported. */
  refresh(): Promise<void> {
    this.running ??= this.compute()
      .catch((error: unknown) => this.deps.onError(error))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async compute(): Promise<void> {
    const now = this.deps.clock();
    const services = new Set(this.deps.catalog.services.map((s) => s.name));
    const [slo, history, open] = await Promise.all([
      this.deps.slo.evaluate(),
      this.deps.reliability.incidents({ from: now - FIGURES_RANGE_MS, to: now }),
      this.deps.db
        .selectFrom('incidents')
        .select(['service', 'severity', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('status', 'in', [...OPEN_INCIDENT_STATUSES])
        .groupBy(['service', 'severity'])
        .execute(),
    ]);
    const fatigue = await this.fatigueReport(now);
    const efficiency = await this.deps.costEfficiency.report();

    const g = this.gauges;
    for (const gauge of Object.values(g)) gauge.reset();
    for (const service of slo.services) {
      g.health.set({ service: service.service }, service.healthScore);
      for (const objective of service.objectives) {
        const labels = { service: service.service, slo: objective.id };
        if (objective.errorBudget.remaining !== null) g.budget.set(labels, objective.errorBudget.remaining);
        if (objective.attainment !== null) g.attainment.set(labels, objective.attainment);
        for (const window of BURN_WINDOWS) {
          const rate = objective.burnRates[window];
          if (rate !== null) g.burn.set({ ...labels, window }, rate);
        }
      }
    }
    if (slo.fleetHealthScore !== null) g.fleetHealth.set(slo.fleetHealthScore);
    for (const service of services) {
      const figures = incidentFigures(history.filter((i) => i.service === service));
      setQuantiles(g.mtta, service, figures.mtta);
      setQuantiles(g.mttr, service, figures.mttr);
      setQuantiles(g.mtbf, service, figures.mtbf);
      g.incidentsCounted.set({ service }, history.filter((i) => i.service === service).length);
    }
    for (const row of open) {
      if (row.service !== null && services.has(row.service)) {
        g.openIncidents.set({ service: row.service, severity: row.severity }, Number(row.n));
      }
    }
    const teams = new Set(this.deps.catalog.teams);
    for (const team of fatigue.teams) {
      if (teams.has(team.team)) g.fatigue.set({ team: team.team }, team.figures.score.score);
    }
    for (const row of efficiency.services) {
      if (!services.has(row.service)) continue;
      if (row.costPer1kRequests !== null) g.costPer1k.set({ service: row.service }, row.costPer1kRequests);
      if (row.costPer1kGoodRequests !== null) g.costPer1kGood.set({ service: row.service }, row.costPer1kGoodRequests);
    }
    g.refreshed.set(now / 1000);
  }

  /** Fatigue reads a month of alert changes: recomputed every FATIGUE_EVERY_MS, not every round. */
  private fatigueReport(now: number) {
    if (!this.lastFatigue || now - this.lastFatigue.at >= FATIGUE_EVERY_MS) {
      this.lastFatigue = {
        at: now,
        report: this.deps.fatigue.report({ from: now - FATIGUE_RANGE_MS, to: now }),
      };
      // A failed read is retried next round rather than kept.
      this.lastFatigue.report.catch(() => (this.lastFatigue = undefined));
    }
    return this.lastFatigue.report;
  }
}

function setQuantiles(gauge: Gauge<'service' | 'statistic'>, service: string, figure: Distribution | undefined): void {
  if (!figure) return;
  gauge.set({ service, statistic: 'mean' }, figure.mean / 1000);
  gauge.set({ service, statistic: 'median' }, figure.median / 1000);
  gauge.set({ service, statistic: 'p90' }, figure.p90 / 1000);
}
