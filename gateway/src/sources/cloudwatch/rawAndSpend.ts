/** The raw CloudWatch query and Opsdeck's own upstream spend, for the AWS source. */
import type { TimeRangeMs } from '@opsdeck/contract';
import type { AwsSources } from '../aws/awsSources';
import type { RawMetricRequest, RawMetricSeries, UpstreamSpendRow } from '../capabilities';
import { QueryFieldError } from '../queryFieldError';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Shown even before their first call, so the spend table always lists what Opsdeck may call. */
const KNOWN_UPSTREAMS = ['cloudwatch', 'costexplorer', 'autoscaling', 'logs'];

export async function fetchRawMetric(
  aws: AwsSources,
  request: RawMetricRequest,
  range: TimeRangeMs,
  stepMs: number
): Promise<RawMetricSeries> {
  const account = aws.config.accounts.find((a) => a.id === (request.account ?? aws.config.accounts[0].id));
  if (!account) {
    const known = aws.config.accounts.map((a) => a.id).join(', ');
    throw new QueryFieldError('account', `not configured (configured: ${known})`);
  }
  const region = request.region ?? account.regions[0];
  if (!account.regions.includes(region)) {
    throw new QueryFieldError(
      'region',
      `${region} is not configured for account ${account.id} (${account.regions.join(', ')})`
    );
  }
  const series = await aws.rawMetric({
    account: account.id,
    region,
    namespace: request.namespace,
    metricName: request.metricName,
    dimensions: request.dimensions,
    stat: request.stat,
    startMs: range.from,
    endMs: range.to,
    minPeriodS: Math.max(request.periodS ?? 60, Math.round(stepMs / 1000)),
  });
  return {
    times: series.timestamps,
    values: series.values,
    periodS: series.meta.periodS,
    meta: { ...(series.meta.stale ? { stale: series.meta.stale } : {}), notices: series.meta.notices },
  };
}

/**
 * Counters since `startedAt`, projected to a day. At least an hour is counted: Cost Explorer is called a few times a
 * day (cached for hours), so scaling the first minutes' calls to a day would overstate the spend many times over.
 */
export function upstreamSpendRows(aws: AwsSources, startedAt: number, nowMs: number): UpstreamSpendRow[] {
  const counted = aws.accounting.snapshot();
  const elapsed = Math.max(HOUR_MS, nowMs - startedAt);
  const names = [...new Set([...KNOWN_UPSTREAMS, ...Object.keys(counted)])];
  return names.map((source) => {
    const c = aws.accounting.get(source);
    return {
      source,
      calls: c.calls,
      metricsRequested: c.metricsRequested,
      pages: c.pages,
      estimatedUsd: c.estimatedUsd,
      usdPerDay: (c.estimatedUsd * DAY_MS) / elapsed,
    };
  });
}
