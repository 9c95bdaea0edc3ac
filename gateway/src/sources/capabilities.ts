/**
 * Optional abilities a Source may have beyond the core interface (issue 3). The query handlers ask every active
 * source that has the ability; a source without it is skipped. The demo fleet implements all of them so every
 * dashboard works without credentials; the AWS source implements them from CloudWatch, Cost Explorer & co.
 */
import type {
  CatalogService,
  InfraMetric,
  InfraResource,
  OpsdeckFrameMeta,
  SloObjective,
  SourceHealth,
  TimeRangeMs,
} from '@opsdeck/contract';
import type { UpstreamAccounting, UpstreamCounters } from '../upstream/accounting';
import type {
  CostAnomalies,
  CostBreakdown,
  CostForecast,
  CostGrouping,
  DailyCost,
  MonthToDate,
} from './costexplorer/types';
import type { DayRange } from './costexplorer/dates';

export type StaleMeta = NonNullable<OpsdeckFrameMeta['stale']>;

/** Why an answer may not be the whole truth: served stale after an upstream failure, or a known gap. */
export interface AnswerMeta {
  stale?: StaleMeta;
  /** Sentences for the panel, e.g. "CloudWatch agent not installed". */
  notices?: string[];
  /** Sentences that explain rather than warn, e.g. where a number comes from. */
  info?: string[];
}

export type WithMeta<T> = Omit<T, 'meta'> & { meta: AnswerMeta };

/** Several value columns on one time grid, e.g. desired / in-service / min / max, or connections / pool size. */
export interface InfraSeries {
  times: number[];
  columns: Array<{ name: string; values: Array<number | null> }>;
  /** Where the numbers come from, in the words users see. */
  describe: string;
  meta: AnswerMeta;
}

export interface InfrastructureCapability {
  /** null when the service has no such resource in this source. */
  infrastructure(
    service: CatalogService,
    resource: InfraResource,
    metric: InfraMetric,
    range: TimeRangeMs,
    stepMs: number
  ): Promise<InfraSeries | null>;
}

export interface CostCapability {
  costByGroup(range: DayRange, grouping: CostGrouping, topN: number): Promise<WithMeta<CostBreakdown>>;
  dailyTrend(range: DayRange, grouping: CostGrouping): Promise<WithMeta<DailyCost>>;
  monthToDate(grouping: CostGrouping, nowMs: number): Promise<WithMeta<MonthToDate>>;
  forecast(grouping: CostGrouping, nowMs: number): Promise<WithMeta<CostForecast>>;
  anomalies(range: DayRange, nowMs: number): Promise<WithMeta<CostAnomalies>>;
}

export interface RawMetricRequest {
  /** Defaults to the source's first account / its first region. */
  account?: string;
  region?: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  /** Floor on the period, seconds. */
  periodS?: number;
}

export interface RawMetricSeries {
  times: number[];
  values: Array<number | null>;
  periodS: number;
  meta: AnswerMeta;
}

/** Opsdeck's own upstream traffic for one upstream (cloudwatch, costexplorer, autoscaling, logs). */
export interface UpstreamSpendRow extends Pick<
  UpstreamCounters,
  'calls' | 'metricsRequested' | 'pages' | 'estimatedUsd'
> {
  source: string;
  /** estimatedUsd projected to a day from the time counted so far. */
  usdPerDay: number;
}

/** Good and total events per bucket for one objective's SLI, and which upstream metrics they came from. */
export interface SliCounts {
  /** Sorted by start; the same shape as the SLO math's CountBucket (adapters do not import the domain). */
  buckets: Array<{ start: number; good: number; total: number }>;
  /** e.g. "ALB RequestCount − HTTPCode_Target_5XX_Count, RequestCount (Sum)"; shown in frames and /api/slo. */
  describe: string;
  meta?: AnswerMeta;
}

export interface SliCapability {
  /**
   * Counts for `objective`'s SLI in `bucketMs`-sized buckets starting on bucket boundaries in [range.from, range.to);
   * null when the source cannot measure this SLI for the service.
   */
  sliCounts(
    service: CatalogService,
    objective: SloObjective,
    range: TimeRangeMs,
    bucketMs: number
  ): Promise<SliCounts | null>;
}

export interface SourceCapabilities {
  sliCounts?: SliCapability['sliCounts'];
  infrastructure?: InfrastructureCapability['infrastructure'];
  cost?: CostCapability;
  rawMetric?(request: RawMetricRequest, range: TimeRangeMs, stepMs: number): Promise<RawMetricSeries>;
  upstreamSpend?(nowMs: number): Promise<UpstreamSpendRow[]>;
  /** Real upstream counters, exported on /metrics. Absent for the demo fleet. */
  readonly accounting?: UpstreamAccounting;
  /** Health per account/region (or similar), replacing the single `health()` entry on /api/health. */
  healthDetails?(): Promise<SourceHealth[]>;
  /** Releases clients and timers when the gateway stops. */
  close?(): Promise<void>;
}
