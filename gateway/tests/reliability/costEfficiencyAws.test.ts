// Cost efficiency through the real SDK clients against the protocol fakes: traffic +20% and cost +30% a day between
// the previous 30 days and these, an idle RDS instance (identity-db) priced by its own Amazon RDS line.
import '../aws/fakeCredentials';
import { IDLE_CPU_P95_PERCENT, type CostEfficiencyResponse } from '@opsdeck/contract';
import { costWindowDays } from '../../src/reliability/costEfficiency';
import { awsConfigFor, SimulatedClock, startAwsFakes, type AwsFakes } from '../aws/harness';
import { startTestGateway, type TestGateway } from '../support/gateway';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RDS = 'Amazon Relational Database Service';
const TAGS = [
  'checkout-api',
  'payments-worker',
  'fraud-scoring',
  'inventory-api',
  'search-api',
  'catalog-ingest',
  'identity-api',
  'notifications',
];
let clock: SimulatedClock;
let fakes: AwsFakes;
let gateway: TestGateway;
let currentStart: string;

beforeAll(async () => {
  // On the hour, so the previous window's hourly buckets and the SLO window meet exactly at now − 30 d.
  clock = new SimulatedClock(Math.floor(Date.now() / HOUR) * HOUR);
  fakes = await startAwsFakes(clock);
  const since = clock.nowMs - 30 * DAY;
  const counters = new Set(['RequestCount', 'Count', 'Invocations']);
  const defaultValue = fakes.cloudwatch.metricValue;
  fakes.cloudwatch.metricValue = (m, t) => {
    // 10 requests a second before the window, 12 in it; no errors.
    if (counters.has(m.metricName)) return (t * 1000 >= since ? 12 : 10) * m.period;
    if (/5XX|Error/.test(m.metricName)) return 0;
    if (m.metricName === 'CPUUtilization' && m.namespace === 'AWS/RDS') {
      return m.dimensions.DBInstanceIdentifier === 'identity-db' ? 6 + ((t / 3600) % 5) : 45;
    }
    if (m.metricName === 'CPUUtilization') return 50;
    return defaultValue(m, t);
  };
  currentStart = costWindowDays(clock.nowMs, 30).current.start;
  fakes.costExplorer.tagValues.service = TAGS;
  // $10 a day per service before the window, $13 in it.
  fakes.costExplorer.dailyCost = (key, day) => (key.startsWith('service$') ? (day >= currentStart ? 13 : 10) : 1);
  gateway = await startTestGateway({
    aws: awsConfigFor(fakes, '/tmp/opsdeck-cost-efficiency-aws-test'),
    awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
    clock: clock.now,
  });
});

afterAll(async () => {
  await gateway?.close();
  await fakes?.stop();
});

const report = async (query = '') => {
  const response = await fetch(`${gateway.url}/api/cost-efficiency${query}`, {
    headers: { authorization: `Bearer ${gateway.token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as CostEfficiencyResponse;
};

const daysIn = (d: { start: string; end: string }) => (Date.parse(d.end) - Date.parse(d.start)) / DAY;

it('compares the window with the 30 days before it from the SLO counts and Cost Explorer', async () => {
  const body = await report();
  expect(body.demo).toBe(false);
  // Both windows in one read, the idle instance's RDS line in one more.
  expect(fakes.costExplorer.callsTo('GetCostAndUsage')).toBe(2);
  const checkout = body.services.find((s) => s.service === 'checkout-api')!;
  expect(checkout.previous!.days).toEqual({ start: costWindowDays(clock.nowMs, 30).previous.start, end: currentStart });
  // Exactly 720 hourly buckets of 36,000 requests, then 30 days at 12 a second.
  expect(checkout.previous!.requests).toBe(30 * 86_400 * 10);
  expect(checkout.requests).toBe(30 * 86_400 * 12);
  expect(checkout.previous!.cost).toBeCloseTo(10 * 30, 6);
  expect(checkout.cost).toBeCloseTo(13 * daysIn(checkout.days), 6);
  expect(checkout.trend.requestsChange).toBeCloseTo(0.2, 9);
  // Cost outgrew traffic: (13 × 31) / (10 × 30) / 1.2 − 1 ≈ +11.9% per 1,000 requests.
  expect(checkout.trend.costPer1kRequestsChange).toBeCloseTo((13 * 31) / 300 / 1.2 - 1, 6);
  expect(checkout.trend.efficiency).toBe('worse');

  // The previous window's counts were read hourly from CloudWatch (the only period kept that long for sure).
  const previousFrom = (clock.nowMs - 60 * DAY) / 1000;
  const hourly = fakes.cloudwatch.getMetricDataRequests.filter((r) => r.StartTime <= previousFrom);
  expect(hourly.length).toBeGreaterThan(0);
  for (const r of hourly) for (const q of r.MetricDataQueries) expect(q.MetricStat!.Period).toBe(3600);
});

it('hints at an idle RDS instance, asking CloudWatch for its CPU and Cost Explorer for its RDS line', async () => {
  const body = await report();
  const identity = body.services.find((s) => s.service === 'identity-api')!;
  const share = fakes.costExplorer.serviceShare('service$identity-api', RDS);
  const last30 = costWindowDays(clock.nowMs, 30).current;
  expect(identity.idle).toEqual([
    {
      resource: 'rds',
      name: 'identity-db',
      cpuP95: 10,
      days: 7,
      monthlyCost: expect.closeTo(13 * share * daysIn(last30), 6),
      costScope: 'resource',
    },
  ]);
  expect(identity.idle[0].cpuP95).toBeLessThan(IDLE_CPU_P95_PERCENT);
  // The busy instances and groups get no hint.
  for (const name of ['checkout-api', 'inventory-api', 'search-api']) {
    expect(body.services.find((s) => s.service === name)!.idle).toEqual([]);
  }

  // What CloudWatch was asked: AWS/RDS CPUUtilization of the instance, hourly averages over the week.
  const rdsCpu = fakes.cloudwatch.getMetricDataRequests.flatMap((r) =>
    r.MetricDataQueries.filter(
      (q) => q.MetricStat?.Metric.Namespace === 'AWS/RDS' && q.MetricStat.Metric.MetricName === 'CPUUtilization'
    ).map((q) => ({ ...q.MetricStat!, startTime: r.StartTime, endTime: r.EndTime }))
  );
  const identityDb = rdsCpu.filter((q) => q.Metric.Dimensions?.[0]?.Value === 'identity-db');
  expect(identityDb.length).toBeGreaterThan(0);
  for (const q of identityDb) {
    expect(q.Metric.Dimensions).toEqual([{ Name: 'DBInstanceIdentifier', Value: 'identity-db' }]);
    expect(q.Stat).toBe('Average');
    expect(q.Period).toBe(3600);
    expect(q.startTime).toBeLessThanOrEqual((clock.nowMs - 7 * DAY) / 1000 + 3600);
  }

  // What Cost Explorer was asked: the two windows in one read, and the RDS line per tag value in one more.
  const requests = fakes.costExplorer.getCostAndUsageRequests;
  const rds = requests.filter((r) => r.Filter);
  expect(rds).toHaveLength(1);
  expect(rds[0]).toMatchObject({
    TimePeriod: { Start: last30.start, End: last30.end },
    GroupBy: [{ Type: 'TAG', Key: 'service' }],
    Filter: { Dimensions: { Key: 'SERVICE', Values: [RDS] } },
  });
  const windows = requests.filter((r) => !r.Filter && r.TimePeriod.End === last30.end);
  expect(windows.map((r) => r.TimePeriod.Start)).toEqual([costWindowDays(clock.nowMs, 30).previous.start]);
});

it('answers the next reports from the cached Cost Explorer answers', async () => {
  fakes.costExplorer.resetCounters();
  await report();
  await report('?team=platform');
  // Both reads above were answered from the cache (billing data changes a few times a day).
  expect(fakes.costExplorer.callsTo('GetCostAndUsage')).toBe(0);
});
