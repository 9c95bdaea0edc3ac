/**
 * SLI counts from CloudWatch: sums of request and error counters, never averaged ratios, so a quiet minute weighs
 * what it served. Latency SLIs use CloudWatch's percentile rank statistic PR(:t), the share of requests answered
 * within t, times the request count; where only a percentile is wanted (latency-percentile) each interval whose p99
 * is within the threshold counts as good.
 */
import type { CatalogService, SloObjective, TimeRangeMs } from '@opsdeck/contract';
import type { MetricIdentity } from '../../upstream';
import type { AwsSources } from '../aws/awsSources';
import type { SliCounts } from '../capabilities';
import { planServiceMetric } from './serviceMetrics';
import type { FetchedSeries } from './types';

type MetricInput = Omit<MetricIdentity, 'account' | 'region'>;

/** The counters behind an SLI: `bad` and `total` are counts; `goodShare` a percentage of total (PR). */
interface SliPlan {
  total: MetricInput;
  bad?: MetricInput;
  goodPercent?: MetricInput;
  /** latency-percentile: one percentile series judged per interval. */
  percentile?: { input: MetricInput; thresholdInUnit: number };
  describe: string;
}

/** 1-minute data is kept 15 days, 5-minute data 63 days: hourly buckets are built from 5-minute intervals. */
const PERCENTILE_PERIOD_S = 300;

export function planSli(service: CatalogService, objective: SloObjective): SliPlan | undefined {
  const { loadBalancer: lb, apiGateway: api, lambdaFunction: fn } = service.aws;
  const errors = planServiceMetric(service, 'error_rate');
  if (!errors) return undefined;
  const [bad, total] = errors.inputs;
  const sli = objective.sli;
  if (sli.kind === 'availability') {
    return { total, bad, describe: `${errors.describe} (Sum)` };
  }
  // ALB and API Gateway publish latency in seconds and milliseconds respectively; Lambda Duration in milliseconds.
  const latency: { input: MetricInput; scale: number; label: string } | undefined = lb
    ? { input: metric(total, 'TargetResponseTime'), scale: 1 / 1000, label: 'ALB TargetResponseTime' }
    : api
      ? { input: metric(total, 'Latency'), scale: 1, label: 'API Gateway Latency' }
      : fn
        ? { input: metric(total, 'Duration'), scale: 1, label: 'Lambda Duration' }
        : undefined;
  if (!latency) return undefined;
  const threshold = sli.thresholdMs * latency.scale;
  if (sli.kind === 'latency') {
    return {
      total,
      goodPercent: { ...latency.input, stat: `PR(:${threshold})` },
      describe: `${latency.label} PR(:${threshold}) × ${total.metricName} (Sum)`,
    };
  }
  return {
    total,
    percentile: { input: { ...latency.input, stat: 'p99' }, thresholdInUnit: threshold },
    describe: `${latency.label} p99 ≤ ${threshold} per ${PERCENTILE_PERIOD_S / 60} min`,
  };
}

function metric(like: MetricInput, metricName: string): MetricInput {
  return { namespace: like.namespace, metricName, dimensions: like.dimensions, stat: 'Sum' };
}

export async function fetchSliCounts(
  aws: AwsSources,
  service: CatalogService,
  objective: SloObjective,
  range: TimeRangeMs,
  bucketMs: number
): Promise<SliCounts | null> {
  const plan = planSli(service, objective);
  if (!plan) return null;
  const account = service.aws.account ?? aws.config.accounts[0].id;
  const region = service.aws.region ?? aws.config.accounts[0].regions[0];
  const fetch = (input: MetricInput, periodS: number) =>
    aws.rawMetric({ ...input, account, region, startMs: range.from, endMs: range.to, minPeriodS: periodS });
  const bucketS = bucketMs / 1000;
  const buckets = new Map<number, { good: number; total: number }>();
  const bucketOf = (t: number) => {
    const start = Math.floor(t / bucketMs) * bucketMs;
    let bucket = buckets.get(start);
    if (!bucket) buckets.set(start, (bucket = { good: 0, total: 0 }));
    return bucket;
  };
  let fetched: FetchedSeries[];
  if (plan.percentile) {
    const periodS = Math.min(bucketS, PERCENTILE_PERIOD_S);
    const p99 = await fetch(plan.percentile.input, periodS);
    fetched = [p99];
    p99.timestamps.forEach((t, i) => {
      const value = p99.values[i];
      if (value === null) return; // no traffic: the interval neither meets nor misses the objective
      const minutes = p99.meta.periodS / 60;
      const bucket = bucketOf(t);
      bucket.total += minutes;
      if (value <= plan.percentile!.thresholdInUnit) bucket.good += minutes;
    });
  } else {
    const second = plan.bad ?? plan.goodPercent!;
    const [total, other] = await Promise.all([fetch(plan.total, bucketS), fetch(second, bucketS)]);
    fetched = [total, other];
    const otherAt = new Map(other.timestamps.map((t, i) => [t, other.values[i]]));
    total.timestamps.forEach((t, i) => {
      const requests = total.values[i];
      if (requests === null || requests <= 0) return;
      const value = otherAt.get(t) ?? null;
      // A missing error count means no errors were published for that period; a missing PR means no latency data.
      const good = plan.bad
        ? requests - Math.min(requests, value ?? 0)
        : value === null
          ? requests
          : (requests * value) / 100;
      const bucket = bucketOf(t);
      bucket.total += requests;
      bucket.good += good;
    });
  }
  const stale = fetched.find((series) => series.meta.stale)?.meta.stale;
  const notices = fetched.flatMap((series) => series.meta.notices);
  return {
    buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([start, counts]) => ({ start, ...counts })),
    describe: plan.describe,
    meta: { stale, notices },
  };
}
