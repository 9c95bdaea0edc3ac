// The CloudWatch source against the protocol fake, through the real @aws-sdk/client-cloudwatch.
import './fakeCredentials';
import { SERVICE_METRICS, type ServiceMetric } from '@opsdeck/contract';
import { AwsClients } from '../../src/sources/aws';
import {
  CloudWatchFetcher,
  fetchServiceMetric,
  MetricNotApplicableError,
  planServiceMetric,
  UpstreamUnavailableError,
} from '../../src/sources/cloudwatch';
import { defaultMetricValue, type FakeMetricStat } from '../fakes/aws';
import { TEST_ACCOUNT } from './fakeCredentials';
import { buildFetcher, loadCatalogServices, SimulatedClock, startAwsFakes, type AwsFakes } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 30);
const services = loadCatalogServices();
// The machine is shared with other test runs; the heavy cases move ~10^5 points through the real SDK.
jest.setTimeout(30_000);

/** Limits count requested points, not returned ones: sparse data keeps the big packing tests light. */
const sparse = (m: FakeMetricStat, t: number) => (t % 3600 === 0 ? defaultMetricValue(m, t) : undefined);
const defaults = { account: TEST_ACCOUNT, region: 'eu-west-1' };

let clock: SimulatedClock;
let fakes: AwsFakes;
let clients: AwsClients;
let fetcher: CloudWatchFetcher;
let sleeps: number[];

beforeAll(async () => {
  clock = new SimulatedClock(T0);
  fakes = await startAwsFakes(clock);
  clients = new AwsClients(fakes.config);
});
afterAll(async () => {
  clients.destroy();
  await fakes.stop();
});
beforeEach(() => {
  clock.nowMs = T0;
  fakes.cloudwatch.heal();
  fakes.cloudwatch.resetCounters();
  fakes.cloudwatch.pagePoints = 100_800;
  fakes.cloudwatch.metricValue = defaultMetricValue;
  ({ fetcher, sleeps } = buildFetcher(clients, clock));
});

/** The fake's value for a metric at a period start, as the spec of each mapping reads it. */
function v(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  stat: string,
  tMs: number,
  period = 60
): number {
  const m: FakeMetricStat = { namespace, metricName, dimensions, stat, period };
  return defaultMetricValue(m, tMs / 1000)!;
}

/** The contract's definition of each metric in CloudWatch terms, written independently of the mapping code. */
function expected(metric: ServiceMetric, aws: (typeof services)[number]['aws'], t: number): number | undefined {
  const lb = aws.loadBalancer && { LoadBalancer: aws.loadBalancer };
  const fn = aws.lambdaFunction && { FunctionName: aws.lambdaFunction };
  const asg = aws.autoScalingGroup && { AutoScalingGroupName: aws.autoScalingGroup };
  const elb = (m: string, s: string) => v('AWS/ApplicationELB', m, lb as Record<string, string>, s, t);
  const lam = (m: string, s: string) => v('AWS/Lambda', m, fn as Record<string, string>, s, t);
  const errors = lb
    ? elb('HTTPCode_Target_5XX_Count', 'Sum') / elb('RequestCount', 'Sum')
    : fn
      ? lam('Errors', 'Sum') / lam('Invocations', 'Sum')
      : undefined;
  switch (metric) {
    case 'request_rate':
      return lb ? elb('RequestCount', 'Sum') / 60 : fn ? lam('Invocations', 'Sum') / 60 : undefined;
    case 'error_rate':
      return errors;
    case 'availability':
      return errors === undefined ? undefined : 1 - errors;
    case 'latency_p50':
    case 'latency_p95':
    case 'latency_p99': {
      const p = metric.replace('latency_', '');
      return lb ? elb('TargetResponseTime', p) * 1000 : fn ? lam('Duration', p) : undefined;
    }
    case 'cpu_utilization':
      return asg ? v('AWS/EC2', 'CPUUtilization', asg, 'Average', t) : undefined;
    case 'memory_utilization':
      return asg ? v('CWAgent', 'mem_used_percent', asg, 'Average', t) : undefined;
    case 'db_connections':
      return aws.rdsInstance
        ? v('AWS/RDS', 'DatabaseConnections', { DBInstanceIdentifier: aws.rdsInstance }, 'Average', t)
        : undefined;
    case 'cache_hit_rate': {
      if (!aws.cacheCluster) return undefined;
      const d = { CacheClusterId: aws.cacheCluster };
      const hits = v('AWS/ElastiCache', 'CacheHits', d, 'Sum', t);
      return hits / (hits + v('AWS/ElastiCache', 'CacheMisses', d, 'Sum', t));
    }
    case 'lambda_duration_p95':
      return fn ? lam('Duration', 'p95') : undefined;
    case 'asg_in_service':
      return asg ? v('AWS/AutoScaling', 'GroupInServiceInstances', asg, 'Average', t) : undefined;
  }
}

describe('service metrics from CloudWatch', () => {
  const cases = services.flatMap((s) => SERVICE_METRICS.map((m) => [s.name, m] as const));

  it.each(cases)('%s %s matches its CloudWatch definition', async (name, metric) => {
    const service = services.find((s) => s.name === name)!;
    const request = { service, metric, startMs: T0 - HOUR, endMs: T0 };
    const want = expected(metric, service.aws, T0 - 30 * 60_000 - 30_000);
    if (want === undefined) {
      expect(planServiceMetric(service, metric)).toBeUndefined();
      await expect(fetchServiceMetric(fetcher, request, defaults)).rejects.toBeInstanceOf(MetricNotApplicableError);
      return;
    }
    const series = await fetchServiceMetric(fetcher, request, defaults);
    expect(series.meta).toMatchObject({ source: 'cloudwatch', periodS: 60, fromCache: false });
    expect(series.timestamps).toHaveLength(61);
    expect(series.timestamps[0]).toBe(T0 - HOUR - 30_000);
    for (const [i, t] of series.timestamps.entries()) {
      // The last minute is still in progress at T0; the fake has data for it too.
      expect(series.values[i]).toBeCloseTo(expected(metric, service.aws, t)!, 9);
    }
  });

  it('queries each service in its own catalog account and region', async () => {
    const inventory = services.find((s) => s.name === 'inventory-api')!;
    await fetchServiceMetric(
      fetcher,
      { service: inventory, metric: 'cpu_utilization', startMs: T0 - HOUR, endMs: T0 },
      defaults
    );
    expect(fakes.cloudwatch.getMetricDataRequests[0].MetricDataQueries[0].MetricStat!.Metric.Dimensions).toEqual([
      { Name: 'AutoScalingGroupName', Value: 'inventory-api-asg' },
    ]);
  });

  it('says when the CloudWatch agent or group metrics are missing', async () => {
    const checkout = services.find((s) => s.name === 'checkout-api')!;
    fakes.cloudwatch.metricValue = (m, t) =>
      m.namespace === 'CWAgent' || m.namespace === 'AWS/AutoScaling' ? undefined : defaultMetricValue(m, t);
    try {
      const memory = await fetchServiceMetric(
        fetcher,
        { service: checkout, metric: 'memory_utilization', startMs: T0 - HOUR, endMs: T0 },
        defaults
      );
      expect(memory.values.every((x) => x === null)).toBe(true);
      expect(memory.meta.notices.join(' ')).toMatch(/CloudWatch agent/);
      const asg = await fetchServiceMetric(
        fetcher,
        { service: checkout, metric: 'asg_in_service', startMs: T0 - HOUR, endMs: T0 },
        defaults
      );
      expect(asg.meta.notices.join(' ')).toMatch(/EnableMetricsCollection/);
      const cpu = await fetchServiceMetric(
        fetcher,
        { service: checkout, metric: 'cpu_utilization', startMs: T0 - HOUR, endMs: T0 },
        defaults
      );
      expect(cpu.meta.notices).toEqual([]);
    } finally {
      fakes.cloudwatch.metricValue = defaultMetricValue;
    }
  });

  it('counts a missing 5xx data point as zero errors when there was traffic', async () => {
    const checkout = services.find((s) => s.name === 'checkout-api')!;
    fakes.cloudwatch.metricValue = (m, t) =>
      m.metricName === 'HTTPCode_Target_5XX_Count' ? undefined : defaultMetricValue(m, t);
    try {
      const series = await fetchServiceMetric(
        fetcher,
        { service: checkout, metric: 'error_rate', startMs: T0 - HOUR, endMs: T0 },
        defaults
      );
      expect(series.values.every((x) => x === 0)).toBe(true);
    } finally {
      fakes.cloudwatch.metricValue = defaultMetricValue;
    }
  });
});

const cpuOf = (i: number, startMs = T0 - HOUR, endMs = T0) => ({
  account: TEST_ACCOUNT,
  region: 'eu-west-1',
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: { AutoScalingGroupName: `group-${i}` },
  stat: 'Average',
  startMs,
  endMs,
});

describe('economy', () => {
  it('packs 1,200 distinct series of one window into 3 GetMetricData calls', async () => {
    fakes.cloudwatch.metricValue = sparse;
    const results = await fetcher.fetchMany(Array.from({ length: 1200 }, (_, i) => cpuOf(i)));
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(3);
    expect(fakes.cloudwatch.getMetricDataRequests.map((r) => r.MetricDataQueries.length)).toEqual([500, 500, 200]);
    expect(fetcher.accounting.get('cloudwatch')).toMatchObject({ calls: 3, pages: 3, metricsRequested: 1200 });
    expect(fetcher.accounting.get('cloudwatch').estimatedUsd).toBeCloseTo(0.012, 10);
  });

  it('keeps a day of minute data within 100,800 points per call', async () => {
    fakes.cloudwatch.metricValue = sparse;
    const results = await fetcher.fetchMany(
      Array.from({ length: 150 }, (_, i) => ({ ...cpuOf(i, T0 - DAY, T0), maxPoints: 1440 }))
    );
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    // 1,441 points each after alignment: 69 per call.
    expect(fakes.cloudwatch.getMetricDataRequests.map((r) => r.MetricDataQueries.length)).toEqual([69, 69, 12]);
  });

  it('follows NextToken across pages and assembles whole series', async () => {
    const whole = await fetcher.fetch(cpuOf(1));
    ({ fetcher } = buildFetcher(clients, clock));
    fakes.cloudwatch.resetCounters();
    fakes.cloudwatch.pagePoints = 7;
    const paged = await fetcher.fetchMany([cpuOf(1), cpuOf(2)]);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(Math.ceil(122 / 7));
    expect(paged[0]).toMatchObject({ timestamps: whole.timestamps, values: whole.values });
    expect(fetcher.accounting.get('cloudwatch')).toMatchObject({ calls: 1, pages: 18, metricsRequested: 36 });
  });

  it('shares one upstream call between 50 concurrent identical requests', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => fetcher.fetch(cpuOf(7))));
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(1);
    expect(fakes.cloudwatch.metricsRequested).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.values))).size).toBe(1);
  });

  it('serves repeats from cache until the next period boundary', async () => {
    await fetcher.fetch(cpuOf(3));
    clock.advance(20_000);
    const again = await fetcher.fetch(cpuOf(3, T0 - HOUR + 20_000, T0 + 20_000));
    expect(again.meta.fromCache).toBe(true);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(1);
    clock.advance(20_000); // past 12:01:00
    const next = await fetcher.fetch(cpuOf(3, T0 - HOUR + 40_000, T0 + 40_000));
    expect(next.meta.fromCache).toBe(false);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(2);
  });

  it('chooses periods retention still holds, so old ranges are not empty', async () => {
    const old20 = await fetcher.fetch({ ...cpuOf(4, T0 - 20 * DAY, T0 - 20 * DAY + HOUR) });
    const old90 = await fetcher.fetch({ ...cpuOf(4, T0 - 90 * DAY, T0 - 89 * DAY) });
    expect(old20.meta.periodS).toBe(300);
    expect(old90.meta.periodS).toBe(3600);
    expect(old20.values.filter((x) => x !== null).length).toBeGreaterThan(0);
    // 89–90 days back, aligned outwards to whole hours: 25 hourly points, every one with data.
    expect(old90.timestamps).toHaveLength(25);
    expect(old90.values.every((x) => x !== null)).toBe(true);
    const periods = fakes.cloudwatch.getMetricDataRequests.map((r) => r.MetricDataQueries[0].MetricStat!.Period);
    expect(periods.sort()).toEqual([300, 3600]);
  });
});

describe('faults', () => {
  it('retries throttling with backoff and succeeds', async () => {
    fakes.cloudwatch.throttleNext(2);
    const series = await fetcher.fetch(cpuOf(5));
    expect(series.values.some((x) => x !== null)).toBe(true);
    expect(fakes.cloudwatch.calls.map((c) => c.status)).toEqual([400, 400, 200]);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0]);
    expect(fetcher.accounting.get('cloudwatch')).toMatchObject({ retries: 2, pages: 1 });
  });

  it('serves the last good data with a stale notice during an outage', async () => {
    const good = await fetcher.fetch(cpuOf(6));
    clock.advance(2 * 60_000);
    fakes.cloudwatch.failNext(Number.POSITIVE_INFINITY);
    const stale = await fetcher.fetch(cpuOf(6, T0 - HOUR + 120_000, T0 + 120_000));
    expect(stale.meta.stale).toEqual({ since: T0, reason: expect.stringContaining('ServiceUnavailable') });
    // Same minutes as before where they overlap; nothing invented for the minutes never fetched.
    const before = new Map(good.timestamps.map((t, i) => [t, good.values[i]]));
    stale.timestamps.forEach((t, i) => expect(stale.values[i]).toBe(before.get(t) ?? null));
    expect(stale.values.at(-1)).toBeNull();
  });

  it('fails with a clear error when there is nothing to fall back on', async () => {
    fakes.cloudwatch.failNext(Number.POSITIVE_INFINITY);
    await expect(fetcher.fetch(cpuOf(8))).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(fetcher.fetch(cpuOf(9))).rejects.toThrow(/ServiceUnavailable/);
  });

  it('opens the circuit after repeated failures and stops calling CloudWatch', async () => {
    ({ fetcher } = buildFetcher(clients, clock, { failureThreshold: 2, coolDownMs: 30_000 }));
    fakes.cloudwatch.failNext(Number.POSITIVE_INFINITY);
    for (const i of [10, 11]) await expect(fetcher.fetch(cpuOf(i))).rejects.toThrow();
    const callsWhenOpened = fakes.cloudwatch.calls.length;
    await expect(fetcher.fetch(cpuOf(12))).rejects.toThrow(/circuit open/);
    expect(fakes.cloudwatch.calls.length).toBe(callsWhenOpened);
    fakes.cloudwatch.heal();
    clock.advance(30_000);
    await expect(fetcher.fetch(cpuOf(12, T0 - HOUR + 30_000, T0 + 30_000))).resolves.toMatchObject({
      meta: { fromCache: false },
    });
  });

  it('does not retry a request CloudWatch rejects as invalid', async () => {
    // A packer configured past the real limit: the fake refuses, as CloudWatch would, and nothing is retried.
    fetcher = new CloudWatchFetcher({
      clients,
      clock,
      refreshWindowMs: 5,
      limits: { maxQueries: 600, maxPoints: 1e9 },
      sleep: async () => undefined,
    });
    fakes.cloudwatch.metricValue = sparse;
    const results = await fetcher.fetchMany(Array.from({ length: 501 }, (_, i) => cpuOf(200 + i)));
    expect(results.every((r) => r instanceof Error && /500/.test(r.message))).toBe(true);
    expect(fakes.cloudwatch.calls).toEqual([{ operation: 'GetMetricData', status: 400 }]);
  });
});
