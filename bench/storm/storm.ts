/**
 * `npm run bench:storm`: the alert storm (issue: "with 50,000 open alerts over 50 services …"). The BUILT gateway
 * (gateway/dist, rebuilt first when older than its sources) as its own process on loopback, SQLite in a temp dir,
 * a 50-service catalog, alerts posted through the real `POST /webhooks/alertmanager` (Alertmanager payload v4,
 * 100 alerts per notification). The store grows to 1k, 10k and 50k open alerts; at each size:
 *   ingest   — alerts/s while growing to that size (4 notifications in flight), answer p50/p99;
 *   reads    — sequential requests on one keep-alive connection, p50/p99 after a warm-up: first page
 *              (`limit=100`), a deep page (the cursor walked to the middle, then that page timed), one service's
 *              first page, `facets=true`, one group's members (alertname + service), `GET /api/alerts/groups`;
 *   export   — `GET /api/alerts/export?format=ndjson` of the whole open set: time, bytes, lines against `total`;
 *   burst    — 2,000 alerts/s for 10 s (20 notifications/s, open loop, at most 32 in flight) re-firing stored
 *              alerts with a new templated value in their summary (each delivery is news, so a stored change and
 *              an event), with a compact (`?view=compact`) and a full `GET /api/events` reader connected: bytes/s
 *              and events each received, the webhook answers' p50/p99, the gateway's CPU and event-loop delay
 *              (its /metrics: prom-client's monitorEventLoopDelay, reset by each scrape).
 *   browser  — when dist/ is built (npm run build:plugins): the Alerts page in the test host, Chromium (see
 *              stormBrowser.ts), then the same burst again with the page open: the tab's long tasks and bytes/s.
 * After 50k, one more burst of 20,000 NEW alerts (50k → 70k stored). Endpoints that answer 404 are reported as not
 * available and skipped. Facets and groups are shared by the gateway for a moment (readCoalescer's FRESH_MS, longer
 * while nothing is written), so each is timed twice: repeated (the shared answer) and computed (a new question, or a
 * write and a wait past FRESH_MS before each).
 * A benchmark, not a test: nothing fails on a figure.
 *
 * Options (environment): BENCH_STORM_SIZES=1000,10000,50000  BENCH_STORM_REQUESTS=300 (timed per read, ≥ 200)
 * BENCH_STORM_COLD_SAMPLES=30  BENCH_STORM_BURST_SECONDS=10  BENCH_STORM_NAVIGATIONS=3  BENCH_STORM_BROWSER=0 (skip
 * the browser)  BENCH_STORM_JSON=<file> (also write the figures as JSON there; bench/storm/results/ is not ignored
 * by git, so nothing is written by default).
 */
import { type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FRESH_MS } from '../../gateway/src/alerts/readCoalescer';
import { startBuiltGateway, type BuiltGateway } from '../../gateway/tests/support/builtGateway';
import { browserUnavailable, StormBrowser, type BrowserFigures, type TabBurst } from './stormBrowser';
import { ALERT_NAMES, membersOf, notificationBody, serviceName, writeCatalog } from './stormAlerts';
import {
  metricValues,
  percentile,
  readEventStream,
  request,
  streamedGet,
  type Answer,
  type EventStreamReader,
} from './stormHttp';

const TOKEN = 'bench-storm-api-token-0123456789abcdef';
const WEBHOOK_TOKEN = 'bench-storm-webhook-token-0123456789';
const SIZES = (process.env.BENCH_STORM_SIZES ?? '1000,10000,50000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_STORM_REQUESTS ?? 300);
const WARMUP = 20;
/** A read that is still not done after this long stops with the samples it has (the table says how many). */
const READ_BUDGET_MS = 45_000;
const BATCH = 100;
const SEED_CONCURRENCY = 4;
const BURST_RATE = 2_000;
const BURST_SECONDS = Number(process.env.BENCH_STORM_BURST_SECONDS ?? 10);
const BURST_MAX_IN_FLIGHT = 32;
const HARD_STOP_MS = 12 * 60_000;
const GOAL_MS = 20;
/** Reads that wait for the gateway's shared answer to expire first: this many, each after FRESH_WAIT_MS. */
const COLD_SAMPLES = Number(process.env.BENCH_STORM_COLD_SAMPLES ?? 30);
const FRESH_WAIT_MS = FRESH_MS + 100;

const auth = { authorization: `Bearer ${TOKEN}` };

interface Ingest {
  size: number;
  alerts: number;
  notifications: number;
  seconds: number;
  alertsPerSecond: number;
  answerP50: number;
  answerP99: number;
}

interface Read {
  name: string;
  path: string;
  available: boolean;
  note?: string;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  bytes: number;
}

interface Export {
  available: boolean;
  note?: string;
  total: number;
  runs: Array<{ ms: number; firstByteMs: number; bytes: number; lines: number }>;
}

interface StreamFigures {
  status: number;
  available: boolean;
  note?: string;
  bytes: number;
  /** Bytes received during the burst's seconds, divided by them. */
  bytesPerSecond: number;
  peakSecondBytes: number;
  events: Record<string, number>;
  deltaAlerts: number;
  deltaOverflow: number;
  /** Last byte after the last webhook answer. */
  tailMs: number;
}

interface Burst {
  size: number;
  mode: 'refire' | 'new';
  seconds: number;
  notificationsSent: number;
  accepted: number;
  failed: number;
  skipped: number;
  alertsAccepted: number;
  answerP50: number;
  answerP99: number;
  answerMax: number;
  full: StreamFigures;
  compact: StreamFigures;
  gatewayCpuPercent: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** With the Alerts page open in Chromium: what the tab went through. */
  tab?: TabBurst;
}

interface SizeFigures {
  size: number;
  openTotal: number;
  ingest: Ingest;
  reads: Read[];
  export: Export;
  burst?: Burst;
  browser?: BrowserFigures;
  browserNote?: string;
  tabBurst?: Burst;
  rssMb: number;
}

class Storm {
  /** Alerts 0..stored-1 have been posted. */
  stored = 0;
  /** Each pass over stored alerts gets a new summary value. */
  private round = 0;
  private readonly reader = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly poster = new http.Agent({ keepAlive: true, maxSockets: BURST_MAX_IN_FLIGHT });
  private readonly startsAt = new Date(Date.now() - 3_600_000).toISOString();

  constructor(private readonly gateway: BuiltGateway) {}

  get(pathAndQuery: string): Promise<Answer> {
    return request(this.reader, `${this.gateway.url}${pathAndQuery}`, { headers: auth });
  }

  private post(numbers: number[], round: number): Promise<Answer> {
    return request(this.poster, `${this.gateway.url}/webhooks/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
      body: notificationBody(numbers, round, this.startsAt),
    });
  }

  async openTotal(): Promise<number> {
    const answer = await this.get('/api/alerts?limit=1');
    if (answer.status !== 200) throw new Error(`GET /api/alerts: HTTP ${answer.status} ${answer.body.toString()}`);
    return (JSON.parse(answer.body.toString()) as { total: number }).total;
  }

  /** Posts alerts stored..size-1, SEED_CONCURRENCY notifications in flight. */
  async grow(size: number): Promise<Ingest> {
    const first = this.stored;
    const batches: number[][] = [];
    for (let n = first; n < size; n += BATCH) {
      batches.push(Array.from({ length: Math.min(BATCH, size - n) }, (_, k) => n + k));
    }
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SEED_CONCURRENCY }, async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          const answer = await this.post(batch, 0);
          if (answer.status !== 200) {
            throw new Error(`webhook: HTTP ${answer.status} ${answer.body.toString().slice(0, 300)}`);
          }
          latencies.push(answer.ms);
        }
      })
    );
    const seconds = (performance.now() - started) / 1000;
    this.stored = size;
    return {
      size,
      alerts: size - first,
      notifications: batches.length,
      seconds,
      alertsPerSecond: (size - first) / seconds,
      answerP50: percentile(latencies, 50),
      answerP99: percentile(latencies, 99),
    };
  }

  /**
   * WARMUP untimed, then up to `samples` timed sequential GETs. `pathAt(i)` may give each request its own question
   * (request -1 is the probe); `beforeEach` runs untimed before each timed request.
   */
  async timeRead(
    name: string,
    pathAt: string | ((i: number) => string),
    check?: (body: unknown) => string | undefined,
    options: { samples?: number; warmup?: number; beforeEach?: () => Promise<void> } = {}
  ): Promise<Read> {
    const at = typeof pathAt === 'string' ? () => pathAt : pathAt;
    const samples = options.samples ?? REQUESTS;
    const warmup = options.warmup ?? WARMUP;
    const probe = await this.get(at(-1));
    const read: Read = { name, path: at(-1), available: false, samples: 0, p50: NaN, p99: NaN, max: NaN, bytes: 0 };
    if (probe.status === 404) return { ...read, note: 'not available (404)' };
    if (probe.status !== 200) {
      return { ...read, note: `HTTP ${probe.status}: ${probe.body.toString().slice(0, 160)}` };
    }
    const note = check?.(JSON.parse(probe.body.toString()));
    for (let i = 0; i < warmup; i++) await this.get(at(i));
    const times: number[] = [];
    const started = performance.now();
    let bytes = probe.bytes;
    while (times.length < samples && performance.now() - started < READ_BUDGET_MS) {
      await options.beforeEach?.();
      const answer = await this.get(at(warmup + times.length));
      if (answer.status !== 200) throw new Error(`${name}: HTTP ${answer.status} mid-run`);
      times.push(answer.ms);
      bytes = answer.bytes;
    }
    return {
      ...read,
      available: true,
      note,
      samples: times.length,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: Math.max(...times),
      bytes,
    };
  }

  /**
   * Before a read that must be computed, not shared: the gateway shares facet and group answers for FRESH_MS, and
   * for up to 10 s while nothing is written. One alert re-fired (a commit), then a little longer than FRESH_MS.
   */
  private async freshAnswerNext(): Promise<void> {
    const answer = await this.post([0], ++this.round);
    if (answer.status !== 200) throw new Error(`webhook: HTTP ${answer.status}`);
    await sleep(FRESH_WAIT_MS);
  }

  /** The cursor of the page halfway through the open alerts, walked there 100 at a time. */
  async middleCursor(total: number): Promise<{ cursor?: string; page: number; walkMs: number }> {
    const target = Math.floor(total / BATCH / 2);
    let cursor: string | undefined;
    let page = 0;
    const started = performance.now();
    while (page < target) {
      const answer = await this.get(`/api/alerts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const next = (JSON.parse(answer.body.toString()) as { nextCursor?: string }).nextCursor;
      if (!next) break;
      cursor = next;
      page++;
    }
    return { cursor, page, walkMs: performance.now() - started };
  }

  async reads(openTotal: number): Promise<Read[]> {
    const rows = (body: unknown) => `${(body as { alerts?: unknown[] }).alerts?.length ?? 0} rows`;
    const reads: Read[] = [];
    reads.push(
      await this.timeRead('first page', '/api/alerts?limit=100', (b) => `total ${(b as { total: number }).total}`)
    );
    const middle = await this.middleCursor(openTotal);
    if (middle.cursor) {
      const deep = await this.timeRead(
        `deep page (page ${middle.page + 1})`,
        `/api/alerts?limit=100&cursor=${encodeURIComponent(middle.cursor)}`,
        rows
      );
      const perPage = middle.walkMs / Math.max(1, middle.page);
      reads.push({ ...deep, note: `${deep.note}; walk ${middle.page} pages, ${perPage.toFixed(1)} ms/page` });
    }
    const service = serviceName(6);
    reads.push(
      await this.timeRead(`one service (${service})`, `/api/alerts?limit=100&service=${service}`, (b) => {
        return `total ${(b as { total: number }).total}`;
      })
    );
    reads.push(
      await this.timeRead('facets=true, repeated (shared answer)', '/api/alerts?limit=100&facets=true', facetNote)
    );
    reads.push(
      await this.timeRead('facets=true, each computed', '/api/alerts?limit=100&facets=true', facetNote, {
        samples: COLD_SAMPLES,
        warmup: 0,
        beforeEach: () => this.freshAnswerNext(),
      })
    );
    const alertname = ALERT_NAMES[3];
    const expected = membersOf(this.stored, alertname, service);
    reads.push(
      await this.timeRead(
        'group members (alertname+service)',
        `/api/alerts?limit=100&alertname=${alertname}&service=${service}`,
        (b) => {
          const total = (b as { total: number }).total;
          return total === expected
            ? `total ${total} as posted`
            : `total ${total}, posted ${expected}: filter not applied?`;
        }
      )
    );
    const groupsNote = (b: unknown) => {
      const answer = b as { groupCount?: number; groups?: unknown[]; total?: number; by?: string[] };
      return `by ${answer.by?.join(',')}, ${answer.groups?.length} of ${answer.groupCount} groups, total ${answer.total}`;
    };
    reads.push(await this.timeRead('groups (default by), repeated (shared answer)', '/api/alerts/groups', groupsNote));
    // A page of groups at its own offset is its own question: every request below is computed.
    reads.push(
      await this.timeRead(
        'groups (default by), each computed (offset i)',
        (i) => `/api/alerts/groups?offset=${i + 1}`,
        groupsNote
      )
    );
    return reads;
  }

  async exportAll(): Promise<Export> {
    const total = await this.openTotal();
    const url = `${this.gateway.url}/api/alerts/export?format=ndjson`;
    const runs: Export['runs'] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await streamedGet(url, auth);
      if (answer.status === 404) return { available: false, note: 'not available (404)', total, runs };
      if (answer.status !== 200) {
        return { available: false, note: `HTTP ${answer.status}: ${answer.head.slice(0, 160)}`, total, runs };
      }
      runs.push({ ms: answer.ms, firstByteMs: answer.firstByteMs, bytes: answer.bytes, lines: answer.lines });
    }
    const lines = runs[0].lines;
    return {
      available: true,
      total,
      runs,
      note: lines === total ? `lines = total (${total})` : `lines ${lines} ≠ total ${total}`,
    };
  }

  private async scrape(): Promise<Record<string, number>> {
    const answer = await request(this.reader, `${this.gateway.url}/metrics`);
    return metricValues(answer.body.toString(), [
      'opsdeck_nodejs_eventloop_lag_p50_seconds',
      'opsdeck_nodejs_eventloop_lag_p99_seconds',
      'opsdeck_nodejs_eventloop_lag_max_seconds',
    ]);
  }

  async burst(mode: Burst['mode'], browser?: StormBrowser): Promise<Burst> {
    const size = this.stored;
    const tab = await browser?.watchBurst();
    const full = await readEventStream(`${this.gateway.url}/api/events`, auth);
    const compact = await readEventStream(`${this.gateway.url}/api/events?view=compact`, auth);
    await sleep(500);
    await this.scrape(); // resets the event-loop delay histogram
    const cpuAtStart = cpuSeconds(this.gateway.child);
    full.mark();
    compact.mark();
    const total = Math.round((BURST_RATE * BURST_SECONDS) / BATCH);
    const perSecond = BURST_RATE / BATCH;
    const latencies: number[] = [];
    let sent = 0;
    let accepted = 0;
    let failed = 0;
    let skipped = 0;
    let alertsAccepted = 0;
    let inFlight = 0;
    const blocks = size / BATCH;
    const firstNew = this.stored;
    const roundAtStart = this.round + 1;
    await tab?.start();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const done = () => {
        if (sent >= total && inFlight === 0) {
          clearInterval(tick);
          resolve();
        }
      };
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
        while (sent < due) {
          const k = sent++;
          if (inFlight >= BURST_MAX_IN_FLIGHT) {
            skipped++;
            continue;
          }
          const base = mode === 'new' ? firstNew + k * BATCH : (k % blocks) * BATCH;
          const round = mode === 'new' ? 0 : roundAtStart + Math.floor(k / blocks);
          const numbers = Array.from({ length: BATCH }, (_, j) => base + j);
          inFlight++;
          this.post(numbers, round)
            .then(
              (answer) => {
                latencies.push(answer.ms);
                if (answer.status === 200) {
                  accepted++;
                  alertsAccepted += numbers.length;
                } else failed++;
              },
              () => failed++
            )
            .finally(() => {
              inFlight--;
              done();
            });
        }
        done();
      }, 5);
    });
    const answeredAt = performance.now();
    const seconds = (answeredAt - started) / 1000;
    const cpuInBurst = cpuSeconds(this.gateway.child) - cpuAtStart;
    if (mode === 'new') this.stored += total * BATCH;
    else this.round = roundAtStart + Math.floor((total - 1) / blocks);
    // The streams drain: wait until neither has received anything for 1.5 s (at most 20 s).
    while (
      performance.now() - answeredAt < 20_000 &&
      performance.now() - Math.max(full.counts.lastByteAt, compact.counts.lastByteAt, answeredAt) < 1_500
    ) {
      await sleep(100);
    }
    const after = await this.scrape();
    full.close();
    compact.close();
    const tabFigures = await tab?.watch.stop((performance.now() - started) / 1000);
    await tab?.watch.close();
    return {
      size,
      mode,
      seconds,
      notificationsSent: sent - skipped,
      accepted,
      failed,
      skipped,
      alertsAccepted,
      answerP50: percentile(latencies, 50),
      answerP99: percentile(latencies, 99),
      answerMax: Math.max(...latencies),
      full: streamFigures(full, answeredAt, false),
      compact: streamFigures(compact, answeredAt, true),
      gatewayCpuPercent: (cpuInBurst / seconds) * 100,
      loopDelayP50Ms: after.opsdeck_nodejs_eventloop_lag_p50_seconds * 1000,
      loopDelayP99Ms: after.opsdeck_nodejs_eventloop_lag_p99_seconds * 1000,
      loopDelayMaxMs: after.opsdeck_nodejs_eventloop_lag_max_seconds * 1000,
      tab: tabFigures,
    };
  }
}

function facetNote(body: unknown): string {
  const facets = (body as { facets?: Record<string, unknown[]> }).facets;
  if (!facets) return 'no facets in the answer';
  return Object.entries(facets)
    .map(([name, values]) => `${name} ${values.length}`)
    .join(', ');
}

function streamFigures(reader: EventStreamReader, answeredAt: number, compact: boolean): StreamFigures {
  const { counts } = reader;
  const burstSeconds = counts.perSecond.slice(0, Math.max(1, Math.ceil(BURST_SECONDS)));
  let available = counts.status === 200;
  let note: string | undefined = counts.status === 200 ? undefined : `HTTP ${counts.status}`;
  if (compact && counts.status === 200 && !counts.types['alerts.delta']) {
    available = false;
    note = counts.types['alert.changed']
      ? 'not available: ?view=compact ignored (full alert.changed events arrived)'
      : 'no alerts.delta events';
  }
  return {
    status: counts.status,
    available,
    note,
    bytes: counts.bytes,
    bytesPerSecond: burstSeconds.reduce((a, b) => a + b, 0) / BURST_SECONDS,
    peakSecondBytes: Math.max(0, ...counts.perSecond),
    events: counts.types,
    deltaAlerts: counts.deltaAlerts,
    deltaOverflow: counts.deltaOverflow,
    tailMs: Math.max(0, counts.lastByteAt - answeredAt),
  };
}

/** User + system CPU seconds of a process so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
function cpuSeconds(child: ChildProcess): number {
  try {
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function rssMb(child: ChildProcess): number {
  try {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

function peakRssMb(child: ChildProcess): number {
  try {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : '–');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
const sizeLabel = (size: number) => (size >= 1000 ? `${size / 1000}k` : String(size));

function printReport(sizes: SizeFigures[], extraBursts: Burst[], baseline: number): void {
  console.log(
    `\n### Ingest through POST /webhooks/alertmanager (100 alerts per notification, ${SEED_CONCURRENCY} in flight)\n`
  );
  console.log(
    '| grown to | open total | alerts posted | notifications | seconds | alerts/s | answer p50 | answer p99 |'
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const s of sizes) {
    const i = s.ingest;
    console.log(
      `| ${sizeLabel(s.size)} | ${s.openTotal} | ${i.alerts} | ${i.notifications} | ${i.seconds.toFixed(1)} | ` +
        `${Math.round(i.alertsPerSecond)} | ${ms(i.answerP50)} ms | ${ms(i.answerP99)} ms |`
    );
  }
  console.log(`\n(open total includes ${baseline} alert(s) the demo fleet had stored before the first post)`);

  console.log(`\n### Reads: sequential, one keep-alive connection, ms (goal p99 < ${GOAL_MS} ms, flat 1k → 50k)\n`);
  console.log(
    `| read | ${sizes.map((s) => `${sizeLabel(s.size)} p50 | ${sizeLabel(s.size)} p99`).join(' | ')} | bytes (largest size) |`
  );
  console.log(`|---|${sizes.map(() => '---|---|').join('')}---|`);
  const names = sizes[0]?.reads.map((r) => r.name.replace(/ \(page \d+\)/, '')) ?? [];
  for (const name of names) {
    const cells = sizes.map((s) => {
      const read = s.reads.find((r) => r.name.replace(/ \(page \d+\)/, '') === name);
      if (!read || !read.available) return `${read?.note ?? 'not run'} | –`;
      const flag = read.p99 < GOAL_MS ? '' : ' ✗';
      const n = read.samples < REQUESTS ? ` (n=${read.samples})` : '';
      return `${ms(read.p50)} | ${ms(read.p99)}${flag}${n}`;
    });
    const last = sizes[sizes.length - 1].reads.find((r) => r.name.replace(/ \(page \d+\)/, '') === name);
    console.log(`| ${name} | ${cells.join(' | ')} | ${last?.available ? kb(last.bytes) : '–'} |`);
  }
  console.log(
    `\n${REQUESTS} timed requests per read after ${WARMUP} untimed (n= where a read hit its ${READ_BUDGET_MS / 1000} s budget first); ✗ = p99 over the goal.`
  );
  for (const s of sizes) {
    console.log(`- ${sizeLabel(s.size)}: ${s.reads.map((r) => `${r.name}: ${r.note ?? ''}`).join('; ')}`);
  }

  console.log('\n### Export: GET /api/alerts/export?format=ndjson, the whole open set (3 runs)\n');
  console.log(
    '| stored | open total | available | time (ms, each run) | first byte (ms) | bytes | MB/s | lines vs total |'
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const s of sizes) {
    const e = s.export;
    if (!e.available) {
      console.log(`| ${sizeLabel(s.size)} | ${e.total} | ${e.note} | – | – | – | – | – |`);
      continue;
    }
    const best = Math.min(...e.runs.map((r) => r.ms));
    console.log(
      `| ${sizeLabel(s.size)} | ${e.total} | yes | ${e.runs.map((r) => r.ms.toFixed(0)).join(', ')} | ` +
        `${e.runs.map((r) => r.firstByteMs.toFixed(0)).join(', ')} | ${(e.runs[0].bytes / 1e6).toFixed(2)} MB | ` +
        `${(e.runs[0].bytes / 1e6 / (best / 1000)).toFixed(1)} | ${e.note} |`
    );
  }

  console.log(
    `\n### Burst: ${BURST_RATE} alerts/s for ${BURST_SECONDS} s (${BURST_RATE / BATCH} notifications/s), a full and a compact /api/events reader\n`
  );
  console.log(
    '| stored | burst | notifications ok / failed / skipped | answer p50 / p99 / max | full: events, bytes/s (peak s) | compact: events, bytes/s (peak s) | gateway CPU (burst) | event-loop delay p50 / p99 / max (10 ms resolution) |'
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const bursts = [
    ...sizes.flatMap((s) => [s.burst, s.tabBurst].filter((b): b is Burst => b !== undefined)),
    ...extraBursts,
  ];
  for (const b of bursts) {
    const stream = (f: StreamFigures) =>
      !f.available && f.note?.startsWith('HTTP')
        ? f.note
        : `${
            Object.entries(f.events)
              .map(([type, count]) => `${count} ${type}`)
              .join(' + ') || 'no events'
          }, ${kb(f.bytesPerSecond)}/s (${kb(f.peakSecondBytes)})` +
          (f.deltaAlerts || f.deltaOverflow ? `, ${f.deltaAlerts} alert lines + ${f.deltaOverflow} overflow` : '') +
          (f.note ? ` — ${f.note}` : '');
    console.log(
      `| ${sizeLabel(b.size)} | ${b.mode === 'new' ? 'new alerts' : 're-fire stored'}${b.tab ? ', page open' : ''} (${b.alertsAccepted} alerts in ${b.seconds.toFixed(1)} s) | ` +
        `${b.accepted} / ${b.failed} / ${b.skipped} | ${ms(b.answerP50)} / ${ms(b.answerP99)} / ${ms(b.answerMax)} ms | ` +
        `${stream(b.full)} | ${stream(b.compact)} | ${b.gatewayCpuPercent.toFixed(0)}% of a core | ` +
        `${ms(b.loopDelayP50Ms)} / ${ms(b.loopDelayP99Ms)} / ${ms(b.loopDelayMaxMs)} ms |`
    );
  }
  printBrowser(sizes);
  console.log(`\nGateway RSS: ${sizes.map((s) => `${sizeLabel(s.size)} ${s.rssMb.toFixed(0)} MB`).join(', ')}`);
}

function printBrowser(sizes: SizeFigures[]): void {
  if (!sizes.some((s) => s.browser || s.browserNote)) return;
  console.log('\n### Browser: the Alerts page in the test host, Chromium headless 1920×1080 (ms)\n');
  console.log(
    '| stored | navigation → first row, flat (ours / total) | navigation → first group (ours / total) | filter change → list | group expand → members | scroll frame p50 / p99 / max (frames) | DOM nodes load → scrolled | JS heap load → scrolled | long tasks while scrolling |'
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const s of sizes) {
    const b = s.browser;
    if (!b) {
      console.log(`| ${sizeLabel(s.size)} | ${s.browserNote ?? 'not run'} | | | | | | | |`);
      continue;
    }
    console.log(
      `| ${sizeLabel(s.size)} | ${b.navigationFlat.oursMs.toFixed(0)} / ${b.navigationFlat.totalMs.toFixed(0)} | ` +
        `${b.navigationGrouped.oursMs.toFixed(0)} / ${b.navigationGrouped.totalMs.toFixed(0)} | ` +
        `${b.filterChangeMs.toFixed(0)} | ${b.groupExpandMs.toFixed(0)} | ` +
        `${ms(b.scroll.p50)} / ${ms(b.scroll.p99)} / ${ms(b.scroll.max)} (${b.scroll.frames}) | ` +
        `${b.afterLoad.domNodes} → ${b.afterScroll.domNodes} | ` +
        `${b.afterLoad.jsHeapUsedMb.toFixed(1)} → ${b.afterScroll.jsHeapUsedMb.toFixed(1)} MB | ${b.scroll.longTasks} |`
    );
  }
  for (const s of sizes) {
    const b = s.browser;
    if (!b) continue;
    console.log(
      `- ${sizeLabel(s.size)}: navigations (ours) flat ${b.navigationFlat.runs.join(', ')}, grouped ${b.navigationGrouped.runs.join(', ')}; ` +
        `after scrolling ${b.scroll.scrolledPx} px: "${b.scroll.loaded}"; filter → "${b.filterNote}"; expanded ${b.groupNote}`
    );
  }
  const tabs = sizes.flatMap((s) => (s.tabBurst?.tab ? [{ size: s.size, tab: s.tabBurst.tab }] : []));
  if (tabs.length === 0) return;
  console.log(`\n### Burst with the page open (${tabs[0].tab.view})\n`);
  console.log(
    '| stored | long tasks > 50 ms (count, total, longest) | bytes/s to the tab | of which the event stream | requests |'
  );
  console.log('|---|---|---|---|---|');
  for (const { size, tab } of tabs) {
    console.log(
      `| ${sizeLabel(size)} | ${tab.longTasks}, ${tab.longTaskMs.toFixed(0)} ms, ${tab.longestTaskMs.toFixed(0)} ms | ` +
        `${kb(tab.bytesPerSecond)}/s (${kb(tab.bytes)} in all) | ${kb(tab.streamBytes)} | ${tab.requests} |`
    );
  }
}

/** The gateway process, for the hard stop to end. */
let running: BuiltGateway | undefined;
let closeBrowser: (() => Promise<void> | undefined) | undefined;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-storm-'));
  const started = performance.now();
  const gateway = await startBuiltGateway(TOKEN, {
    OPSDECK_CATALOG: writeCatalog(dir),
    OPSDECK_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
  });
  running = gateway;
  try {
    const storm = new Storm(gateway);
    await sleep(1_000); // the demo fleet's first ingest
    const baseline = await storm.openTotal();
    console.log(
      `gateway ${gateway.url} (pid ${gateway.child.pid}), ${baseline} open alert(s) before the first post, ` +
        `load average at start ${os.loadavg()[0].toFixed(1)}`
    );
    const unavailable = browserUnavailable();
    const browser = unavailable ? undefined : await StormBrowser.start(gateway.url, TOKEN);
    closeBrowser = () => browser?.close();
    if (unavailable) console.log(`browser part skipped: ${unavailable}`);
    const sizes: SizeFigures[] = [];
    for (const size of SIZES) {
      const ingest = await storm.grow(size);
      const openTotal = await storm.openTotal();
      console.log(
        `${sizeLabel(size)}: ${openTotal} open, ingest ${Math.round(ingest.alertsPerSecond)} alerts/s; reads…`
      );
      const reads = await storm.reads(openTotal);
      console.log(`${sizeLabel(size)}: export…`);
      const exported = await storm.exportAll();
      const figures: SizeFigures = { size, openTotal, ingest, reads, export: exported, rssMb: rssMb(gateway.child) };
      console.log(`${sizeLabel(size)}: burst…`);
      figures.burst = await storm.burst('refire');
      if (browser) {
        console.log(`${sizeLabel(size)}: browser…`);
        try {
          const service = serviceName(6);
          const answer = await storm.get(`/api/alerts?limit=1&service=${service}`);
          const serviceTotal = (JSON.parse(answer.body.toString()) as { total: number }).total;
          figures.browser = await browser.measure(service, serviceTotal);
          console.log(`${sizeLabel(size)}: burst with the page open…`);
          figures.tabBurst = await storm.burst('refire', browser);
        } catch (error) {
          figures.browserNote = `browser part failed: ${(error as Error).message.split('\n')[0]}`;
          console.log(figures.browserNote);
        }
      }
      sizes.push(figures);
    }
    console.log(`${sizeLabel(storm.stored)}: burst of new alerts…`);
    const extra = [await storm.burst('new')];
    printReport(sizes, extra, baseline);
    const peak = peakRssMb(gateway.child);
    console.log(
      `Gateway peak RSS ${peak.toFixed(0)} MB. Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}, run took ${((performance.now() - started) / 1000).toFixed(0)} s`
    );
    if (process.env.BENCH_STORM_JSON) {
      const file = path.resolve(process.env.BENCH_STORM_JSON);
      fs.writeFileSync(
        file,
        JSON.stringify(
          { at: new Date().toISOString(), node: process.version, baseline, sizes, extraBursts: extra, peakRssMb: peak },
          null,
          2
        )
      );
      console.log(`figures written to ${file}`);
    }
  } finally {
    await closeBrowser?.();
    await gateway.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const hardStop = setTimeout(() => {
  console.error(`bench:storm: hard stop after ${HARD_STOP_MS / 60_000} minutes`);
  running?.child.kill('SIGKILL');
  process.exit(2);
}, HARD_STOP_MS);
hardStop.unref();
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
