/**
 * `npm run bench:hardening`: the heaviest request the gateway ALLOWS of each kind, against the BUILT gateway (demo
 * fleet, SQLite temp file), while another client asks GET /api/health every 50 ms. Per kind: the request's duration
 * and answer size, the gateway's peak RSS during it (VmRSS sampled every 10 ms) and the worst /api/health latency
 * seen while it ran. Then the same kinds over 10 years, which must be refused quickly.
 *
 * Options: --repeat=<n> (2: the first run of a kind includes JIT warm-up; the table shows every run)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVICE_METRICS } from '@opsdeck/contract';

const TOKEN = 'bench-api-token-0123456789abcdef';
const DAY_MS = 86_400_000;
const HARD_LIMIT_MS = 300_000;
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  })
);
const repeat = Number(args.repeat ?? 2);

interface Kind {
  name: string;
  path: string;
  body?: unknown;
}

function queries(count: number, make: (i: number) => Record<string, unknown>) {
  return Array.from({ length: count }, (_, i) => ({ refId: `Q${i}`, service: '*', ...make(i) }));
}

function kinds(now: number, days: { series: number; suspects: number; dora: number }): Kind[] {
  const range = (d: number) => ({ from: now - d * DAY_MS, to: now });
  const query = (d: number, make: (i: number) => Record<string, unknown>) => ({
    range: range(d),
    maxDataPoints: 11_000,
    queries: queries(50, make),
  });
  const params = (d: number) => `from=${now - d * DAY_MS}&to=${now}`;
  return [
    {
      name: `service_metric ×50, ${days.series} d, 11,000 points, every service`,
      path: '/api/query',
      body: query(days.series, (i) => ({
        queryType: 'service_metric',
        metric: SERVICE_METRICS[i % SERVICE_METRICS.length],
      })),
    },
    {
      name: `events ×50, ${days.series} d`,
      path: '/api/query',
      body: query(days.series, () => ({ queryType: 'events', eventKinds: ['deployment', 'incident'] })),
    },
    {
      name: `suspect_deploys ×50, ${days.suspects} d`,
      path: '/api/query',
      body: query(days.suspects, () => ({ queryType: 'suspect_deploys' })),
    },
    { name: `dora ×50, ${days.dora} d`, path: '/api/query', body: query(days.dora, () => ({ queryType: 'dora' })) },
    {
      name: `GET suspects, ${days.suspects} d`,
      path: `/api/deployments/suspects?service=checkout-api&${params(days.suspects)}`,
    },
    { name: `GET dora, ${days.dora} d, every service`, path: `/api/deployments/dora?${params(days.dora)}` },
  ];
}

function rssMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function startGateway(root: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['gateway/dist/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      OPSDECK_DATA_DIR: dir,
      OPSDECK_DATABASE: path.join(dir, 'opsdeck.sqlite'),
      OPSDECK_HOST: '127.0.0.1',
      OPSDECK_PORT: '0',
      OPSDECK_API_TOKEN: TOKEN,
      OPSDECK_LOG_LEVEL: 'silent',
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

/** Asks /api/health every 50 ms (one at a time) until stopped; returns every latency seen. */
function pollHealth(url: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

interface Run {
  kind: string;
  status: number;
  ms: number;
  mb: number;
  errors: number;
  peakRssMb: number;
  worstHealthMs: number;
  healthChecks: number;
}

async function measure(url: string, pid: number | undefined, kind: Kind): Promise<Run> {
  let peakRssMb = rssMb(pid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid))), 10);
  const health = pollHealth(url);
  const started = performance.now();
  const response = await fetch(`${url}${kind.path}`, {
    method: kind.body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, ...(kind.body ? { 'content-type': 'application/json' } : {}) },
    body: kind.body ? JSON.stringify(kind.body) : undefined,
  });
  const bytes = await response.arrayBuffer();
  const ms = performance.now() - started;
  const latencies = await health.stop();
  clearInterval(sampler);
  let errors = 0;
  try {
    const answer = JSON.parse(Buffer.from(bytes).toString('utf8')) as { results?: Record<string, { error?: string }> };
    errors = Object.values(answer.results ?? {}).filter((r) => r.error).length;
  } catch {
    errors = -1;
  }
  return {
    kind: kind.name,
    status: response.status,
    ms,
    mb: bytes.byteLength / 1e6,
    errors,
    peakRssMb,
    worstHealthMs: Math.max(0, ...latencies),
    healthChecks: latencies.length,
  };
}

function table(title: string, runs: Run[]): void {
  console.log(`\n${title}\n`);
  console.log('| request | status | duration | answer | query errors | peak RSS | worst /api/health (checks) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of runs) {
    console.log(
      `| ${r.kind} | ${r.status} | ${r.ms.toFixed(0)} ms | ${r.mb.toFixed(1)} MB | ${r.errors} | ` +
        `${r.peakRssMb.toFixed(0)} MB | ${r.worstHealthMs.toFixed(0)} ms (${r.healthChecks}) |`
    );
  }
}

async function main(): Promise<void> {
  const root = process.cwd();
  const hardStop = setTimeout(() => {
    console.error(`bench:hardening: hard time limit of ${HARD_LIMIT_MS / 1000} s reached`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  const build = spawnSync(process.execPath, ['gateway/scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gateway build failed:\n${build.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-hardening-'));
  const gateway = await startGateway(root, dir);
  try {
    const now = Date.now();
    const idle = pollHealth(gateway.url);
    await new Promise((r) => setTimeout(r, 3000));
    const idleLatencies = await idle.stop();
    console.log(
      `idle gateway, 3 s: worst /api/health ${Math.max(...idleLatencies).toFixed(0)} ms over ${idleLatencies.length} checks (the machine's own noise)`
    );
    const allowed: Run[] = [];
    for (const kind of kinds(now, { series: 455, suspects: 7, dora: 455 })) {
      for (let i = 0; i < repeat; i++) allowed.push(await measure(gateway.url, gateway.child.pid, kind));
    }
    table('Heaviest allowed request of each kind (health polled every 50 ms meanwhile)', allowed);
    const refused: Run[] = [];
    for (const kind of kinds(now, { series: 3650, suspects: 3650, dora: 3650 })) {
      refused.push(await measure(gateway.url, gateway.child.pid, kind));
    }
    table('10-year ranges: refused (400, or each query an error naming the limit)', refused);
    console.log(`\nNode ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  } finally {
    clearTimeout(hardStop);
    gateway.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error('bench:hardening failed:', error);
  process.exit(1);
});
