/**
 * TV-wall benchmark (issue 3 §7): V viewers each refresh the shipped overview and infrastructure dashboards
 * (dashboards/*.json, variables = All; see upstreamScenario.ts) every 10 s for 10 minutes of simulated time, against
 * the CloudWatch protocol fake through the real SDK client.
 *   Opsdeck: every CloudWatch metric a panel query needs goes through the gateway's CloudWatchFetcher (window merge,
 *            single-flight, period-aligned cache, 500-query packing), as the AWS source asks it.
 *   Per-panel client: one GetMetricData per panel per viewer per refresh (per account/region the panel spans), no
 *            cache — how Grafana's built-in CloudWatch datasource batches (within one panel request only).
 * Run: npm run bench:upstream   (replaces its section of gateway/bench/RESULTS.md)
 *      npm run bench:upstream -- --replicas=3   (N gateways sharing Redis instead: upstreamReplicas.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CatalogService } from '@opsdeck/contract';
import { AwsClients, awsSourceConfigSchema } from '../src/sources/aws';
import { CloudWatchFetcher } from '../src/sources/cloudwatch';
import { USD_PER_METRIC_REQUESTED } from '../src/upstream';
import { CloudWatchFake } from '../tests/fakes/aws';
import { replaceSection } from './resultsFile';
import { DURATION_MS, perHour, REFRESH_MS, refreshEvents, SimClock, SimTimers, T0 } from './simulation';
import { replicasArgument, runReplicaBench } from './upstreamReplicas';
import { loadScenario, panelQuery, perPanelCalls, type BenchPanel } from './upstreamScenario';

process.env.AWS_ACCESS_KEY_ID ??= 'AKIDBENCH';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench-not-a-secret';
process.env.AWS_REGION ??= 'eu-west-1';

const VIEWER_COUNTS = [1, 10, 50];
/** A per-panel client shares nothing between viewers, so above this V its traffic is V × the measured V=1 traffic. */
const MEASURE_BASELINE_UP_TO = Number(process.env.BENCH_MEASURE_BASELINE_UP_TO ?? 10);
const DEFAULT_ACCOUNT = { account: '111111111111', region: 'eu-west-1' };
const RESULTS_HEADING = '# Upstream benchmark: TV wall against the CloudWatch fake';

interface RunResult {
  calls: number;
  metrics: number;
  measured: boolean;
}

async function runOpsdeck(v: number, fake: CloudWatchFake, clients: AwsClients, clock: SimClock, panels: BenchPanel[]) {
  const timers = new SimTimers(clock);
  const fetcher = new CloudWatchFetcher({ clients, clock, timers, refreshWindowMs: 50 });
  fake.resetCounters();
  let outstanding: Promise<unknown>[] = [];
  let errors = 0;
  const settle = async () => {
    const results = await Promise.allSettled(outstanding);
    errors += results.filter((r) => r.status === 'rejected').length;
    outstanding = [];
  };
  const fireTimersUpTo = async (t: number) => {
    for (let timer = timers.takeDue(t); timer; timer = timers.takeDue(t)) {
      clock.nowMs = timer.due;
      timer.fn();
      await settle();
    }
  };
  for (const event of refreshEvents(v)) {
    await fireTimersUpTo(event.t);
    clock.nowMs = event.t;
    for (const panel of panels) {
      for (const q of panel.queries) outstanding.push(panelQuery(fetcher, q, event.t));
    }
  }
  await fireTimersUpTo(Number.POSITIVE_INFINITY);
  await settle();
  if (errors > 0) throw new Error(`${errors} Opsdeck panel queries failed`);
  return { result: { calls: fake.callsTo('GetMetricData'), metrics: fake.metricsRequested, measured: true }, fetcher };
}

async function runPerPanelClient(
  v: number,
  fake: CloudWatchFake,
  clients: AwsClients,
  clock: SimClock,
  panels: BenchPanel[]
): Promise<RunResult> {
  fake.resetCounters();
  const byPanel = panels.map(perPanelCalls);
  for (const event of refreshEvents(v)) {
    clock.nowMs = event.t;
    const end = Math.floor(event.t / 60_000) * 60_000;
    await Promise.all(
      byPanel.flatMap((groups) =>
        groups.map((inputs) =>
          clients.cloudwatch(inputs[0].identity.account, inputs[0].identity.region).send(
            new GetMetricDataCommand({
              StartTime: new Date(end - inputs[0].windowMs),
              EndTime: new Date(end),
              MetricDataQueries: inputs.map((i, n) => ({
                Id: `q${n}`,
                MetricStat: {
                  Metric: {
                    Namespace: i.identity.namespace,
                    MetricName: i.identity.metricName,
                    Dimensions: Object.entries(i.identity.dimensions).map(([Name, Value]) => ({ Name, Value })),
                  },
                  // Grafana's auto period: 1 min for the last hour, 5 min for a day.
                  Period: i.windowMs > 3 * 3_600_000 ? 300 : 60,
                  Stat: i.identity.stat,
                },
              })),
            })
          )
        )
      )
    );
  }
  return { calls: fake.callsTo('GetMetricData'), metrics: fake.metricsRequested, measured: true };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Gateway overhead of one panel query answered from cache: no upstream call at all. */
async function cacheHitOverhead(fetcher: CloudWatchFetcher, clock: SimClock, panels: BenchPanel[]) {
  const queries = panels.flatMap((p) => p.queries);
  const samples: number[] = [];
  const t = clock.nowMs;
  for (let round = 0; round < 40; round++) {
    for (const q of queries) {
      const started = performance.now();
      const series = await panelQuery(fetcher, q, t);
      samples.push(performance.now() - started);
      if (!series.every((s) => s.meta.fromCache)) throw new Error('cache-hit measurement reached upstream');
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}

const usdPerHour = (metrics: number) => perHour(metrics) * USD_PER_METRIC_REQUESTED;

async function main() {
  const root = path.resolve(__dirname.includes('opsdeck-bench-') ? process.cwd() : path.join(__dirname, '../..'));
  const catalog = (
    parse(fs.readFileSync(path.join(root, 'provisioning/opsdeck/services.yaml'), 'utf8')) as {
      services: CatalogService[];
    }
  ).services;
  const { panels, notCounted } = loadScenario(root, catalog, DEFAULT_ACCOUNT);
  const accounts = [...new Set(catalog.map((s) => s.aws.account ?? DEFAULT_ACCOUNT.account))].map((id) => ({
    id,
    regions: [...new Set(catalog.filter((s) => s.aws.account === id).map((s) => s.aws.region ?? 'eu-west-1'))],
  }));
  const queriesPerRefresh = panels.reduce((s, p) => s + p.queries.length, 0);
  const metricsPerRefresh = panels.reduce((s, p) => s + p.queries.reduce((n, q) => n + q.requests.length, 0), 0);
  const panelsOf = (d: BenchPanel['dashboard']) => panels.filter((p) => p.dashboard === d).length;
  console.log(
    `catalog: ${catalog.length} services; ${panels.length} CloudWatch panels (overview ${panelsOf('overview')}, infrastructure ${panelsOf('infrastructure')}), ${queriesPerRefresh} panel queries and ${metricsPerRefresh} metric fetches per viewer refresh; refresh ${REFRESH_MS / 1000} s for ${DURATION_MS / 60_000} min simulated`
  );
  for (const line of notCounted) console.log(`not counted (no GetMetricData): ${line}`);
  const replicas = replicasArgument(process.argv.slice(2));
  if (replicas !== undefined) {
    await runReplicaBench({ root, catalog, panels, accounts, replicas });
    return;
  }

  const clock = new SimClock();
  const fake = new CloudWatchFake({ now: clock.now });
  await fake.start();
  const config = awsSourceConfigSchema.parse({ accounts, endpoints: { cloudwatch: fake.endpoint } });
  const clients = new AwsClients(config);

  const rows: string[] = [];
  let baselineV1: RunResult | undefined;
  let overhead: Awaited<ReturnType<typeof cacheHitOverhead>> | undefined;
  for (const v of VIEWER_COUNTS) {
    clock.nowMs = T0;
    const started = performance.now();
    const { result: ops, fetcher } = await runOpsdeck(v, fake, clients, clock, panels);
    if (v === VIEWER_COUNTS[VIEWER_COUNTS.length - 1]) overhead = await cacheHitOverhead(fetcher, clock, panels);
    clock.nowMs = T0;
    let base: RunResult;
    if (v <= MEASURE_BASELINE_UP_TO) {
      base = await runPerPanelClient(v, fake, clients, clock, panels);
      if (v === 1) baselineV1 = base;
    } else {
      base = { calls: baselineV1!.calls * v, metrics: baselineV1!.metrics * v, measured: false };
    }
    const ratioCalls = base.calls / ops.calls;
    const ratioUsd = base.metrics / ops.metrics;
    const row = `| ${v} | ${perHour(ops.calls).toFixed(0)} | ${perHour(ops.metrics).toFixed(0)} | $${usdPerHour(ops.metrics).toFixed(4)} | ${perHour(base.calls).toFixed(0)} | ${perHour(base.metrics).toFixed(0)} | $${usdPerHour(base.metrics).toFixed(4)} | ${ratioCalls.toFixed(0)}× | ${ratioUsd.toFixed(0)}× | ${base.measured ? 'measured' : `V × measured V=1`} |`;
    rows.push(row);
    console.log(
      `V=${v}: Opsdeck ${ops.calls} calls / ${ops.metrics} metrics; per-panel client ${base.calls} calls / ${base.metrics} metrics (${base.measured ? 'measured' : 'derived'}); ${((performance.now() - started) / 1000).toFixed(1)} s wall`
    );
  }
  clients.destroy();
  await fake.stop();
  (globalThis as { gc?: () => void }).gc?.();
  const rssMb = process.memoryUsage().rss / 1024 / 1024;

  const table = [
    '| V | Opsdeck calls/h | Opsdeck metrics/h | Opsdeck USD/h | per-panel calls/h | per-panel metrics/h | per-panel USD/h | ratio (calls) | ratio (metrics = USD) | per-panel figures |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const overheadLine = `Gateway overhead per panel query on a cache hit: p50 ${(overhead!.p50 * 1000).toFixed(0)} µs, p99 ${(overhead!.p99 * 1000).toFixed(0)} µs (${overhead!.samples} samples); RSS after the run ${rssMb.toFixed(0)} MB.`;
  console.log(`\n${table}\n\n${overheadLine}`);

  const doc = `${RESULTS_HEADING}

Command: \`npm run bench:upstream\` (gateway/bench/upstream.ts, bundled by gateway/bench/upstream-runner.mjs).

Scenario: the SHIPPED dashboards, read from dashboards/overview.json and dashboards/infrastructure.json with every
variable = All (gateway/bench/upstreamScenario.ts), over ${catalog.length} catalog services (provisioning/opsdeck/services.yaml). Each panel
target becomes, per selected service, the CloudWatch metrics the gateway's AWS source fetches for it (the same plans:
planServiceMetric, planInfraMetric, ASG Group* metrics; fleet_health = latest 4 golden signals over 15 min + availability
over 24 h; other panels over the dashboards' last hour). That is ${panels.length} CloudWatch panels (overview ${panelsOf('overview')},
infrastructure ${panelsOf('infrastructure')}), ${queriesPerRefresh} panel queries and ${metricsPerRefresh} metric fetches per viewer refresh. V viewers refresh both
dashboards every ${REFRESH_MS / 1000} s for ${DURATION_MS / 60_000} minutes of simulated time, at independent phases. Every call goes
through the real @aws-sdk/client-cloudwatch to the protocol fake (gateway/tests/fakes/aws), which counts GetMetricData calls and
metrics. Figures are per hour (10-minute counts × 6). USD = $0.01 per 1,000 metrics requested.

Not counted (no GetMetricData call):
${[...notCounted, "infrastructure / Capacity: the DescribeAutoScalingGroups call (free; the gateway caches it per minute). Its Group* metrics are counted, as when the group's metrics collection is on"].map((line) => `- ${line}`).join('\n')}

- Opsdeck: the gateway's CloudWatchFetcher (50 ms merge window, single-flight, cache fresh until the next period
  boundary, ≤500 queries per call).
- Per-panel client: one GetMetricData per panel per viewer per refresh (one per account/region and time window a
  panel spans), no cache; 60 s period for the last hour, 300 s for 24 h. Above V = ${MEASURE_BASELINE_UP_TO} its figures are
  V × the measured V = 1 traffic (it shares nothing between viewers); set BENCH_MEASURE_BASELINE_UP_TO=50 to
  measure them too.

${table}

${overheadLine}

Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, shared 2-core machine (1-minute load average at the end
${os.loadavg()[0].toFixed(1)}: other work was running, so the overhead percentiles are an upper bound, not a clean-machine figure).
`;
  // Its section only: the other benches keep theirs in the same file.
  replaceSection(path.join(root, 'gateway/bench/RESULTS.md'), RESULTS_HEADING, doc);
  console.log('\nwrote its section of gateway/bench/RESULTS.md');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
