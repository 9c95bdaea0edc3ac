// Auto Scaling capacity through the real @aws-sdk/client-auto-scaling against the awsQuery/XML fake.
import './fakeCredentials';
import { createAwsSources, type AwsSources } from '../../src/sources/aws/awsSources';
import { TEST_ACCOUNT } from './fakeCredentials';
import { SimulatedClock, startAwsFakes, type AwsFakes } from './harness';

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

describe('Auto Scaling capacity', () => {
  it('reports desired / in-service / pending / min / max and whether group metrics are collected, across pages', async () => {
    fakes.autoScaling.groups = Array.from({ length: 7 }, (_, i) => ({
      name: `group-${i}`,
      min: i,
      max: 10 + i,
      desired: 2 + i,
      inService: 1 + i,
      pending: 1,
      metricsCollection: i % 2 === 0,
    }));
    fakes.autoScaling.pageSize = 3;
    const answer = await aws.autoScaling.capacity(TEST_ACCOUNT, 'eu-west-1', [
      'group-1',
      'group-4',
      'group-6',
      'group-5',
      'nope',
    ]);
    expect(answer.groups.find((g) => g.name === 'group-4')).toEqual({
      name: 'group-4',
      desired: 6,
      inService: 5,
      pending: 1,
      min: 4,
      max: 14,
      metricsCollection: true,
    });
    expect(answer.groups.find((g) => g.name === 'group-5')!.metricsCollection).toBe(false);
    expect(answer.groups).toHaveLength(4);
    expect(answer.missing).toEqual(['nope']);
    expect(fakes.autoScaling.callsTo('DescribeAutoScalingGroups')).toBe(2);
  });

  it('caches to the minute, then retries throttling on the next refresh', async () => {
    fakes.autoScaling.resetCounters();
    const names = ['group-0'];
    await aws.autoScaling.capacity(TEST_ACCOUNT, 'eu-west-1', names);
    const cached = await aws.autoScaling.capacity(TEST_ACCOUNT, 'eu-west-1', names);
    expect(cached.meta.fromCache).toBe(true);
    expect(fakes.autoScaling.calls).toHaveLength(1);
    clock.advance(60_000);
    fakes.autoScaling.throttleNext(1);
    const fresh = await aws.autoScaling.capacity(TEST_ACCOUNT, 'eu-west-1', names);
    expect(fresh.meta.fromCache).toBe(false);
    expect(fakes.autoScaling.calls.map((c) => c.status)).toEqual([200, 400, 200]);
  });
});
