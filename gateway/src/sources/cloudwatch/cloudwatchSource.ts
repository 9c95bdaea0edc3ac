/**
 * The AWS sources behind the gateway's common Source interface, so the query handlers use CloudWatch exactly as
 * they use the demo fleet. Series carry `meta` (period, cache, stale notice) beyond the interface's fields: the
 * handlers copy `meta.stale` into the frame's `meta.custom.stale` so a panel never goes blank without a reason.
 */
import type {
  CatalogService,
  InfraMetric,
  InfraResource,
  ServiceMetric,
  SloObjective,
  SourceHealth,
  TimeRangeMs,
  TimelineEvent,
} from '@opsdeck/contract';
import type {
  CostCapability,
  InfraSeries,
  SliCounts,
  RawMetricRequest,
  RawMetricSeries,
  UpstreamSpendRow,
} from '../capabilities';
import type { UpstreamAccounting } from '../../upstream';
import { fetchInfrastructure } from './infrastructure';
import { fetchSliCounts } from './sliCounts';
import { fetchRawMetric, upstreamSpendRows } from './rawAndSpend';
import type { AwsSources } from '../aws/awsSources';
import type { MetricSeries as SourceMetricSeries, ServiceSnapshot, Source } from '../types';
import { MetricNotApplicableError } from './serviceMetricQuery';
import { planServiceMetric } from './serviceMetrics';
import type { SeriesMeta } from './types';

export interface CloudWatchSourceSeries extends SourceMetricSeries {
  meta: SeriesMeta & { describe: string };
}

const SNAPSHOT_WINDOW_MS = 15 * 60_000;
const AVAILABILITY_WINDOW_MS = 24 * 3_600_000;

export class CloudWatchSource implements Source {
  readonly id = 'cloudwatch';
  readonly kind = 'cloudwatch';
  readonly demo = false;

  readonly cost: CostCapability;
  readonly accounting: UpstreamAccounting;
  /** Start of the accounting, to project spend per day. */
  private readonly startedAt = Date.now();

  constructor(private readonly aws: AwsSources) {
    this.cost = aws.cost;
    this.accounting = aws.accounting;
  }

  /** One entry per account/region, naming the IAM actions that are denied. */
  healthDetails(): Promise<SourceHealth[]> {
    return this.aws.health();
  }

  infrastructure(
    service: CatalogService,
    resource: InfraResource,
    metric: InfraMetric,
    range: TimeRangeMs,
    stepMs: number
  ): Promise<InfraSeries | null> {
    return fetchInfrastructure(this.aws, service, resource, metric, range, stepMs);
  }

  sliCounts(
    service: CatalogService,
    objective: SloObjective,
    range: TimeRangeMs,
    bucketMs: number
  ): Promise<SliCounts | null> {
    return fetchSliCounts(this.aws, service, objective, range, bucketMs);
  }

  rawMetric(request: RawMetricRequest, range: TimeRangeMs, stepMs: number): Promise<RawMetricSeries> {
    return fetchRawMetric(this.aws, request, range, stepMs);
  }

  async upstreamSpend(nowMs: number): Promise<UpstreamSpendRow[]> {
    return upstreamSpendRows(this.aws, this.startedAt, nowMs);
  }

  close(): Promise<void> {
    return this.aws.close();
  }

  /** One entry for the interface; the per account/region detail is in `message` (and in `aws.health()`). */
  async health(): Promise<SourceHealth> {
    const checks = await this.aws.health();
    const failed = checks.filter((c) => c.state !== 'ok');
    if (failed.length === 0)
      return { id: this.id, kind: this.kind, state: 'ok', message: `${checks.length} account/region(s) reachable` };
    return {
      id: this.id,
      kind: this.kind,
      state: 'error',
      message: failed.map((c) => `${c.id}: ${c.message}`).join('; '),
    };
  }

  async serviceMetric(
    service: CatalogService,
    metric: ServiceMetric,
    range: TimeRangeMs,
    stepMs: number
  ): Promise<CloudWatchSourceSeries | null> {
    if (!planServiceMetric(service, metric)) return null;
    try {
      const series = await this.aws.serviceMetric({
        service,
        metric,
        startMs: range.from,
        endMs: range.to,
        minPeriodS: Math.round(stepMs / 1000),
      });
      return { times: series.timestamps, values: series.values, meta: { ...series.meta, describe: series.describe } };
    } catch (err) {
      if (err instanceof MetricNotApplicableError) return null;
      throw err;
    }
  }

  async serviceSnapshot(service: CatalogService, at: number): Promise<ServiceSnapshot | null> {
    const recent = { from: at - SNAPSHOT_WINDOW_MS, to: at };
    const latest = async (metric: ServiceMetric) => {
      const series = await this.serviceMetric(service, metric, recent, 60_000).catch(() => null);
      return series ? lastValue(series.values) : undefined;
    };
    const [errorRate, latencyP99Ms, requestRate, cpuUtilization, availability] = await Promise.all([
      latest('error_rate'),
      latest('latency_p99'),
      latest('request_rate'),
      latest('cpu_utilization'),
      this.availability(service, at),
    ]);
    if ([errorRate, latencyP99Ms, requestRate, cpuUtilization, availability].every((v) => v === undefined)) return null;
    return { at, errorRate, latencyP99Ms, requestRate, cpuUtilization, availability };
  }

  /** CloudWatch holds no deploys or incidents; other sources answer those. */
  async timelineEvents(): Promise<TimelineEvent[]> {
    return [];
  }

  /** Request-weighted: 1 − Σ errors / Σ requests over 24 h, from the same inputs as error_rate. */
  private async availability(service: CatalogService, at: number): Promise<number | undefined> {
    const plan = planServiceMetric(service, 'error_rate');
    if (!plan) return undefined;
    const account = service.aws.account ?? this.aws.config.accounts[0].id;
    const region = service.aws.region ?? this.aws.config.accounts[0].regions[0];
    const [errors, requests] = await Promise.all(
      plan.inputs.map((input) =>
        this.aws
          .rawMetric({ ...input, account, region, startMs: at - AVAILABILITY_WINDOW_MS, endMs: at })
          .catch(() => undefined)
      )
    );
    if (!errors || !requests) return undefined;
    const total = sum(requests.values);
    return total > 0 ? 1 - sum(errors.values) / total : undefined;
  }
}

function lastValue(values: Array<number | null>): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return undefined;
}

function sum(values: Array<number | null>): number {
  return values.reduce<number>((s, v) => s + (v ?? 0), 0);
}
