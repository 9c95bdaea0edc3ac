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
 * Options: --rate=<webhooks/s> (1100: each yields two events, so 2,200 events/s) --seconds=<n> (15) --subscribers=<n> (500)
 *          --concurrency=<n> (64)
 *          --database=<sqlite path or postgres:// URL> (a temp SQLite file; in Postgres a throwaway schema)
 *          --profile=<dir> (gateway CPU profile)
 *          --sample-every=<n> (10) --warmup=<s> (3: the same load first, not measured)
 *          --writer-thread (OPSDECK_SQLITE_WRITER_THREAD=true: SQLite commits on a worker thread)
 *          --replicas=<n> (1): n gateways on one Postgres schema (default the CI Postgres, a throwaway schema); the
 *          webhooks go round-robin over them and the subscribers are spread over them, so most events reach most
 *          subscribers through another replica (LISTEN/NOTIFY, issue 14)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const SECRET = 'bench-pagerduty-secret';
const TOKEN = 'bench-api-token-0123456789abcdef';
const HARD_LIMIT_MS = 180_000;
/** Where --replicas runs when no --database is given: the Postgres every test machine has. */
const DEFAULT_POSTGRES = process.env.OPSDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  })
);
const num = (key: string, fallback: number) => (args[key] === undefined ? fallback : Number(args[key]));

if (args.role === 'load') {
  // One process for every phase: starting Node and connecting would otherwise land inside the measured second.
  const agent = new http.Agent({ keepAlive: true, maxSockets: num('concurrency', 64) });
  process.on('message', (phase: LoadPhase) => {
    void runLoad(agent, String(args.url).split(','), phase).then((result) => process.send?.(result));
  });
  process.on('disconnect', () => process.exit(0));
} else {
  void main().catch((error: unknown) => {
    console.error('bench:ingest failed:', error);
    process.exit(1);
  });
}

// ---- load generator (child process) ----

interface LoadPhase {
  rate: number;
  seconds: number;
  /** Number of the phase's first webhook (ids and incidents must not repeat across phases). */
  first: number;
}

async function runLoad(agent: http.Agent, urls: string[], phase: LoadPhase): Promise<LoadResult> {
  const { rate, seconds, first } = phase;
  const concurrency = agent.maxSockets;
  const cpuAtStart = process.cpuUsage();
  // Round-robin over the replicas, as a load balancer would.
  const targets = urls.map((url) => new URL('/webhooks/pagerduty', url));
  const total = Math.round(rate * seconds);
  const started = Date.now();
  let sent = 0;
  let ok = 0;
  const failures: Record<string, number> = {};
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
        post(agent, targets[n % targets.length], first + n)
          .then(
            (status) => {
              if (status >= 200 && status < 300) ok++;
              else failures[status] = (failures[status] ?? 0) + 1;
            },
            (error: Error) => (failures[error.message] = (failures[error.message] ?? 0) + 1)
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
  const cpu = process.cpuUsage(cpuAtStart);
  const failed = Object.values(failures).reduce((sum, n) => sum + n, 0);
  return { ok, failed, failures, skipped, elapsed, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
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

/** Warm-up webhooks are numbered from here, apart from the measured ones (ids and incidents must not repeat). */
const WARMUP_FIRST_ID = 100_000_000;

/** The load generator process; `run` starts a phase and resolves with its counts. */
function startLoader(urls: string[], concurrency: number): { run(phase: LoadPhase): Promise<LoadResult>; stop(): void } {
  const loader = spawn(
    process.execPath,
    [process.argv[1], '--role=load', `--url=${urls.join(',')}`, `--concurrency=${concurrency}`],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }
  );
  const exited = new Promise<never>((_, reject) =>
    loader.on('exit', (code) => reject(new Error(`load generator exited with ${code}`)))
  );
  exited.catch(() => undefined);
  return {
    run: (phase) =>
      Promise.race([
        new Promise<LoadResult>((resolve) => {
          loader.once('message', (m) => resolve(m as LoadResult));
          loader.send(phase);
        }),
        exited,
      ]),
    stop: () => loader.disconnect(),
  };
}

/** Resolves once no subscriber has read anything for 500 ms (at most 15 s). */
async function quiet(clients: Subscriber[]): Promise<void> {
  const total = () => clients.reduce((sum, c) => sum + c.seen, 0);
  const deadline = Date.now() + 15_000;
  for (let last = -1, now = total(); now !== last && Date.now() < deadline; last = now, now = total()) {
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface LoadResult {
  cpuSeconds: number;
  ok: number;
  failed: number;
  /** Failed webhooks by HTTP status or error. */
  failures: Record<string, number>;
  skipped: number;
  elapsed: number;
}

async function main(): Promise<void> {
  const root = process.cwd();
  const rate = num('rate', 1100);
  const seconds = num('seconds', 15);
  const subscribers = num('subscribers', 500);
  const concurrency = num('concurrency', 64);
  const hardStop = setTimeout(() => {
    console.error(`bench:ingest: hard time limit of ${HARD_LIMIT_MS / 1000} s reached`);
    process.exit(1);
  }, HARD_LIMIT_MS);

  const build = spawnSync(process.execPath, ['gateway/scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gateway build failed:\n${build.stderr}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ingest-'));
  const replicas = num('replicas', 1);
  // Replicas share a database, so they need Postgres (SQLite is one process's).
  const given = args.database ? String(args.database) : replicas > 1 ? DEFAULT_POSTGRES : undefined;
  const postgres = given && /^postgres(ql)?:\/\//.test(given) ? await throwawaySchema(given) : undefined;
  if (replicas > 1 && !postgres) throw new Error('--replicas needs a postgres:// --database');
  const database = postgres?.url ?? given ?? path.join(dir, 'opsdeck.sqlite');
  // The first migrates the empty schema; the others find it migrated.
  const gateways = [await startGateway(root, dir, database, 'r1')];
  gateways.push(
    ...(await Promise.all(
      Array.from({ length: replicas - 1 }, (_, i) => startGateway(root, dir, database, `r${i + 2}`))
    ))
  );
  const urls = gateways.map((g) => g.url);
  const pids = () => gateways.map((g) => g.child.pid);
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(pids().reduce<number>((sum, pid) => sum + rssOf(pid), 0)), 250);

  try {
    const clients = await connectSubscribers(urls, subscribers, num('sample-every', 10));
    // Let connection-time traffic (demo fleet events) pass, then start counting: from here every stream is the same.
    await new Promise((r) => setTimeout(r, 500));
    const warmup = num('warmup', 3);
    const loader = startLoader(urls, concurrency);
    if (warmup > 0) {
      // The same load before measuring, so JIT compilation and first-use costs are not counted as latency.
      console.log(`${subscribers} SSE subscribers connected; warming up at ${rate} webhooks/s for ${warmup} s…`);
      await loader.run({ rate, seconds: warmup, first: WARMUP_FIRST_ID });
      await quiet(clients);
    }
    startMeasuring();
    console.log(`measuring: ${rate} webhooks/s for ${seconds} s…`);
    const benchStart = Date.now();
    const gatewayCpu = () => pids().reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
    const gatewayCpuAtStart = gatewayCpu();
    const ownCpuAtStart = process.cpuUsage();
    const load = await loader.run({ rate, seconds, first: 0 });
    loader.stop();
    // Each stored webhook yields two events (alert.changed, incident.changed); wait for the tail to arrive.
    const expected = load.ok * 2;
    const sampled = clients.filter((c) => c.parses);
    const drainDeadline = Date.now() + 15_000;
    // Every subscriber of one replica is sent the same bytes (heartbeats included); replicas' heartbeats differ.
    const complete = (c: Subscriber) => c.bytes === sampled.find((s) => s.replica === c.replica)?.bytes;
    const done = () => sampled.every((c) => c.received >= expected) && clients.every(complete);
    while (Date.now() < drainDeadline && !done()) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const ownCpu = process.cpuUsage(ownCpuAtStart);
    const cpuSeconds = {
      gateway: round1(gatewayCpu() - gatewayCpuAtStart),
      loadGenerator: round1(load.cpuSeconds),
      subscribers: round1((ownCpu.user + ownCpu.system) / 1e6),
      wallSeconds: round1((Date.now() - benchStart) / 1000),
    };
    const delivered = sampled.reduce((sum, c) => sum + c.received, 0);
    const lastArrival = Math.max(...sampled.map((c) => c.lastArrival));
    const report = {
      command: ['npm run bench:ingest', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
      database: given ? `${given.replace(/\/\/[^@]*@/, '//***@')}${postgres ? ' (throwaway schema)' : ''}` : 'sqlite (temp file, WAL)',
      sqliteWriter: args['writer-thread'] ? 'worker thread' : 'event loop',
      replicas,
      offeredWebhooksPerSecond: rate,
      webhooksStored: load.ok,
      webhooksFailed: load.failed,
      ...(load.failed > 0 ? { failures: load.failures } : {}),
      webhooksNotSentGatewayBehind: load.skipped,
      ingestWebhooksPerSecond: Math.round(load.ok / load.elapsed),
      eventsPerSecond: Math.round(expected / ((lastArrival - benchStart) / 1000)),
      sampledSubscribers: sampled.length,
      sampledDeliveries: delivered,
      expectedSampledDeliveries: expected * sampled.length,
      subscribersWithCompleteStream: clients.filter(complete).length,
      bytesPerSubscriber: sampled[0].bytes,
      latencyMs: {
        p50: percentile(0.5),
        p99: percentile(0.99),
        max: percentile(1),
        worstBySecond: worstBySecond.join(' '),
      },
      cpuSeconds,
      gatewayRssMb: { peak: Math.round(Math.max(...rssSamples) / 1024), ...(replicas > 1 ? { of: 'all replicas' } : {}) },
      cores: os.cpus().length,
    };
    console.log(JSON.stringify(report, null, 2));
    clients.forEach((c) => c.close());
  } finally {
    clearInterval(sampler);
    clearTimeout(hardStop);
    for (const gateway of gateways) {
      gateway.child.kill('SIGTERM');
      await new Promise((r) => gateway.child.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

/** A fresh schema in the given Postgres database for this run (dropped afterwards), so runs never share state. */
async function throwawaySchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `opsdeck_bench_${Date.now().toString(36)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return { url: scoped.toString(), drop: () => admin(`drop schema ${schema} cascade`) };
}

function startGateway(
  root: string,
  dir: string,
  database: string,
  replica: string
): Promise<{ url: string; child: ChildProcess }> {
  // --profile=<dir>: a V8 CPU profile of the gateway, written to <dir> when it exits (open in Chrome DevTools).
  const dataDir = path.join(dir, replica);
  fs.mkdirSync(dataDir, { recursive: true });
  const profile = args.profile ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(String(args.profile))}`] : [];
  const child = spawn(process.execPath, [...profile, 'gateway/dist/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      OPSDECK_DATA_DIR: dataDir,
      OPSDECK_DATABASE: database,
      OPSDECK_HOST: '127.0.0.1',
      OPSDECK_PORT: '0',
      OPSDECK_API_TOKEN: TOKEN,
      OPSDECK_LOG_LEVEL: 'silent',
      OPSDECK_PAGERDUTY_WEBHOOK_SECRET: SECRET,
      OPSDECK_REPLICA_ID: replica,
      ...(args['writer-thread'] ? { OPSDECK_SQLITE_WRITER_THREAD: 'true' } : {}),
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
  /** Which replica (index) it reads from. */
  replica: number;
  /** True for the subscribers that parse frames (latency and event counts). */
  parses: boolean;
  /** Events received that were stored after the measurement started (parsing subscribers only). */
  received: number;
  lastArrival: number;
  /** Bytes read since the measurement started. */
  bytes: number;
  /** Bytes read since connecting. */
  seen: number;
  close(): void;
}

/** Latency histogram over the parsing subscribers' events, in whole ms (Date.now's resolution). */
const histogram = new Float64Array(120_001);
let samples = 0;
/** The worst latency of events received by the gateway in each second of the run: shows stalls apart from noise. */
const worstBySecond: number[] = [];
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

function connectSubscribers(urls: string[], count: number, sampleEvery: number): Promise<Subscriber[]> {
  const one = (index: number) =>
    new Promise<Subscriber>((resolve, reject) => {
      const url = urls[index % urls.length];
      const subscriber: Subscriber = {
        replica: index % urls.length,
        parses: index % sampleEvery === 0,
        received: 0,
        lastArrival: 0,
        bytes: 0,
        seen: 0,
        close: () => socket.destroy(),
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
            for (let i = atIndex + AT_FIELD.length; buffer[i] >= 48 && buffer[i] <= 57; i++)
              at = at * 10 + buffer[i] - 48;
            if (at >= measureFrom) {
              histogram[Math.min(histogram.length - 1, Math.max(0, now - at))]++;
              const second = Math.floor((at - measureFrom) / 1000);
              worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, now - at);
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
      // A raw TCP client: Node's HTTP client would spend more CPU de-chunking 500 streams than the gateway spends
      // writing them. The parser above only looks for `data:` lines, so HTTP chunk-size lines in between are harmless.
      const target = new URL(url);
      const socket = net.connect(Number(target.port), target.hostname, () =>
        socket.write(
          `GET /api/events HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
            'Accept: text/event-stream\r\n\r\n'
        )
      );
      let answered = false;
      socket.on('data', (chunk: Buffer) => {
        if (!answered) {
          answered = true;
          if (!chunk.subarray(0, 16).toString('latin1').startsWith('HTTP/1.1 200')) {
            reject(new Error(`events: ${chunk.subarray(0, 40).toString('latin1')}`));
            return;
          }
          resolve(subscriber);
        }
        subscriber.seen += chunk.length;
        if (measuring) subscriber.bytes += chunk.length;
        if (subscriber.parses) parse(chunk);
      });
      socket.on('error', reject);
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

/** user + system CPU time of a process, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function rssOf(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
