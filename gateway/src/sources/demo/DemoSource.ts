import {
  type CatalogService,
  type EventKind,
  type InfraMetric,
  type InfraResource,
  type ServiceMetric,
  type SourceHealth,
  type TimelineEvent,
  type TimeRangeMs,
} from '@opsdeck/contract';
import { alignedTimes } from '../../time/steps';
import { type MetricSeries, type ServiceSnapshot, type Source } from '../types';
import { type SliCounts } from '../capabilities';
import { type InfraSeries, type RawMetricRequest, type RawMetricSeries, type UpstreamSpendRow } from '../capabilities';
import { burnRoles, type BurnRole } from './budgetBurn';
import { DemoCost } from './cost';
import { demoInfrastructure } from './infrastructure';
import { demoRawMetric } from './rawMetric';
import { demoUpstreamSpend } from './upstreamSpend';
import { DEPLOY_BUCKET_MS, lastDeployBefore } from './deploys';
import { DeploySchedule } from './deploySchedule';
import { type DemoIncident } from './incidents';
import { FleetIncidentSchedule } from './incidentSchedule';
import { serviceProfile } from './profile';
import { metricApplies, sampleMetric, type ServiceTimeline } from './sample';
import { DEMO_SLI_DESCRIPTION, demoBucketCounts } from './sliCounts';
import { deployEvent, incidentEvent } from './timeline';
import { type SloObjective } from '@opsdeck/contract';

const MINUTE_MS = 60_000;
const AVAILABILITY_WINDOW_MS = 24 * 3_600_000;
const AVAILABILITY_STEP_MS = 5 * MINUTE_MS;
/** About 50 services × 2 objectives × 1,800 buckets, the tiers of a 30-day window (slo/countTiers.ts). */
const SLI_MEMO_LIMIT = 200_000;

/**
 * The embedded demo fleet: believable, deterministic figures for every catalog service. The same incident schedule
 * drives the metrics, the fleet status and the timeline, so a spike on a graph lines up with its annotation.
 */
export class DemoSource implements Source {
  readonly id = 'demo';
  readonly kind = 'demo';
  readonly demo = true;
  readonly cost: DemoCost;
  private readonly serviceNames: string[];
  private readonly services: readonly CatalogService[];
  private readonly incidents: FleetIncidentSchedule;
  private readonly deploys: DeploySchedule;
  private readonly burners: Map<string, BurnRole>;
  /**
   * SLI buckets already integrated, per series (service, objective, bucket size) and bucket start: the fleet is a
   * pure function of time, so a bucket never changes. Keyed twice so the hot path builds no string per bucket.
   */
  private readonly sliMemo = new Map<string, Map<number, { good: number; total: number }>>();
  private sliMemoSize = 0;
  /** Start of the simulated upstream-spend counting. */
  private readonly startedAt = Date.now();

  constructor(
    private readonly seed: number,
    services: readonly CatalogService[]
  ) {
    this.services = services;
    this.serviceNames = services.map((s) => s.name);
    this.incidents = new FleetIncidentSchedule(seed, this.serviceNames);
    this.deploys = new DeploySchedule(seed);
    this.cost = new DemoCost(seed, services);
    this.burners = burnRoles(seed, this.serviceNames);
  }

  /** Which service burns its budget fast (pages) and which slowly (ticket), for tests and docs. */
  burnRoleOf(service: string): BurnRole | undefined {
    return this.burners.get(service);
  }

  async sliCounts(
    service: CatalogService,
    objective: SloObjective,
    range: TimeRangeMs,
    bucketMs: number
  ): Promise<SliCounts> {
    const first = Math.ceil(range.from / bucketMs) * bucketMs;
    const buckets: SliCounts['buckets'] = [];
    const seriesKey = `${service.name}|${objective.id}|${JSON.stringify(objective.sli)}|${bucketMs}`;
    let memo = this.sliMemo.get(seriesKey);
    if (!memo) {
      memo = new Map();
      this.sliMemo.set(seriesKey, memo);
    }
    let timeline: ServiceTimeline | undefined;
    for (let start = first; start < range.to; start += bucketMs) {
      let counts = memo.get(start);
      if (!counts) {
        timeline ??= this.timeline(service, range);
        counts = demoBucketCounts(timeline, objective, start, bucketMs);
        if (this.sliMemoSize >= SLI_MEMO_LIMIT) {
          // Full: start again rather than track recency; every bucket can be integrated anew.
          for (const series of this.sliMemo.values()) series.clear();
          this.sliMemoSize = 0;
        }
        memo.set(start, counts);
        this.sliMemoSize++;
      }
      buckets.push({ start, good: counts.good, total: counts.total });
    }
    return { buckets, describe: DEMO_SLI_DESCRIPTION[objective.sli.kind] };
  }

  async infrastructure(
    service: CatalogService,
    resource: InfraResource,
    metric: InfraMetric,
    range: TimeRangeMs,
    stepMs: number
  ): Promise<InfraSeries | null> {
    return demoInfrastructure({
      seed: this.seed,
      service,
      resource,
      metric,
      range,
      stepMs,
      base: (m) => this.serviceMetric(service, m, range, stepMs),
    });
  }

  async rawMetric(request: RawMetricRequest, range: TimeRangeMs, stepMs: number): Promise<RawMetricSeries> {
    return demoRawMetric(this.seed, request, range, stepMs);
  }

  async upstreamSpend(nowMs: number): Promise<UpstreamSpendRow[]> {
    return demoUpstreamSpend(this.services, this.startedAt, nowMs);
  }

  /** The fleet's incidents overlapping `range`; the demo alert ingester (alerts/demoAlertIngester.ts) stores them. */
  incidentsOverlapping(range: TimeRangeMs): DemoIncident[] {
    return this.incidents.overlapping(range);
  }

  async health(): Promise<SourceHealth> {
    return {
      id: this.id,
      kind: this.kind,
      state: 'ok',
      message: `demo fleet of ${this.serviceNames.length} services, seed ${this.seed}`,
    };
  }

  async serviceMetric(
    service: CatalogService,
    metric: ServiceMetric,
    range: TimeRangeMs,
    stepMs: number
  ): Promise<MetricSeries | null> {
    if (!metricApplies(service, metric)) {
      return null;
    }
    const timeline = this.timeline(service, range);
    const times = alignedTimes(range, stepMs);
    return { times, values: times.map((t) => sampleMetric(timeline, metric, t)) };
  }

  async serviceSnapshot(service: CatalogService, at: number): Promise<ServiceSnapshot> {
    // Sampled on the minute so the table agrees with the last point of a one-minute graph.
    const t = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    const timeline = this.timeline(service, { from: t - AVAILABILITY_WINDOW_MS, to: t });
    const sample = (metric: ServiceMetric) => sampleMetric(timeline, metric, t);
    return {
      at: t,
      errorRate: sample('error_rate'),
      latencyP99Ms: sample('latency_p99'),
      requestRate: sample('request_rate'),
      cpuUtilization: sample('cpu_utilization'),
      availability: this.trailingAvailability(timeline, t),
      openIncidents: timeline.incidents
        .filter((incident) => incident.start <= t && t < incident.end)
        .map((incident) => ({ id: incident.id, severity: incident.severity, startedAt: incident.start })),
      lastDeploy: lastDeployBefore(this.seed, service.name, t)?.start,
    };
  }

  async timelineEvents(
    range: TimeRangeMs,
    services: CatalogService[],
    kinds: readonly EventKind[]
  ): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    const wanted = new Set(services.map((s) => s.name));
    if (kinds.includes('incident')) {
      for (const incident of this.incidents.overlapping(range)) {
        const service = services.find((s) => s.name === incident.service);
        if (service && wanted.has(service.name)) {
          events.push(incidentEvent(incident, service));
        }
      }
    }
    if (kinds.includes('deployment')) {
      for (const service of services) {
        events.push(...this.deploys.overlapping(service.name, range).map((deploy) => deployEvent(deploy, service)));
      }
    }
    return events.sort((a, b) => a.time - b.time || a.service.localeCompare(b.service));
  }

  private timeline(service: CatalogService, range: TimeRangeMs): ServiceTimeline {
    return {
      profile: serviceProfile(this.seed, service),
      incidents: this.incidents.ofService(service.name, range),
      // Reach back far enough to find the deploy before the range: memory depends on the time since it.
      deploys: this.deploys.overlapping(service.name, { from: range.from - 2 * DEPLOY_BUCKET_MS, to: range.to }),
      burn: this.burners.get(service.name),
    };
  }

  /** Good requests / all requests over the trailing day, request-weighted so busy hours count more. */
  private trailingAvailability(timeline: ServiceTimeline, t: number): number {
    let requests = 0;
    let failed = 0;
    for (let s = t - AVAILABILITY_WINDOW_MS + AVAILABILITY_STEP_MS; s <= t; s += AVAILABILITY_STEP_MS) {
      const rate = sampleMetric(timeline, 'request_rate', s);
      requests += rate;
      failed += rate * sampleMetric(timeline, 'error_rate', s);
    }
    return requests === 0 ? 1 : 1 - failed / requests;
  }
}
