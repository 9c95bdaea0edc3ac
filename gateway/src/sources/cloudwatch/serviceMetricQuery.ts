/** Answers "metric M of catalog service S over range R" from CloudWatch: plan, fetch inputs, combine, merge meta. */
import type { CatalogService, ServiceMetric } from '@opsdeck/contract';
import type { CloudWatchFetcher } from './fetcher';
import { allEmpty, planServiceMetric } from './serviceMetrics';
import type { FetchedSeries, SeriesMeta, StaleNotice } from './types';

export interface ServiceMetricRequest {
  service: CatalogService;
  metric: ServiceMetric;
  startMs: number;
  endMs: number;
  maxPoints?: number;
  minPeriodS?: number;
}

export interface AwsLocationDefaults {
  /** Used when a catalog service names no account / region. */
  account: string;
  region: string;
}

export interface ServiceMetricSeries extends FetchedSeries {
  service: string;
  metric: ServiceMetric;
  /** Which CloudWatch metrics the number comes from. */
  describe: string;
}

export class MetricNotApplicableError extends Error {
  constructor(service: string, metric: ServiceMetric) {
    super(`service ${service} has no AWS resource that reports ${metric} (see its aws: entry in the catalog)`);
    this.name = 'MetricNotApplicableError';
  }
}

export async function fetchServiceMetric(
  fetcher: CloudWatchFetcher,
  request: ServiceMetricRequest,
  defaults: AwsLocationDefaults
): Promise<ServiceMetricSeries> {
  const plan = planServiceMetric(request.service, request.metric);
  if (!plan) throw new MetricNotApplicableError(request.service.name, request.metric);
  const account = request.service.aws.account ?? defaults.account;
  const region = request.service.aws.region ?? defaults.region;
  const inputs = await Promise.all(
    plan.inputs.map((input) =>
      fetcher.fetch({
        ...input,
        account,
        region,
        startMs: request.startMs,
        endMs: request.endMs,
        maxPoints: request.maxPoints,
        minPeriodS: request.minPeriodS,
      })
    )
  );
  const periodS = inputs[0].meta.periodS;
  const notices = inputs.flatMap((i) => i.meta.notices);
  if (plan.emptyNotice && allEmpty(inputs)) notices.push(plan.emptyNotice);
  const meta: SeriesMeta = {
    source: 'cloudwatch',
    periodS,
    fromCache: inputs.every((i) => i.meta.fromCache),
    notices,
    stale: oldestStale(inputs.map((i) => i.meta.stale)),
  };
  if (!meta.stale) delete meta.stale;
  return {
    service: request.service.name,
    metric: request.metric,
    describe: plan.describe,
    timestamps: inputs[0].timestamps,
    values: plan.combine(inputs, periodS),
    meta,
  };
}

function oldestStale(notices: Array<StaleNotice | undefined>): StaleNotice | undefined {
  const present = notices.filter((n): n is StaleNotice => n !== undefined);
  if (present.length === 0) return undefined;
  return present.reduce((a, b) => (b.since < a.since ? b : a));
}
