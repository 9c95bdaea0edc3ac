import {
  type CatalogService,
  type EventKind,
  type ServiceMetric,
  type SourceHealth,
  type TimelineEvent,
  type TimeRangeMs,
} from '@opsdeck/contract';
import { type AnswerMeta, type SourceCapabilities } from './capabilities';

/** A metric as a column pair; `values[i]` is the value at `times[i]` (null where the upstream has no datapoint). */
export interface MetricSeries {
  times: number[];
  values: Array<number | null>;
  /** Stale or partial answers say so here; the query handler turns it into frame notices. */
  meta?: AnswerMeta;
}

/** An incident open at the snapshot time, as far as the source knows it. */
export interface OpenIncident {
  id: string;
  severity: 'degraded' | 'down';
  startedAt: number;
}

/**
 * A service's figures at one instant: what the fleet-health table shows. A field is undefined when the source does
 * not measure it; the gateway then leaves the cell empty rather than inventing a value.
 */
export interface ServiceSnapshot {
  at: number;
  errorRate?: number;
  latencyP99Ms?: number;
  requestRate?: number;
  cpuUtilization?: number;
  /** Request-weighted share of good responses over the trailing 24 h. */
  availability?: number;
  /** Incidents the source itself knows of (the demo fleet's schedule); absent when it knows none. */
  openIncidents?: OpenIncident[];
  lastDeploy?: number;
}

/**
 * What every upstream adapter implements (demo fleet today; CloudWatch, PagerDuty, CodeDeploy… later). Each method
 * answers null or an empty list when the question does not apply to this source, so the gateway can ask every
 * source and combine whatever comes back.
 */
export interface Source extends SourceCapabilities {
  /** Unique per instance, shown in frame metadata (`meta.custom.source`), e.g. `demo`, `cloudwatch-eu-west-1`. */
  readonly id: string;
  /** The adapter type, e.g. `demo`, `cloudwatch`, `pagerduty`. */
  readonly kind: string;
  /** True for made-up data: frames from it carry a "demo data" notice. */
  readonly demo: boolean;
  health(): Promise<SourceHealth>;
  /** Samples at `stepMs`-aligned times in [range.from, range.to]; null when the metric does not apply to the service. */
  serviceMetric(
    service: CatalogService,
    metric: ServiceMetric,
    range: TimeRangeMs,
    stepMs: number
  ): Promise<MetricSeries | null>;
  /** null when this source knows nothing about the service's health. */
  serviceSnapshot(service: CatalogService, at: number): Promise<ServiceSnapshot | null>;
  /** Deploys and incidents overlapping the range, for the given services and kinds. */
  timelineEvents(range: TimeRangeMs, services: CatalogService[], kinds: readonly EventKind[]): Promise<TimelineEvent[]>;
}
