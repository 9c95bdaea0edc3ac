// The whole AWS path: settings (as the operator writes them) → a real gateway → POST /api/query → the real SDK
// clients → the protocol fakes. Every new query type, stale data with a notice, /metrics accounting, /api/health.
import './fakeCredentials';
import {
  LIVENESS_PATH,
  type DataFrameJSON,
  type HealthResponse,
  type OpsdeckQuery,
  type QueryResponse,
} from '@opsdeck/contract';
import { loadConfig } from '../../src/config';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { SimulatedClock, startAwsFakes, type AwsFakes } from './harness';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
let clock: SimulatedClock;
let fakes: AwsFakes;
let gateway: TestGateway;

beforeAll(async () => {
  // On a 5-minute boundary, so an hour is exactly 60 one-minute or 12 five-minute periods.
  clock = new SimulatedClock(Math.floor(Date.now() / 300_000) * 300_000);
  fakes = await startAwsFakes(clock);
  // The CloudWatch agent is not installed anywhere: CWAgent metrics have no data.
  const defaultValue = fakes.cloudwatch.metricValue;
  fakes.cloudwatch.metricValue = (m, t) => (m.namespace === 'CWAgent' ? undefined : defaultValue(m, t));
  fakes.autoScaling.groups = [
    { name: 'checkout-api-asg', min: 2, max: 12, desired: 4, inService: 3, pending: 1, metricsCollection: true },
    { name: 'identity-api-asg', min: 3, max: 9, desired: 5, inService: 5, metricsCollection: false },
  ];
  fakes.logs.results = () => [{ coldStarts: '12', invocations: '480' }];
  fakes.costExplorer.tagValues.service = ['checkout-api', 'payments-worker', 'inventory-api', 'search-api'];
  fakes.costExplorer.anomalies = [
    { id: 'a1', start: '2026-01-01', service: 'AWS Lambda', region: 'eu-west-1', totalImpact: 42, maxScore: 80 },
  ];
  // Configured the way an operator does it: environment settings read by the real config loader.
  const { endpoints } = fakes.config;
  const config = loadConfig({
    OPSDECK_DATA_DIR: '/tmp/opsdeck-aws-gateway-test',
    OPSDECK_AWS_ACCOUNTS: JSON.stringify(fakes.config.accounts),
    OPSDECK_AWS_ENDPOINT_CLOUDWATCH: endpoints.cloudwatch!,
    OPSDECK_AWS_ENDPOINT_COSTEXPLORER: endpoints.costExplorer!,
    OPSDECK_AWS_ENDPOINT_AUTOSCALING: endpoints.autoScaling!,
    OPSDECK_AWS_ENDPOINT_LOGS: endpoints.logs!,
    OPSDECK_AWS_REFRESH_WINDOW_MS: '5',
  });
  gateway = await startTestGateway({
    aws: config.aws,
    awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
    clock: clock.now,
  });
});

afterAll(async () => {
  await gateway?.close();
  await fakes?.stop();
});

async function call<T>(pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${gateway.url}${pathname}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return (pathname === '/metrics' ? text : JSON.parse(text)) as T;
}

async function query(q: Omit<OpsdeckQuery, 'refId'>, range = { from: clock.nowMs - HOUR, to: clock.nowMs }) {
  const result = await call<QueryResponse>('/api/query', { range, queries: [{ refId: 'A', ...q }] });
  return result.results.A;
}

const column = (frame: DataFrameJSON, name: string) =>
  frame.data.values[frame.schema.fields.findIndex((f) => f.name === name)];

describe('infrastructure queries through the real SDK clients', () => {
  it('answers EC2 CPU per service from CloudWatch, not the demo fleet', async () => {
    const { frames } = await query({ queryType: 'infrastructure', resource: 'ec2', infraMetric: 'cpu' });
    expect(frames!.map((f) => f.schema.name)).toEqual([
      'checkout-api',
      'inventory-api',
      'search-api',
      'identity-api',
      'notifications',
    ]);
    const [checkout] = frames!;
    expect(checkout.schema.meta?.custom).toMatchObject({ source: 'cloudwatch', demo: false });
    expect(checkout.schema.meta?.notices).toBeUndefined();
    expect((column(checkout, 'value') as number[]).filter((v) => v !== null)).toHaveLength(60);
    expect(fakes.cloudwatch.metricsRequested).toBeGreaterThanOrEqual(5);
  });

  it('says the CloudWatch agent is not installed when CWAgent memory is absent', async () => {
    const { frames } = await query({
      queryType: 'infrastructure',
      resource: 'ec2',
      infraMetric: 'memory',
      service: 'checkout-api',
    });
    expect(frames![0].schema.meta?.notices?.[0]).toMatchObject({
      severity: 'warning',
      text: expect.stringContaining('CloudWatch agent is not installed'),
    });
  });

  it('holds RDS connections against the catalog pool size', async () => {
    const { frames } = await query({
      queryType: 'infrastructure',
      resource: 'rds',
      infraMetric: 'connections',
      service: 'checkout-api',
    });
    expect(frames![0].schema.fields.map((f) => f.name)).toEqual(['time', 'connections', 'pool_size']);
    expect(new Set(column(frames![0], 'pool_size'))).toEqual(new Set([120]));
  });

  it('answers ElastiCache hit rate and Lambda p99 for the services that have them', async () => {
    const cache = await query({ queryType: 'infrastructure', resource: 'elasticache', infraMetric: 'hit_rate' });
    expect(cache.frames!.map((f) => f.schema.name)).toEqual([
      'checkout-api',
      'fraud-scoring',
      'search-api',
      'identity-api',
    ]);
    const hits = column(cache.frames![0], 'value') as number[];
    hits.forEach((h) => expect(h).toBeGreaterThan(0));
    hits.forEach((h) => expect(h).toBeLessThan(1));
    const lambda = await query({ queryType: 'infrastructure', resource: 'lambda', infraMetric: 'duration_p99' });
    expect(lambda.frames!.map((f) => f.schema.name)).toEqual([
      'payments-worker',
      'fraud-scoring',
      'catalog-ingest',
      'notifications',
    ]);
  });

  it('counts cold starts with Logs Insights and says so', async () => {
    const { frames } = await query({
      queryType: 'infrastructure',
      resource: 'lambda',
      infraMetric: 'cold_starts',
      service: 'payments-worker',
    });
    expect(column(frames![0], 'cold_starts')).toEqual([12]);
    expect(column(frames![0], 'invocations')).toEqual([480]);
    expect(frames![0].schema.meta?.notices).toContainEqual({
      severity: 'info',
      text: expect.stringContaining('Init Duration'),
    });
    expect(fakes.logs.queries[0].logGroupNames).toEqual(['/aws/lambda/payments-settle']);
  });

  it('graphs ASG capacity from Group* metrics, and says when group metrics collection is off', async () => {
    const on = await query({
      queryType: 'infrastructure',
      resource: 'asg',
      infraMetric: 'capacity',
      service: 'checkout-api',
    });
    expect(on.frames![0].schema.fields.map((f) => f.name)).toEqual(['time', 'desired', 'in_service', 'min', 'max']);
    expect((column(on.frames![0], 'time') as number[]).length).toBe(60);
    const off = await query({
      queryType: 'infrastructure',
      resource: 'asg',
      infraMetric: 'capacity',
      service: 'identity-api',
    });
    expect(column(off.frames![0], 'desired')).toEqual([5]);
    expect(column(off.frames![0], 'max')).toEqual([9]);
    expect(off.frames![0].schema.meta?.notices?.[0].text).toMatch(
      /Group metrics collection is off for identity-api-asg/
    );
  });

  it('answers one error rate per service whatever sits in front', async () => {
    const { frames } = await query({ queryType: 'infrastructure', resource: 'service', infraMetric: 'error_rate' });
    expect(frames).toHaveLength(8);
    const described = Object.fromEntries(frames!.map((f) => [f.schema.name, f.schema.fields[1].config?.description]));
    expect(described['checkout-api']).toMatch(/ALB/);
    expect(described['payments-worker']).toMatch(/Lambda Errors/);
  });
});

describe('cost, raw metric and upstream spend', () => {
  it('answers every cost view from Cost Explorer', async () => {
    const range = { from: clock.nowMs - 20 * 24 * HOUR, to: clock.nowMs };
    const byService = await query({ queryType: 'cost', costView: 'by_service', topN: 2 }, range);
    expect(column(byService.frames![0], 'group')).toEqual([expect.any(String), expect.any(String), 'other']);
    const daily = await query({ queryType: 'cost', costView: 'daily', costGroupBy: 'aws_service' }, range);
    const [time, ...groups] = daily.frames![0].schema.fields.map((f) => f.name);
    expect(time).toBe('time');
    expect(groups.sort()).toEqual([...fakes.costExplorer.services].sort());
    expect(daily.frames![0].data.values[0].length).toBeGreaterThanOrEqual(20);
    const mtd = await query({ queryType: 'cost', costView: 'month_to_date' });
    expect(column(mtd.frames![0], 'month_to_date')[0]).toBeGreaterThan(0);
    const forecast = await query({ queryType: 'cost', costView: 'forecast' });
    expect(column(forecast.frames![0], 'month_end_total')[0]).toBeGreaterThan(
      column(mtd.frames![0], 'month_to_date')[0] as number
    );
    const anomalies = await query(
      { queryType: 'cost', costView: 'anomalies' },
      { from: Date.UTC(2025, 11, 1), to: clock.nowMs }
    );
    expect(column(anomalies.frames![0], 'service')).toEqual(['AWS Lambda']);
  });

  it('answers a raw CloudWatch metric and names a bad field per refId', async () => {
    const raw = await query({
      queryType: 'raw_metric',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'orders' },
      statistic: 'Maximum',
      period: 300,
    });
    expect(raw.frames![0].data.values[0]).toHaveLength(12);
    expect(raw.frames![0].schema.fields[1].labels).toMatchObject({ QueueName: 'orders' });
    expect((await query({ queryType: 'raw_metric', namespace: 'AWS/SQS' })).error).toBe(
      'metricName: required for raw_metric queries'
    );
    expect((await query({ queryType: 'raw_metric', namespace: 'AWS/SQS', metricName: 'X', period: 90 })).error).toMatch(
      /^period:/
    );
    expect(
      (await query({ queryType: 'raw_metric', namespace: 'AWS/SQS', metricName: 'X', account: '999999999999' })).error
    ).toMatch(/^account: not configured/);
    expect((await query({ queryType: 'infrastructure', resource: 'rds', infraMetric: 'hit_rate' })).error).toMatch(
      /^infraMetric: expected one of read_latency/
    );
  });

  it("reports Opsdeck's own upstream spend per upstream, and exports it on /metrics", async () => {
    const { frames } = await query({ queryType: 'upstream_spend' });
    const spend = frames![0];
    const sources = column(spend, 'source') as string[];
    expect(sources).toEqual(expect.arrayContaining(['cloudwatch', 'costexplorer', 'autoscaling', 'logs']));
    const cw = sources.indexOf('cloudwatch');
    expect((column(spend, 'metrics_requested') as number[])[cw]).toBe(fakes.cloudwatch.metricsRequested);
    expect((column(spend, 'estimated_usd') as number[])[cw]).toBeCloseTo(
      fakes.cloudwatch.metricsRequested * 0.00001,
      10
    );
    const ce = sources.indexOf('costexplorer');
    const cePages = fakes.costExplorer.calls.filter((c) => c.status === 200).length;
    expect((column(spend, 'pages') as number[])[ce]).toBe(cePages);

    const metrics = await call<string>('/metrics');
    expect(metrics).toContain(
      `opsdeck_upstream_metrics_requested_total{upstream="cloudwatch"} ${fakes.cloudwatch.metricsRequested}`
    );
    expect(metrics).toContain(`opsdeck_upstream_pages_total{upstream="costexplorer"} ${cePages}`);
    expect(metrics).toMatch(/opsdeck_upstream_estimated_usd_total\{upstream="costexplorer"\} 0\.\d+/);
  });
});

describe('faults', () => {
  it('retries throttling and serves fresh data', async () => {
    fakes.cloudwatch.throttleNext(2);
    const range = { from: clock.nowMs - 3 * HOUR, to: clock.nowMs - 2 * HOUR };
    const { frames } = await query(
      { queryType: 'infrastructure', resource: 'ec2', infraMetric: 'network_in', service: 'search-api' },
      range
    );
    expect(frames![0].schema.meta?.custom?.stale).toBeUndefined();
    expect(await call<string>('/metrics')).toMatch(/opsdeck_upstream_retries_total\{upstream="cloudwatch"\} [1-9]/);
  });

  it('serves the last good data with a stale notice during an outage', async () => {
    const q = {
      queryType: 'infrastructure' as const,
      resource: 'rds' as const,
      infraMetric: 'read_latency' as const,
      service: 'inventory-api',
    };
    const good = await query(q, { from: clock.nowMs - 2 * HOUR, to: clock.nowMs - HOUR });
    expect(good.frames![0].schema.meta?.custom?.stale).toBeUndefined();
    fakes.cloudwatch.failNext(Number.POSITIVE_INFINITY);
    try {
      const stale = await query(q, { from: clock.nowMs - 2 * HOUR + 60_000, to: clock.nowMs - HOUR + 60_000 });
      const meta = stale.frames![0].schema.meta!;
      expect(meta.custom?.stale).toEqual({ since: clock.nowMs, reason: expect.stringContaining('ServiceUnavailable') });
      expect(meta.notices?.[0]).toMatchObject({
        severity: 'warning',
        text: expect.stringMatching(/^Showing the last good data/),
      });
      expect(
        (column(stale.frames![0], 'value') as Array<number | null>).filter((v) => v !== null).length
      ).toBeGreaterThan(50);
    } finally {
      fakes.cloudwatch.heal();
    }
  });
});

describe('/api/health', () => {
  it('answers the liveness check from memory, without a token and without one upstream call', async () => {
    const before = fakes.cloudwatch.getMetricDataRequests.length;
    const response = await fetch(`${gateway.url}${LIVENESS_PATH}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(fakes.cloudwatch.getMetricDataRequests.length).toBe(before);
    // The full health probes every account/region: what a balancer must not ask every few seconds.
    await call<HealthResponse>('/api/health');
    expect(fakes.cloudwatch.getMetricDataRequests.length).toBeGreaterThan(before);
  });

  it('has one entry per account/region, naming denied permissions', async () => {
    fakes.autoScaling.denied.add('DescribeAutoScalingGroups');
    try {
      const health = await call<HealthResponse>('/api/health');
      expect(health.mode).toBe('live');
      const aws = health.sources.filter((s) => s.id.startsWith('aws:'));
      expect(aws.map((s) => s.id)).toEqual([
        'aws:111111111111/eu-west-1',
        'aws:222222222222/us-east-1',
        'aws:333333333333/eu-west-1',
      ]);
      expect(aws[0].message).toBe('missing permissions: autoscaling:DescribeAutoScalingGroups');
      expect(health.sources.find((s) => s.id === 'demo')?.state).toBe('disabled');
    } finally {
      fakes.autoScaling.heal();
    }
  });
});
