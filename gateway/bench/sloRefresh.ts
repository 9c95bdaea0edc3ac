/**
 * SLO refresh benchmark (issue 11): the Overview, Services page and Wall reload every 10 s; this shows what that
 * costs upstream as the number of viewers grows. The gateway runs in live mode (buildApp, the repository catalog)
 * against the CloudWatch protocol fake on loopback, on a simulated clock. V viewers, each at its own phase, ask every
 * 10 s of simulated time what those pages ask: GET /api/slo and POST /api/query fleet_health (last hour). A first
 * load (the evaluator fetches 30 days of SLI counts) runs before the viewers and is reported on its own.
 *
 * Each viewer's page load is awaited before the clock moves on: the simulated clock stands still during a request,
 * so viewers never overlap. Overlapping requests could only share more (single-flight, the evaluator's shared
 * answer), so the call counts are an upper bound for V viewers.
 *
 * Run: npm run bench:slo   (replaces its own section of gateway/bench/RESULTS.md)
 * Options: --minutes=<n> simulated minutes per V (10), --viewers=1,10,50, --start=<ISO time> (2026-12-03T12:05:00Z),
 *          --no-write (print only)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CatalogService, QueryResponse, SloResponse } from '@opsdeck/contract';
import { parse } from 'yaml';
import { awsSourceConfigSchema } from '../src/sources/aws';
import { USD_PER_METRIC_REQUESTED } from '../src/upstream';
import { SimulatedClock, startAwsFakes, type AwsFakes } from '../tests/aws/harness';
import { startTestGateway, type TestGateway } from '../tests/support/gateway';

const REFRESH_MS = 10_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Real time: a run that has not finished by then is stopped, whatever it is waiting for. */
const HARD_STOP_MS = 20 * MINUTE_MS;
const RESULTS_HEADING = '## SLO-backed pages refreshing every 10 s (`npm run bench:slo`)';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  })
);
const durationMs = Number(args.minutes ?? 10) * MINUTE_MS;
const viewerCounts = String(args.viewers ?? '1,10,50')
  .split(',')
  .map(Number);
/** Five minutes past the hour: ten minutes from there cross no hour boundary (see the hourly figure below). */
const t0 = Date.parse(String(args.start ?? '2026-12-03T12:05:00Z'));

const hardStop = setTimeout(() => {
  console.error(`bench:slo: hard stop after ${HARD_STOP_MS / MINUTE_MS} min of real time`);
  process.exit(3);
}, HARD_STOP_MS);
hardStop.unref();

/** Deterministic viewer phases: screens are not synchronised, each reloads at its own offset. */
function viewerPhases(v: number): number[] {
  let seed = 42;
  return Array.from({ length: v }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % REFRESH_MS;
  });
}

function refreshEvents(v: number, from: number): Array<{ t: number; viewer: number }> {
  const phases = viewerPhases(v);
  return phases
    .flatMap((phase, viewer) =>
      Array.from({ length: durationMs / REFRESH_MS }, (_, k) => ({ t: from + phase + k * REFRESH_MS, viewer }))
    )
    .sort((a, b) => a.t - b.t);
}

interface PageLoad {
  sloMs: number;
  fleetMs: number;
}

/** One refresh of the Services page / Wall: both requests at once, as wallFeed.ts and the Services page send them. */
async function pageLoad(gateway: TestGateway, now: number): Promise<PageLoad> {
  const headers = { authorization: `Bearer ${gateway.token}` };
  const timed = async <T>(request: () => Promise<T>) => {
    const started = performance.now();
    const body = await request();
    return { body, ms: performance.now() - started };
  };
  const [slo, fleet] = await Promise.all([
    timed(async () => {
      const response = await fetch(`${gateway.url}/api/slo`, { headers });
      if (response.status !== 200) throw new Error(`/api/slo answered ${response.status}`);
      return (await response.json()) as SloResponse;
    }),
    timed(async () => {
      const response = await fetch(`${gateway.url}/api/query`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          range: { from: now - HOUR_MS, to: now },
          queries: [{ refId: 'wall', queryType: 'fleet_health' }],
        }),
      });
      if (response.status !== 200) throw new Error(`/api/query answered ${response.status}`);
      return (await response.json()) as QueryResponse;
    }),
  ]);
  if (slo.body.demo) throw new Error('/api/slo answered from the demo fleet: the gateway is not in live mode');
  if (slo.body.notices.length > 0) throw new Error(`/api/slo notices: ${slo.body.notices.join('; ')}`);
  if (!slo.body.services.every((s) => s.objectives.every((o) => o.total > 0))) {
    throw new Error('/api/slo answered an objective without counts');
  }
  if (fleetRows(fleet.body) === 0) throw new Error('fleet_health answered no service');
  return { sloMs: slo.ms, fleetMs: fleet.ms };
}

function fleetRows(answer: QueryResponse): number {
  const result = answer.results.wall;
  if (!result || result.error) throw new Error(`fleet_health failed: ${result?.error ?? 'no result'}`);
  return (result.frames?.[0]?.data.values[0] ?? []).length;
}

/**
 * What the fake was asked, by what asked it: the period and time span of a GetMetricData call tell the SLI tier
 * (countTiers.ts) from the service snapshot's two ranges (cloudwatchSource.ts).
 */
function callShape(periodS: number, spanMs: number): string {
  if (periodS === 3600) return 'SLI counts, hourly tier (30 d → 3 d ago), 3600 s';
  if (periodS === 300 && spanMs > 24 * HOUR_MS) return 'SLI counts, 5-minute tier (3 d → 6 h ago), 300 s';
  if (periodS === 60 && spanMs >= 6 * HOUR_MS && spanMs < 7 * HOUR_MS) return 'SLI counts, 1-minute tier (last 6 h), 60 s';
  if (periodS === 60 && spanMs <= 20 * MINUTE_MS) return 'snapshot: golden signals, last 15 min, 60 s';
  if (spanMs >= 24 * HOUR_MS && spanMs <= 25 * HOUR_MS) return `snapshot: availability, last 24 h, ${periodS} s`;
  return `other: ${periodS} s period over ${(spanMs / HOUR_MS).toFixed(2)} h`;
}

function callShapes(fakes: AwsFakes): Map<string, { calls: number; metrics: number }> {
  const shapes = new Map<string, { calls: number; metrics: number }>();
  for (const r of fakes.cloudwatch.getMetricDataRequests) {
    const key = callShape(r.MetricDataQueries[0]?.MetricStat?.Period ?? 0, (r.EndTime - r.StartTime) * 1000);
    const shape = shapes.get(key) ?? { calls: 0, metrics: 0 };
    shape.calls += 1;
    shape.metrics += r.MetricDataQueries.length;
    shapes.set(key, shape);
  }
  return shapes;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface ViewerRun {
  v: number;
  warmUp: { calls: number; metrics: number; sloMs: number };
  calls: number;
  metrics: number;
  loads: number;
  slo: { p50: number; p99: number };
  fleet: { p50: number; p99: number };
  perMinute: number[];
  shapes: Map<string, { calls: number; metrics: number }>;
  wallS: number;
}

/** The runner bundles this file into a temp dir and runs it from the repository root. */
const root = process.cwd();
const catalogFile = path.join(root, 'provisioning/opsdeck/services.yaml');

async function runViewers(v: number, catalog: CatalogService[]): Promise<ViewerRun> {
  const started = performance.now();
  const clock = new SimulatedClock(t0 - REFRESH_MS);
  const fakes = await startAwsFakes(clock);
  const accounts = [...new Set(catalog.map((s) => s.aws.account ?? '111111111111'))];
  // The gateway's defaults (50 ms merge window), not the tests' 5 ms; every endpoint is a fake on loopback.
  const aws = awsSourceConfigSchema.parse({
    accounts: accounts.map((id) => ({
      id,
      regions: [...new Set(catalog.filter((s) => s.aws.account === id).map((s) => s.aws.region ?? 'eu-west-1'))],
    })),
    endpoints: fakes.config.endpoints,
  });
  for (const endpoint of Object.values(aws.endpoints)) {
    if (!/^http:\/\/127\.0\.0\.1:\d+/.test(endpoint ?? '')) throw new Error(`not a loopback endpoint: ${endpoint}`);
  }
  const gateway = await startTestGateway({
    catalogFile,
    aws,
    awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
    clock: clock.now,
  });
  try {
    const warmStarted = performance.now();
    await pageLoad(gateway, clock.nowMs);
    const warmUp = {
      calls: fakes.cloudwatch.callsTo('GetMetricData'),
      metrics: fakes.cloudwatch.metricsRequested,
      sloMs: performance.now() - warmStarted,
    };
    fakes.cloudwatch.resetCounters();
    const slo: number[] = [];
    const fleet: number[] = [];
    const perMinute = Array.from({ length: durationMs / MINUTE_MS }, () => 0);
    for (const event of refreshEvents(v, t0)) {
      clock.nowMs = event.t;
      const before = fakes.cloudwatch.callsTo('GetMetricData');
      const load = await pageLoad(gateway, event.t);
      perMinute[Math.floor((event.t - t0) / MINUTE_MS)] += fakes.cloudwatch.callsTo('GetMetricData') - before;
      slo.push(load.sloMs);
      fleet.push(load.fleetMs);
    }
    slo.sort((a, b) => a - b);
    fleet.sort((a, b) => a - b);
    return {
      v,
      warmUp,
      calls: fakes.cloudwatch.callsTo('GetMetricData'),
      metrics: fakes.cloudwatch.metricsRequested,
      loads: slo.length,
      slo: { p50: percentile(slo, 50), p99: percentile(slo, 99) },
      fleet: { p50: percentile(fleet, 50), p99: percentile(fleet, 99) },
      perMinute,
      shapes: callShapes(fakes),
      wallS: (performance.now() - started) / 1000,
    };
  } finally {
    await gateway.close();
    await fakes.stop();
  }
}

const perHour = (x: number) => x * (HOUR_MS / durationMs);
const usd = (metrics: number) => metrics * USD_PER_METRIC_REQUESTED;

function writeSection(section: string) {
  const file = path.join(root, 'gateway/bench/RESULTS.md');
  const doc = fs.readFileSync(file, 'utf8');
  const at = doc.indexOf(RESULTS_HEADING);
  if (at < 0) {
    fs.writeFileSync(file, `${doc.trimEnd()}\n\n${section}`);
    return;
  }
  const next = doc.indexOf('\n## ', at + RESULTS_HEADING.length);
  fs.writeFileSync(file, `${doc.slice(0, at)}${section}${next < 0 ? '' : `\n${doc.slice(next + 1)}`}`);
}

async function main() {
  const catalog = (parse(fs.readFileSync(catalogFile, 'utf8')) as { services: CatalogService[] }).services;
  const loadStart = os.loadavg()[0];
  const runs: ViewerRun[] = [];
  for (const v of viewerCounts) {
    const run = await runViewers(v, catalog);
    runs.push(run);
    console.log(
      `V=${v}: warm-up ${run.warmUp.calls} calls / ${run.warmUp.metrics} metrics in ${run.warmUp.sloMs.toFixed(0)} ms; ` +
        `${run.loads} page loads: ${run.calls} calls / ${run.metrics} metrics; calls per minute ${run.perMinute.join(' ')}; ` +
        `${run.wallS.toFixed(1)} s wall`
    );
    for (const [shape, n] of run.shapes) console.log(`    ${shape}: ${n.calls} calls, ${n.metrics} metrics`);
  }
  const base = runs[0];
  const flat = runs.every((r) => r.calls === base.calls && r.metrics === base.metrics);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const rows = runs.map(
    (r) =>
      `| ${r.v} | ${r.loads} | ${perHour(r.calls).toFixed(0)} | ${perHour(r.metrics).toFixed(0)} | $${usd(perHour(r.metrics)).toFixed(4)} | ${(r.calls / base.calls).toFixed(2)}× | ${ms(r.slo.p50)} / ${ms(r.slo.p99)} | ${ms(r.fleet.p50)} / ${ms(r.fleet.p99)} |`
  );
  const table = [
    '| V | page loads | GetMetricData calls/h | metrics/h | USD/h | calls vs V = 1 | /api/slo p50 / p99 | fleet_health p50 / p99 |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const warm = base.warmUp;
  const shapes = [...base.shapes.entries()]
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(([shape, n]) => `| ${shape} | ${n.calls} | ${n.metrics} |`);
  const verdict = flat
    ? `Flat in V: every V made exactly ${base.calls} GetMetricData calls (${base.metrics} metrics) in the ${durationMs / MINUTE_MS} minutes.`
    : `NOT flat in V: calls ${runs.map((r) => `${r.calls} (V = ${r.v})`).join(', ')}; metrics ${runs.map((r) => r.metrics).join(', ')}.`;
  console.log(`\n${table}\n\n${verdict}`);

  const section = `${RESULTS_HEADING}

Command: \`npm run bench:slo\` (gateway/bench/sloRefresh.ts, bundled by gateway/bench/upstream-runner.mjs).

Scenario: the gateway (buildApp, as tests/support/gateway.ts starts it) in live mode over the ${catalog.length} services of
provisioning/opsdeck/services.yaml, every AWS endpoint a protocol fake on loopback (gateway/tests/fakes/aws), the
gateway's default 50 ms merge window, a simulated clock. V viewers each reload every ${REFRESH_MS / 1000} s of simulated time at their own
phase, asking what the Services page and the Wall ask: \`GET /api/slo\` and \`POST /api/query\` fleet_health over the last
hour, both at once, over HTTP. ${durationMs / MINUTE_MS} simulated minutes from ${new Date(t0).toISOString().slice(11, 16)} UTC, after one first
load 10 s earlier. A page load is awaited before the clock moves on (the simulated clock stands still during a
request), so viewers never overlap; overlapping would only share more. Figures per hour = ${durationMs / MINUTE_MS}-minute counts ×
${HOUR_MS / durationMs}; USD = $0.01 per 1,000 metrics requested. Gateway times are real milliseconds on loopback, per request.

First load (not in the table): ${warm.calls} GetMetricData calls, ${warm.metrics} metrics ($${usd(warm.metrics).toFixed(4)}), ${warm.sloMs.toFixed(0)} ms for
the page load: every objective's 30 days of counts in three tiers (hourly, 5-minute, 1-minute; countTiers.ts) and
every service's snapshot.

${table}

${verdict}

Where the calls go, V = ${base.v} (${durationMs / MINUTE_MS} minutes; by period and time span of the GetMetricData call):

| call shape | calls | metrics |
|---|---|---|
${shapes.join('\n')}

Calls per simulated minute, V = ${base.v}: ${base.perMinute.join(', ')}${runs.length > 1 ? `; V = ${runs[runs.length - 1].v}: ${runs[runs.length - 1].perMinute.join(', ')}` : ''}.

Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores, 1-minute load average ${loadStart.toFixed(1)} at the
start and ${os.loadavg()[0].toFixed(1)} at the end (shared machine: the gateway times are an upper bound).
`;
  if (args['no-write'] !== 'true') {
    writeSection(section);
    console.log('\nwrote its section of gateway/bench/RESULTS.md');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  }
);
