// The AWS sources behind the gateway's Source interface, against the fakes.
import './fakeCredentials';
import { createAwsSources, type AwsSources } from '../../src/sources/aws/awsSources';
import { CloudWatchSource } from '../../src/sources/cloudwatch/cloudwatchSource';
import { loadCatalogServices, SimulatedClock, startAwsFakes, type AwsFakes } from './harness';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const services = loadCatalogServices();
const byName = (name: string) => services.find((s) => s.name === name)!;
let clock: SimulatedClock;
let fakes: AwsFakes;
let aws: AwsSources;
let source: CloudWatchSource;

beforeAll(async () => {
  clock = new SimulatedClock(T0);
  fakes = await startAwsFakes(clock);
  aws = createAwsSources(fakes.config, { clock, sleep: async () => undefined, random: () => 0.5 });
  source = new CloudWatchSource(aws);
});
afterAll(async () => {
  await aws.close();
  await fakes.stop();
});

describe('CloudWatchSource', () => {
  it('answers serviceMetric with times/values and meta, null where the service has no such resource', async () => {
    const series = await source.serviceMetric(
      byName('checkout-api'),
      'db_connections',
      { from: T0 - HOUR, to: T0 },
      60_000
    );
    expect(series!.times).toHaveLength(60);
    expect(series!.values.every((v) => typeof v === 'number')).toBe(true);
    expect(series!.meta).toMatchObject({ source: 'cloudwatch', periodS: 60, describe: 'RDS DatabaseConnections' });
    expect(
      await source.serviceMetric(byName('payments-worker'), 'db_connections', { from: T0 - HOUR, to: T0 }, 60_000)
    ).toBeNull();
  });

  it('honours the panel step as a floor on the period', async () => {
    const series = await source.serviceMetric(
      byName('checkout-api'),
      'cpu_utilization',
      { from: T0 - HOUR, to: T0 },
      300_000
    );
    expect(series!.meta.periodS).toBe(300);
    expect(series!.times).toHaveLength(12);
  });

  it('builds a fleet-health snapshot from the latest points and 24 h request-weighted availability', async () => {
    const snapshot = await source.serviceSnapshot(byName('checkout-api'), T0);
    expect(snapshot).toMatchObject({ at: T0 });
    // CloudWatch knows no incidents: fleet_health takes them from the alert store (gateway/tests/status).
    expect(snapshot?.openIncidents).toBeUndefined();
    for (const key of ['errorRate', 'latencyP99Ms', 'requestRate', 'cpuUtilization', 'availability'] as const) {
      expect(typeof snapshot![key]).toBe('number');
    }
    expect(snapshot!.availability!).toBeGreaterThan(0);
    expect(snapshot!.availability!).toBeLessThan(1);
  });

  it('carries the stale notice when CloudWatch fails after a good answer', async () => {
    const range = { from: T0 - HOUR, to: T0 };
    await source.serviceMetric(byName('inventory-api'), 'latency_p99', range, 60_000);
    clock.advance(60_000);
    fakes.cloudwatch.failNext(Number.POSITIVE_INFINITY);
    try {
      const stale = await source.serviceMetric(
        byName('inventory-api'),
        'latency_p99',
        { from: range.from + 60_000, to: range.to + 60_000 },
        60_000
      );
      expect(stale!.meta.stale).toEqual({ since: T0, reason: expect.stringContaining('ServiceUnavailable') });
    } finally {
      fakes.cloudwatch.heal();
    }
  });

  it('reports health as one entry naming failing accounts', async () => {
    expect(await source.health()).toMatchObject({ id: 'cloudwatch', kind: 'cloudwatch', state: 'ok' });
    fakes.autoScaling.denied.add('DescribeAutoScalingGroups');
    try {
      const health = await source.health();
      expect(health.state).toBe('error');
      expect(health.message).toContain(
        'aws:111111111111/eu-west-1: missing permissions: autoscaling:DescribeAutoScalingGroups'
      );
    } finally {
      fakes.autoScaling.heal();
    }
  });
});
