/**
 * `npm run bench:ingest`: sustained signed-webhook ingest into the BUILT gateway (durable, SQLite file) while 500
 * server-sent-event subscribers are connected, all on loopback.
 *
 * Three processes: the gateway; a load generator (this file with `--role=load`) posting signed PagerDuty Webhooks
 * v3 at a fixed rate (open loop: it does not slow down when the gateway does); and this process holding the
 * subscribers. Latency is "webhook received by the gateway" (the event's `at`, stamped on receipt) to "frame read
 * by a subscriber". Both clocks are the same machine's.
 *
 * Every subscriber reads its whole stream from its socket (so the kernel and the gateway do all the work), but only
 * every Nth (--sample-every, default 10, spread over the connection order) parses frames for latency and counts
 * events: parsing 500 copies of every event would make this process, which shares the 2 cores, the bottleneck. The
 * others count bytes, and a stream is complete when its byte count equals the parsed subscribers' (every subscriber
 * is sent the same bytes from the moment the measurement starts).
 *
 * Options: --rate=<webhooks/s> (2000) --seconds=<n> (15) --subscribers=<n> (500) --concurrency=<n> (64)
 *          --database=<sqlite path or postgres:// URL> (a temp SQLite file) --profile=<dir> (gateway CPU profile)
 *          --sample-every=<n> (10)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const SECRET = 'bench-pagerduty-secret';
const TOKEN = 'bench-api-token-0123456789abcdef';
const HARD_LIMIT_MS = 180_000;

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  })
);
const num = (key: string, fallback: number) => (args[key] === undefined ? fallback : Number(args[key]));

if (args.role === 'load') {
  void runLoad(String(args.url), num('rate', 2000), num('seconds', 15), num('concurrency', 64));
} else {
  void main().catch((error: unknown) => {
    console.error('bench:ingest failed:', error);
    process.exit(1);
  });
}

// ---- load generator (child process) ----

async function runLoad(url: string, rate: number, seconds: number, concurrency: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/webhooks/pagerduty', url);
  const total = Math.round(rate * seconds);
  const started = Date.now();
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let inFlight = 0;
  let skipped = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * rate));
      while (sent < due) {
        const n = sent++;
        // Open loop, bounded: if the gateway falls this far behind, count the webhook as not sent.
        if (inFlight >= concurrency * 8) {
          skipped++;
          continue;
        }
        inFlight++;
        post(agent, target, n)
          .then(
            (status) => (status >= 200 && status < 300 ? ok++ : failed++),
            () => failed++
          )
          .finally(() => {
            inFlight--;
            if (sent >= total && inFlight === 0) {
              clearInterval(tick);
              resolve();
            }
          });
      }
      if (sent >= total && inFlight === 0) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const elapsed = (Date.now() - started) / 1000;
  process.send?.({ ok, failed, skipped, elapsed });
  agent.destroy();
}

function post(agent: http.Agent, target: URL, n: number): Promise<number> {
  // Every other webhook acknowledges the incident the previous one triggered: inserts and updates alike.
  const incident = Math.floor(n / 2);
  const eventType = n % 2 === 0 ? 'incident.triggered' : 'incident.acknowledged';
  const at = new Date(Date.UTC(2026, 10, 27) + n).toISOString();
  const body = JSON.stringify({
    event: {
      id: `BENCH-${n}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: at,
      agent: n % 2 === 1 ? { summary: 'bench@example.com' } : null,
      data: {
        id: `PBENCH${incident}`,
        type: 'incident',
        status: n % 2 === 0 ? 'triggered' : 'acknowledged',
        title: `Bench incident ${incident}`,
        urgency: 'high',
        created_at: at,
        service: { id: 'PCHK001' },
      },
    },
  });
  const signature = `v1=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const request = http.request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-pagerduty-signature': signature,
          'x-webhook-id': `bench-${n}`,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      }
    );
    request.on('error', reject);
    request.end(body);
  });
}

// ---- orchestrator and subscribers ----

interface LoadResult {
  ok: number;
  failed: number;
  skipped: number;
  elapsed: number;
}

async function main(): Promise<void> {
  const root = process.cwd();
  const rate = num('rate', 2000);
  const seconds = num('seconds', 15);
  const subscribers = num('subscribers', 500);
  const concurrency = num('concurrency', 64);
  const hardStop = setTimeout(() => {
    console.error(`bench:ingest: hard time limit of ${HARD_LIMIT_MS / 1000} s reached`);
    process.exit(1);
  }, HARD_LIMIT_MS);

  const build = spawnSync(process.execPath, ['scripts/build-gateway.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gateway build failed:\n${build.stderr}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ingest-'));
  const database = args.database ? String(args.database) : path.join(dir, 'opsdeck.sqlite');
  const gateway = await startGateway(root, dir, database);
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(rssOf(gateway.child.pid)), 250);

  try {
    const clients = await connectSubscribers(gateway.url, subscribers, num('sample-every', 10));
    // Let connection-time traffic (demo fleet events) pass, then start counting: from here every stream is the same.
    await new Promise((r) => setTimeout(r, 500));
    startMeasuring();
    console.log(`${subscribers} SSE subscribers connected; ingesting ${rate} webhooks/s for ${seconds} s…`);
    const benchStart = Date.now();
    const loader = spawn(
      process.execPath,
      [
        process.argv[1],
        '--role=load',
        `--url=${gateway.url}`,
        `--rate=${rate}`,
        `--seconds=${seconds}`,
        `--concurrency=${concurrency}`,
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }
    );
    const load = await new Promise<LoadResult>((resolve, reject) => {
      loader.on('message', (m) => resolve(m as LoadResult));
      loader.on('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    });
    // Each stored webhook yields two events (alert.changed, incident.changed); wait for the tail to arrive.
    const expected = load.ok * 2;
    const sampled = clients.filter((c) => c.parses);
    const drainDeadline = Date.now() + 15_000;
    const done = () =>
      sampled.every((c) => c.received >= expected) && clients.every((c) => c.bytes === sampled[0].bytes);
    while (Date.now() < drainDeadline && !done()) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const delivered = sampled.reduce((sum, c) => sum + c.received, 0);
    const lastArrival = Math.max(...sampled.map((c) => c.lastArrival));
    const report = {
      command: `npm run bench:ingest -- --rate=${rate} --seconds=${seconds} --subscribers=${subscribers}`,
      database: args.database ? 'postgres/explicit' : 'sqlite (temp file, WAL)',
      offeredWebhooksPerSecond: rate,
      webhooksStored: load.ok,
      webhooksFailed: load.failed,
      webhooksNotSentGatewayBehind: load.skipped,
      ingestWebhooksPerSecond: Math.round(load.ok / load.elapsed),
      eventsPerSecond: Math.round(expected / ((lastArrival - benchStart) / 1000)),
      sampledSubscribers: sampled.length,
      sampledDeliveries: delivered,
      expectedSampledDeliveries: expected * sampled.length,
      subscribersWithCompleteStream: clients.filter((c) => c.bytes === sampled[0].bytes).length,
      bytesPerSubscriber: sampled[0].bytes,
      latencyMs: { p50: percentile(0.5), p99: percentile(0.99), max: percentile(1) },
      gatewayRssMb: { peak: Math.round(Math.max(...rssSamples) / 1024) },
      cores: os.cpus().length,
    };
    console.log(JSON.stringify(report, null, 2));
    clients.forEach((c) => c.close());
  } finally {
    clearInterval(sampler);
    clearTimeout(hardStop);
    gateway.child.kill('SIGTERM');
    await new Promise((r) => gateway.child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function startGateway(root: string, dir: string, database: string): Promise<{ url: string; child: ChildProcess }> {
  // --profile=<dir>: a V8 CPU profile of the gateway, written to <dir> when it exits (open in Chrome DevTools).
  const profile = args.profile ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(String(args.profile))}`] : [];
  const child = spawn(process.execPath, [...profile, 'dist-gateway/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      OPSDECK_DATA_DIR: dir,
      OPSDECK_DATABASE: database,
      OPSDECK_HOST: '127.0.0.1',
      OPSDECK_PORT: '0',
      OPSDECK_API_TOKEN: TOKEN,
      OPSDECK_LOG_LEVEL: 'silent',
      OPSDECK_PAGERDUTY_WEBHOOK_SECRET: SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s,]+)/.exec(output);
      if (match) resolve({ url: match[1], child });
    });
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
}

interface Subscriber {
  /** True for the subscribers that parse frames (latency and event counts). */
  parses: boolean;
  /** Events received that were stored after the measurement started (parsing subscribers only). */
  received: number;
  lastArrival: number;
  /** Bytes read since the measurement started. */
  bytes: number;
  close(): void;
}

/** Latency histogram over the parsing subscribers' events, in whole ms (Date.now's resolution). */
const histogram = new Float64Array(120_001);
let samples = 0;
let measuring = false;
let measureFrom = Number.MAX_SAFE_INTEGER;
let allSubscribers: Subscriber[] = [];

function startMeasuring(): void {
  allSubscribers.forEach((s) => (s.bytes = 0));
  measureFrom = Date.now();
  measuring = true;
}

const DATA_PREFIX = Buffer.from('data: {"id":');
const AT_FIELD = Buffer.from(',"at":');

function connectSubscribers(url: string, count: number, sampleEvery: number): Promise<Subscriber[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const one = (index: number) =>
    new Promise<Subscriber>((resolve, reject) => {
      const subscriber: Subscriber = {
        parses: index % sampleEvery === 0,
        received: 0,
        lastArrival: 0,
        bytes: 0,
        close: () => request.destroy(),
      };
      let carry = Buffer.alloc(0);
      const parse = (chunk: Buffer) => {
        const now = Date.now();
        const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        let position = 0;
        let lastComplete = 0;
        for (;;) {
          const start = buffer.indexOf(DATA_PREFIX, position);
          if (start < 0) break;
          const end = buffer.indexOf(10, start); // end of the data line
          if (end < 0) break;
          const atIndex = buffer.indexOf(AT_FIELD, start);
          if (atIndex > 0 && atIndex < end) {
            let at = 0;
            for (let i = atIndex + AT_FIELD.length; buffer[i] >= 48 && buffer[i] <= 57; i++) at = at * 10 + buffer[i] - 48;
            if (at >= measureFrom) {
              histogram[Math.min(histogram.length - 1, Math.max(0, now - at))]++;
              samples++;
              subscriber.received++;
              subscriber.lastArrival = now;
            }
          }
          position = end + 1;
          lastComplete = position;
        }
        carry = lastComplete < buffer.length ? Buffer.from(buffer.subarray(lastComplete)) : Buffer.alloc(0);
      };
      const request = http.get(
        new URL('/api/events', url),
        { agent, headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } },
        (response) => {
          if (response.statusCode !== 200) return reject(new Error(`events: HTTP ${response.statusCode}`));
          response.on('data', (chunk: Buffer) => {
            if (measuring) subscriber.bytes += chunk.length;
            if (subscriber.parses) parse(chunk);
          });
          resolve(subscriber);
        }
      );
      request.on('error', reject);
    });
  return Promise.all(Array.from({ length: count }, (_, i) => one(i))).then((subscribers) => {
    allSubscribers = subscribers;
    return subscribers;
  });
}

function percentile(q: number): number | null {
  if (samples === 0) return null;
  const rank = Math.max(1, Math.ceil(q * samples));
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms];
    if (seen >= rank) return ms;
  }
  return histogram.length - 1;
}

function rssOf(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
