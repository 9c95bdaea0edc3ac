// Replicas sharing the real Redis at 127.0.0.1:6379 (under a throwaway key prefix), each with its own connection
// and in-process state as separate processes would have, against the AWS protocol fakes through the real SDK.
import '../aws/fakeCredentials';
import crypto from 'node:crypto';
import Redis from 'ioredis';
import { RedisSharedCache } from '../../src/cluster/redisSharedCache';
import { AwsClients } from '../../src/sources/aws';
import { createAwsSources, type AwsSources } from '../../src/sources/aws/awsSources';
import { CloudWatchFetcher, type MetricStatRequest } from '../../src/sources/cloudwatch';
import { SharedFlight } from '../../src/upstream';
import { TEST_ACCOUNT } from '../aws/fakeCredentials';
import { SimulatedClock, startAwsFakes, type AwsFakes } from '../aws/harness';
import { TcpProxy } from '../support/tcpProxy';

const REDIS_URL = 'redis://127.0.0.1:6379';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 30);
jest.setTimeout(30_000);

let clock: SimulatedClock;
let fakes: AwsFakes;
let clients: AwsClients;
let admin: Redis;
let prefix: string;
const opened: Array<{ close(): void | Promise<void> }> = [];

beforeAll(async () => {
  clock = new SimulatedClock(T0);
  fakes = await startAwsFakes(clock);
  clients = new AwsClients(fakes.config);
  admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  clients.destroy();
  await fakes.stop();
  admin.disconnect();
});
beforeEach(() => {
  prefix = `opsdeck-test:${crypto.randomBytes(6).toString('hex')}`;
  clock.nowMs = T0;
  fakes.cloudwatch.heal();
  fakes.cloudwatch.resetCounters();
  fakes.costExplorer.heal();
  fakes.costExplorer.resetCounters();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  const keys = await admin.keys(`${prefix}:*`);
  if (keys.length > 0) await admin.del(...keys);
});

async function redisCache(url = REDIS_URL, expectUp = true, coolOffMs?: number): Promise<RedisSharedCache> {
  const cache = new RedisSharedCache({ url, prefix, coolOffMs });
  opened.push(cache);
  if (expectUp) expect(await cache.waitUntilUp(5_000)).toBe(true);
  return cache;
}

/** One replica's CloudWatch fetcher: its own in-process cache and merge window, Redis shared. */
function replica(cache: RedisSharedCache): CloudWatchFetcher {
  const fetcher = new CloudWatchFetcher({
    clients,
    clock,
    refreshWindowMs: 5,
    sleep: async () => undefined,
    random: () => 0.5,
    shared: new SharedFlight({ cache, namespace: 'cloudwatch', clock }),
  });
  opened.push({ close: () => fetcher.flush() });
  return fetcher;
}

const series = (group: string): MetricStatRequest => ({
  account: TEST_ACCOUNT,
  region: 'eu-west-1',
  namespace: 'AWS/EC2',
  metricName: 'CPUUtilization',
  dimensions: { AutoScalingGroupName: group },
  stat: 'Average',
  startMs: T0 - HOUR,
  endMs: T0,
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('CloudWatch across replicas', () => {
  it('three replicas make one GetMetricData call for a series, in turn', async () => {
    const [a, b, c] = await Promise.all([redisCache(), redisCache(), redisCache()]).then((caches) =>
      caches.map(replica)
    );
    const first = await a.fetch(series('web'));
    const [second, third] = [await b.fetch(series('web')), await c.fetch(series('web'))];
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(1);
    expect(first.meta.fromCache).toBe(false);
    expect([second.meta.fromCache, third.meta.fromCache]).toEqual([true, true]);
    expect(second.values).toEqual(first.values);
    expect(third.timestamps).toEqual(first.timestamps);
    expect((await admin.keys(`${prefix}:v1:cloudwatch:*`)).length).toBe(1);
  });

  it('concurrent misses on two replicas single-flight to one call', async () => {
    fakes.cloudwatch.delay(150);
    const [a, b] = await Promise.all([redisCache(), redisCache()]).then((caches) => caches.map(replica));
    const answers = await Promise.all([a.fetch(series('api')), b.fetch(series('api')), b.fetch(series('api'))]);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(1);
    // One replica called CloudWatch, the other read its answer; B's two requests shared one flight in process.
    expect([answers[0].meta.fromCache, answers[1].meta.fromCache].sort()).toEqual([false, true]);
    expect(answers[2]).toBe(answers[1]);
    expect(answers[1].values).toEqual(answers[0].values);
  });

  it('fetches again once the period has passed on the gateway clock, once for all replicas', async () => {
    const [a, b] = await Promise.all([redisCache(), redisCache()]).then((caches) => caches.map(replica));
    await a.fetch(series('batch'));
    clock.advance(60_000);
    const later = { ...series('batch'), startMs: T0 + 60_000 - HOUR, endMs: T0 + 60_000 };
    await Promise.all([b.fetch(later), a.fetch(later)]);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(2);
  });
});

describe('Cost Explorer across replicas', () => {
  it('two gateways make one GetCostAndUsage call for the same breakdown, concurrent or not', async () => {
    fakes.costExplorer.delay(100);
    const gateways: AwsSources[] = await Promise.all([redisCache(), redisCache()]).then((caches) =>
      caches.map((sharedCache) =>
        createAwsSources(fakes.config, { clock, sleep: async () => undefined, random: () => 0.5, sharedCache })
      )
    );
    opened.push(...gateways);
    const range = { start: '2026-11-01', end: '2026-11-27' };
    const [a, b] = await Promise.all(gateways.map((g) => g.cost.costByGroup(range, { by: 'service' })));
    const c = await gateways[1].cost.costByGroup(range, { by: 'service' });
    expect(fakes.costExplorer.callsTo('GetCostAndUsage')).toBe(1);
    expect(b.total).toBeCloseTo(a.total, 9);
    expect(c.groups).toEqual(a.groups);
    expect([a.meta.fromCache, b.meta.fromCache].sort()).toEqual([false, true]);
  });
});

describe('Redis unreachable or lost', () => {
  it('answers from each replica’s own cache when Redis cannot be reached, without waiting on it', async () => {
    const [a, b] = await Promise.all([
      redisCache('redis://127.0.0.1:1', false),
      redisCache('redis://127.0.0.1:1', false),
    ]).then((caches) => caches.map(replica));
    const first = await timed(() => Promise.all([a.fetch(series('web')), b.fetch(series('web'))]));
    expect(first.value.map((s) => s.values.length)).toEqual([61, 61]);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(2);
    const again = await timed(() => a.fetch(series('web')));
    expect(again.value.meta.fromCache).toBe(true);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(2);
    expect(first.ms).toBeLessThan(1_000);
    expect(again.ms).toBeLessThan(50);
  });

  it('says so in its health, with the reason and without the password', async () => {
    const cache = await redisCache('redis://opsdeck:s3cret-pw@127.0.0.1:1', false);
    await cache.waitUntilUp(300);
    const health = await cache.health();
    expect(health).toMatchObject({ configured: true, state: 'down' });
    expect(health.notice).toMatch(/own in-process cache/);
    expect(health.message).toContain('redis://opsdeck:***@127.0.0.1:1');
    expect(health.message).toContain('ECONNREFUSED');
    expect(JSON.stringify(health)).not.toContain('s3cret');
    const up = await redisCache();
    expect(await up.health()).toEqual({ configured: true, state: 'up' });
  });

  it('keeps answering when Redis goes away mid-run, and shares again once it is back', async () => {
    const proxy = new TcpProxy({ host: '127.0.0.1', port: 6379 });
    await proxy.start();
    opened.push({ close: () => proxy.stop() });
    const caches = await Promise.all([redisCache(proxy.url, true, 1_000), redisCache(proxy.url, true, 1_000)]);
    const [a, b] = caches.map(replica);
    await a.fetch(series('before'));
    await b.fetch(series('before'));
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(1);

    await proxy.cut();
    const during = await timed(() => Promise.all([a.fetch(series('during')), b.fetch(series('during'))]));
    expect(during.value.map((s) => s.values.length)).toEqual([61, 61]);
    expect(during.ms).toBeLessThan(1_000);
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(3);
    expect((await b.fetch(series('before'))).meta.fromCache).toBe(true);
    expect((await caches[0].health()).state).toBe('down');

    await proxy.restore();
    expect(await caches[0].waitUntilUp(10_000)).toBe(true);
    expect(await caches[1].waitUntilUp(10_000)).toBe(true);
    await waitFor(async () => (await caches[0].health()).state === 'up' && (await caches[1].health()).state === 'up');
    await a.fetch(series('after'));
    await b.fetch(series('after'));
    expect(fakes.cloudwatch.callsTo('GetMetricData')).toBe(4);
  });

  it('waits at most the command timeout on a Redis that hangs, then stops asking for a while', async () => {
    const proxy = new TcpProxy({ host: '127.0.0.1', port: 6379 });
    await proxy.start();
    opened.push({ close: () => proxy.stop() });
    const cache = await redisCache(proxy.url);
    const a = replica(cache);
    proxy.stall();
    const first = await timed(() => a.fetch(series('hung-1')));
    const second = await timed(() => a.fetch(series('hung-2')));
    expect(first.value.values).toHaveLength(61);
    // One command timeout (200 ms) and the upstream call; then the circuit is open and Redis is not asked at all.
    expect(first.ms).toBeGreaterThanOrEqual(190);
    expect(first.ms).toBeLessThan(800);
    expect(second.ms).toBeLessThan(150);
    const health = await timed(() => cache.health());
    expect(health.value).toMatchObject({ state: 'down' });
    expect(health.value.message).toMatch(/timed out/i);
    expect(health.ms).toBeLessThan(50);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
