/**
 * `npm run bench:upstream -- --replicas=N` (issue 14 §4): the TV wall of upstream.ts spread round-robin over N
 * gateways behind a load balancer. Each gateway is built as the server builds it (createAwsSources: its own
 * CloudWatch fetcher, merge window, in-process caches, Cost Explorer source and SDK clients, as a separate process
 * would have) and its own connection to the real Redis (OPSDECK_REDIS_URL, default 127.0.0.1:6379) under a
 * throwaway key prefix. Compared: 1 gateway and N gateways, with and without the shared cache.
 *
 * Simulated time with real I/O: after every refresh event and every timer, the driver waits until no SDK call and
 * no Redis command is in flight, so every request has reached its merge window or its wait on another replica
 * before the simulated clock moves on.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { CatalogService } from '@opsdeck/contract';
import { RedisSharedCache } from '../src/cluster/redisSharedCache';
import { awsSourceConfigSchema, type AwsAccountConfig } from '../src/sources/aws';
import { createAwsSources, type AwsSources } from '../src/sources/aws/awsSources';
import { addDays, isoDay, type CostGrouping } from '../src/sources/costexplorer';
import { USD_PER_METRIC_REQUESTED } from '../src/upstream';
import { CloudWatchFake, CostExplorerFake } from '../tests/fakes/aws';
import { countingCache, countSends, InFlight } from './inFlight';
import { replaceSection } from './resultsFile';
import { DURATION_MS, perHour, REFRESH_MS, refreshEvents, SimClock, SimTimers } from './simulation';
import { panelQuery, type BenchPanel } from './upstreamScenario';

const VIEWER_COUNTS = [10, 50];
const DAY_MS = 86_400_000;
const RESULTS_HEADING = '## Upstream calls with replicas sharing Redis (`npm run bench:upstream -- --replicas=N`)';

/** `--replicas=3` or `--replicas 3`; undefined without the flag. */
export function replicasArgument(argv: string[]): number | undefined {
  const at = argv.findIndex((a) => a === '--replicas' || a.startsWith('--replicas='));
  if (at < 0) return undefined;
  const text = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`--replicas: expected 1 to 16 gateways, got ${text}`);
  return n;
}

interface BenchInput {
  root: string;
  catalog: CatalogService[];
  panels: BenchPanel[];
  accounts: AwsAccountConfig[];
  replicas: number;
}

interface SetFigures {
  gateways: number;
  redis: boolean;
  calls: number;
  metrics: number;
  costRequests: number;
  redisCommands: number;
  wallS: number;
}

/** The Cost dashboard's seven Cost Explorer panels (dashboards/cost.json, variables = All, last 30 days). */
function costPanels(aws: AwsSources, t: number, tagKey: string | undefined): Array<Promise<unknown>> {
  const range = { start: isoDay(t - 30 * DAY_MS), end: addDays(isoDay(t), 1) };
  const byTag: CostGrouping = tagKey ? { by: 'tag', key: tagKey } : { by: 'service' };
  const byService: CostGrouping = { by: 'service' };
  return [
    aws.cost.monthToDate(byTag),
    aws.cost.forecast(byTag),
    aws.cost.dailyTrend(range, byTag),
    aws.cost.costByGroup(range, byTag, Number.MAX_SAFE_INTEGER),
    aws.cost.dailyTrend(range, byService),
    aws.cost.costByGroup(range, byService, Number.MAX_SAFE_INTEGER),
    aws.cost.anomalies(range),
  ];
}

async function connected(url: string, prefix: string): Promise<RedisSharedCache> {
  const cache = new RedisSharedCache({ url, prefix });
  if (!(await cache.waitUntilUp(5_000))) {
    cache.close();
    throw new Error(`Redis at ${url} did not answer: the replica benchmark needs it (OPSDECK_REDIS_URL)`);
  }
  return cache;
}

async function runSet(input: BenchInput, v: number, gateways: number, redisUrl: string | undefined) {
  const clock = new SimClock();
  const timers = new SimTimers(clock);
  const fakes = { cloudwatch: new CloudWatchFake({ now: clock.now }), costExplorer: new CostExplorerFake() };
  await Promise.all([fakes.cloudwatch.start(), fakes.costExplorer.start()]);
  const inFlight = new InFlight();
  const prefix = `opsdeck-bench:${crypto.randomBytes(6).toString('hex')}`;
  const caches = redisUrl ? await Promise.all(Array.from({ length: gateways }, () => connected(redisUrl, prefix))) : [];
  const config = awsSourceConfigSchema.parse({
    accounts: input.accounts,
    endpoints: { cloudwatch: fakes.cloudwatch.endpoint, costExplorer: fakes.costExplorer.endpoint },
  });
  const replicas = Array.from({ length: gateways }, (_, i) => {
    const aws = createAwsSources(config, {
      clock,
      timers,
      sleep: async () => undefined,
      random: () => 0.5,
      sharedCache: caches[i] && countingCache(caches[i], inFlight),
    });
    for (const account of config.accounts) {
      for (const region of account.regions) countSends(aws.clients.cloudwatch(account.id, region), inFlight);
    }
    countSends(aws.clients.costExplorer(config.accounts[0].id), inFlight);
    return aws;
  });
  const tagKey = input.catalog.find((s) => s.costAllocationTag)?.costAllocationTag?.key;
  const started = performance.now();
  let pending = 0;
  let errors = 0;
  const track = (p: Promise<unknown>) => {
    pending += 1;
    // Results are dropped at once: 50 viewers × 60 refreshes of every series would not fit in memory.
    p.then(
      () => (pending -= 1),
      () => {
        pending -= 1;
        errors += 1;
      }
    );
  };
  const fireTimersUpTo = async (t: number) => {
    for (let timer = timers.takeDue(t); timer; timer = timers.takeDue(t)) {
      clock.nowMs = timer.due;
      timer.fn();
      await inFlight.idle();
    }
  };
  for (const event of refreshEvents(v)) {
    await fireTimersUpTo(event.t);
    clock.nowMs = event.t;
    const aws = replicas[event.viewer % gateways];
    for (const panel of input.panels) for (const q of panel.queries) track(panelQuery(aws.cloudwatch, q, event.t));
    for (const p of costPanels(aws, event.t, tagKey)) track(p);
    await inFlight.idle();
  }
  await fireTimersUpTo(Number.POSITIVE_INFINITY);
  await inFlight.idle();
  if (pending > 0) throw new Error(`${pending} panel queries never settled`);
  if (errors > 0) throw new Error(`${errors} panel queries failed`);
  const figures: SetFigures = {
    gateways,
    redis: redisUrl !== undefined,
    calls: fakes.cloudwatch.callsTo('GetMetricData'),
    metrics: fakes.cloudwatch.metricsRequested,
    costRequests: fakes.costExplorer.calls.length,
    redisCommands: inFlight.commands,
    wallS: (performance.now() - started) / 1000,
  };
  await Promise.all(replicas.map((aws) => aws.close()));
  await Promise.all([fakes.cloudwatch.stop(), fakes.costExplorer.stop()]);
  for (const cache of caches) cache.close();
  if (redisUrl) await dropKeys(redisUrl, prefix);
  return figures;
}

async function dropKeys(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export async function runReplicaBench(input: BenchInput): Promise<void> {
  const redisUrl = process.env.OPSDECK_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const n = input.replicas;
  const rows: string[] = [];
  const ratios: string[] = [];
  for (const v of VIEWER_COUNTS) {
    const sets: Array<[number, string | undefined]> = [
      [1, undefined],
      [1, redisUrl],
      [n, redisUrl],
      [n, undefined],
    ];
    const figures: SetFigures[] = [];
    for (const [gateways, url] of sets) {
      const f = await runSet(input, v, gateways, url);
      figures.push(f);
      console.log(
        `V=${v}, ${gateways} gateway(s) ${url ? 'sharing Redis' : 'without Redis'}: ${f.calls} GetMetricData calls / ${f.metrics} metrics, ${f.costRequests} Cost Explorer requests, ${f.redisCommands} Redis commands; ${f.wallS.toFixed(1)} s wall`
      );
    }
    const one = figures[1];
    for (const f of figures) {
      rows.push(
        `| ${v} | ${f.gateways} | ${f.redis ? 'shared' : 'none'} | ${perHour(f.calls).toFixed(0)} | ${perHour(f.metrics).toFixed(0)} | $${(perHour(f.metrics) * USD_PER_METRIC_REQUESTED).toFixed(4)} | ${f.costRequests} | ${perHour(f.redisCommands).toFixed(0)} | ${ratio(f.calls, one.calls)} | ${ratio(f.metrics, one.metrics)} |`
      );
    }
    const [, shared1, sharedN, ownN] = figures;
    ratios.push(
      `V=${v}: ${n} gateways sharing Redis / 1 gateway = ${ratio(sharedN.calls, shared1.calls)} GetMetricData calls, ${ratio(sharedN.metrics, shared1.metrics)} metrics, ${ratio(sharedN.costRequests, shared1.costRequests)} Cost Explorer requests; without Redis ${ratio(ownN.calls, shared1.calls)}, ${ratio(ownN.metrics, shared1.metrics)}, ${ratio(ownN.costRequests, shared1.costRequests)}`
    );
  }
  const table = [
    '| V | gateways | cache | GetMetricData calls/h | metrics/h | USD/h | Cost Explorer requests (10 min) | Redis commands/h | calls vs 1 gateway on Redis | metrics vs 1 gateway on Redis |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(`\n${table}\n\n${ratios.join('\n')}`);
  const section = `${RESULTS_HEADING}

Command: \`npm run bench:upstream -- --replicas=${n}\` (gateway/bench/upstreamReplicas.ts; Redis from OPSDECK_REDIS_URL, default
redis://127.0.0.1:6379, under a throwaway key prefix deleted afterwards).

The TV wall above (the shipped overview and infrastructure dashboards, every variable = All, ${REFRESH_MS / 1000} s refresh for
${DURATION_MS / 60_000} simulated minutes), plus each viewer's Cost dashboard (its seven Cost Explorer panels over the last 30 days), with
the viewers spread round-robin over the gateways as a load balancer would. Each gateway is built as the server builds
it (createAwsSources: its own fetcher, 50 ms merge window, in-process caches and SDK clients) with its own Redis
connection. Cache "shared": OPSDECK_REDIS_URL set; "none": each gateway only its own in-process cache, as before
issue 14. GetMetricData figures are per hour (10-minute counts × 6); Cost Explorer answers are cached for 6 h, so its
column is the count over the 10 minutes: the first fill, which then holds for the cache's lifetime. Redis
commands: GET, SET, SET NX (lock) and the lock release, per hour.

${table}

${ratios.map((line) => `- ${line}`).join('\n')}

Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, Redis on loopback, shared 2-core machine (load average
${os.loadavg()[0].toFixed(1)} at the end).
`;
  replaceSection(path.join(input.root, 'gateway/bench/RESULTS.md'), RESULTS_HEADING, section);
  console.log('\nwrote its section of gateway/bench/RESULTS.md');
}
