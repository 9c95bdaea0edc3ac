// The assembled AWS sources: health with named missing permissions, cold starts from Logs Insights, accounting.
import './fakeCredentials';
import { ConfigError, loadConfig } from '../../src/config';
import { createAwsSources, type AwsSources } from '../../src/sources/aws/awsSources';
import { COLD_START_QUERY } from '../../src/sources/cloudwatch';
import { TEST_ACCOUNT } from './fakeCredentials';
import { loadCatalogServices, SimulatedClock, startAwsFakes, type AwsFakes } from './harness';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 10);
jest.setTimeout(30_000);

let clock: SimulatedClock;
let fakes: AwsFakes;
let aws: AwsSources;

beforeAll(async () => {
  clock = new SimulatedClock(T0);
  fakes = await startAwsFakes(clock);
  aws = createAwsSources(fakes.config, { clock, sleep: async () => undefined, random: () => 0.5 });
});
afterAll(async () => {
  await aws.close();
  await fakes.stop();
});

describe('health', () => {
  it('is ok per account/region when every probe passes', async () => {
    const health = await aws.health();
    expect(health.map((h) => h.id)).toEqual([
      'aws:111111111111/eu-west-1',
      'aws:222222222222/us-east-1',
      'aws:333333333333/eu-west-1',
    ]);
    expect(health.every((h) => h.state === 'ok')).toBe(true);
  });

  it('names the IAM actions that are denied', async () => {
    fakes.cloudwatch.denied.add('GetMetricData');
    fakes.autoScaling.denied.add('DescribeAutoScalingGroups');
    try {
      const [first] = await aws.health();
      expect(first).toEqual({
        id: 'aws:111111111111/eu-west-1',
        kind: 'cloudwatch',
        state: 'error',
        message: 'missing permissions: cloudwatch:GetMetricData, autoscaling:DescribeAutoScalingGroups',
      });
    } finally {
      fakes.cloudwatch.heal();
      fakes.autoScaling.heal();
    }
  });
});

describe('Lambda cold starts', () => {
  it('counts REPORT lines with Init Duration via Logs Insights, polling until complete, cached', async () => {
    fakes.logs.pollsBeforeComplete = 2;
    fakes.logs.results = (q) =>
      q.logGroupNames[0] === '/aws/lambda/payments-settle' ? [{ coldStarts: '6', invocations: '240' }] : [];
    const answer = await aws.coldStarts.coldStarts(TEST_ACCOUNT, 'eu-west-1', 'payments-settle', T0 - 3_600_000, T0);
    expect(answer).toMatchObject({
      coldStarts: 6,
      invocations: 240,
      ratio: 0.025,
      origin: expect.stringContaining('Init Duration'),
    });
    expect(fakes.logs.queries[0].queryString).toBe(COLD_START_QUERY);
    expect(fakes.logs.callsTo('GetQueryResults')).toBe(3);
    const again = await aws.coldStarts.coldStarts(
      TEST_ACCOUNT,
      'eu-west-1',
      'payments-settle',
      T0 - 3_600_000 + 5000,
      T0 + 5000
    );
    expect(again.meta.fromCache).toBe(true);
    expect(fakes.logs.callsTo('StartQuery')).toBe(1);
  });
});

describe('service metrics and accounting through the assembled sources', () => {
  it('uses the catalog account and counts metrics and dollars', async () => {
    const checkout = loadCatalogServices().find((s) => s.name === 'checkout-api')!;
    const series = await aws.serviceMetric({
      service: checkout,
      metric: 'error_rate',
      startMs: T0 - 3_600_000,
      endMs: T0,
    });
    expect(series.values.filter((v) => v !== null).length).toBeGreaterThan(50);
    const raw = await aws.rawMetric({
      account: TEST_ACCOUNT,
      region: 'eu-west-1',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'q' },
      stat: 'Maximum',
      startMs: T0 - 600_000,
      endMs: T0,
    });
    expect(raw.timestamps).toHaveLength(11);
    const cw = aws.accounting.snapshot().cloudwatch;
    // 3 health probes with one metric each; error_rate = 2 metrics in one call; the raw query 1 metric.
    expect(cw.metricsRequested).toBeGreaterThanOrEqual(3);
    expect(cw.estimatedUsd).toBeCloseTo(cw.metricsRequested * 0.00001, 12);
  });
});

describe('AWS settings through the config loader', () => {
  const env = (extra: Record<string, string>) => ({ OPSDECK_DATA_DIR: '/tmp/opsdeck-aws-config', ...extra });

  it('is off without accounts, parses accounts and endpoints, names the bad key', () => {
    expect(loadConfig(env({})).aws).toBeUndefined();
    const config = loadConfig(
      env({
        OPSDECK_AWS_ACCOUNTS:
          '[{"id":"111111111111","regions":["eu-west-1","us-east-1"],"roleArn":"arn:aws:iam::111111111111:role/opsdeck"}]',
        OPSDECK_AWS_ENDPOINT_CLOUDWATCH: 'http://127.0.0.1:4566',
        OPSDECK_AWS_COST_TAG: 'service',
      })
    ).aws;
    expect(config).toMatchObject({
      accounts: [{ id: '111111111111', regions: ['eu-west-1', 'us-east-1'] }],
      endpoints: { cloudwatch: 'http://127.0.0.1:4566' },
      refreshWindowMs: 50,
      costAllocationTagKey: 'service',
    });
    const bad = () => loadConfig(env({ OPSDECK_AWS_ACCOUNTS: '[{"id":"123","regions":["eu-west-1"]}]' }));
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/OPSDECK_AWS_ACCOUNTS/);
    expect(() => loadConfig(env({ OPSDECK_AWS_ACCOUNTS: 'nope' }))).toThrow(/OPSDECK_AWS_ACCOUNTS/);
    expect(() => loadConfig(env({ OPSDECK_AWS_ENDPOINT_LOGS: 'not a url' }))).toThrow(/OPSDECK_AWS_ENDPOINT_LOGS/);
  });
});
