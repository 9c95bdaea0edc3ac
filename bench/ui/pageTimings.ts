/**
 * Navigation → data visible for the Overview, Services, one Service page and the Wall (issue 11 §4): the built
 * plugins in the test host, a real demo gateway with a 50-service catalog and 5,000 open alerts, Chromium at
 * 1920×1080. Per page, five cold navigations (a fresh browser context each: no cache, no warm JS) after one warm-up;
 * reported as medians, split into
 *   host    — navigation start until the app plugin's module.js is requested: the host's page, its React and
 *             @grafana/* bundle. Grafana's own shell takes this part in production, not us.
 *   ours    — from there until the page's data is on screen: plugin chunks, gateway queries through the proxy, render.
 * plus the JS heap after a forced GC once the data is visible. A benchmark, not a test: nothing fails.
 * Run: npm run build && npm run bench:ui   (BENCH_RUNS=5 by default; BENCH_PROFILE=<page> prints where its CPU went)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestGateway } from '../../gateway/tests/support/gateway';
import { testIds } from '../../src/components/testIds';
import { prefixRoute, ROUTES, servicePageUrl } from '../../src/constants';
import { CHROMIUM_PATH } from '../../tests/e2e/support/browser';
import { startHost } from '../../tests/host/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_PROFILE=Services (a page name's start): one extra run of that page under the CPU profiler, top functions. */
const PROFILE = process.env.BENCH_PROFILE;
const SERVICES = 50;
const ALERTS = 5_000;
const WEBHOOK_TOKEN = 'bench-ui-webhook-token-0123456789';
const TEAMS = ['payments', 'catalog', 'identity', 'platform', 'growth'];

/** A catalog of 50 services over 5 teams; every third has a latency objective as well. */
function writeCatalog(dir: string): string {
  const lines = ['services:'];
  for (let i = 1; i <= SERVICES; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`;
    lines.push(
      `  - name: ${name}`,
      `    team: ${TEAMS[i % TEAMS.length]}`,
      `    tier: ${(i % 3) + 1}`,
      `    owners: [owner${i}@example.com]`,
      `    aws: { region: eu-west-1, loadBalancer: app/${name}/${String(i).padStart(16, '0')} }`,
      i % 3 === 0 ? `    slo: { availability: 0.999, latencyP99Ms: 500 }` : `    slo: { availability: 0.995 }`,
      i > 1 ? `    dependsOn: [svc-${String(i - 1).padStart(2, '0')}]` : ''
    );
  }
  const file = path.join(dir, 'services.yaml');
  fs.writeFileSync(file, lines.filter(Boolean).join('\n') + '\n');
  return file;
}

/** 5,000 firing alerts spread over the services, posted as Alertmanager webhooks of 500. */
async function loadAlerts(gatewayUrl: string): Promise<void> {
  const startsAt = new Date(Date.now() - 3_600_000).toISOString();
  for (let batch = 0; batch < ALERTS / 500; batch++) {
    const alerts = Array.from({ length: 500 }, (_, k) => {
      const n = batch * 500 + k;
      const service = `svc-${String((n % SERVICES) + 1).padStart(2, '0')}`;
      return {
        status: 'firing',
        fingerprint: `bench${String(n).padStart(11, '0')}`,
        labels: {
          alertname: `Rule${n % 40}`,
          service,
          instance: `i-${n}`,
          severity: n % 7 === 0 ? 'critical' : 'warning',
        },
        annotations: { summary: `Bench alert ${n} on ${service}` },
        startsAt,
      };
    });
    const response = await fetch(`${gatewayUrl}/webhooks/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: '4',
        status: 'firing',
        receiver: 'bench',
        groupKey: `{}:{batch="${batch}"}`,
        alerts,
      }),
    });
    if (!response.ok) throw new Error(`alert batch ${batch}: HTTP ${response.status} ${await response.text()}`);
  }
}

interface Run {
  hostMs: number;
  oursMs: number;
  /** Plugin JS: from module.js's request to the last plugin chunk's arrival. */
  chunksMs: number;
  /** Gateway calls through the proxy: from the first request to the last answer (they overlap). */
  queriesMs: number;
  /** From module.js's request to the first gateway call: plugin start-up before it asks for data. */
  firstCallMs: number;
  /** From the last gateway answer to the data on screen: parsing and rendering. */
  renderMs: number;
  totalMs: number;
  heapMb: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** Self time per function of a CPU profile, largest first: where a page spends its main thread. */
function topSelfTime(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, n: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const file = frame.url.replace(/^.*\/public\//, '').replace(/^https?:\/\/[^/]+\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${key}`);
}

async function navigate(browser: Browser, url: string, visible: string, profile = false): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    const profiler = profile ? await context.newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    // The moment the data is in the DOM, taken inside the page: Playwright's polling would add its own delay.
    await page.addInitScript((selector: string) => {
      const seen = () => {
        if (document.querySelector(selector)) {
          (window as unknown as { __visibleAt?: number }).__visibleAt ??= performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(seen);
      observer.observe(document, { childList: true, subtree: true });
    }, `[data-testid="${visible}"]`);
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByTestId(visible).first().waitFor({ state: 'visible', timeout: 60_000 });
    const { visibleAt, moduleAt, chunksEnd, queriesStart, queriesEnd } = await page.evaluate(() => {
      const visibleAt = (window as unknown as { __visibleAt?: number }).__visibleAt ?? performance.now();
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const module = entries.find((entry) => /public\/plugins\/opsdeck-sre-app\/module\.js/.test(entry.name));
      const chunks = entries.filter(
        (e) => /public\/plugins\/opsdeck-sre-app\/.*\.js/.test(e.name) && e.startTime < visibleAt
      );
      const queries = entries.filter((e) => e.name.includes('/api/datasources/proxy/') && e.responseEnd <= visibleAt);
      return {
        visibleAt,
        moduleAt: module?.startTime ?? 0,
        chunksEnd: Math.max(0, ...chunks.map((e) => e.responseEnd)),
        queriesStart: Math.min(visibleAt, ...queries.map((e) => e.startTime)),
        queriesEnd: Math.max(0, ...queries.map((e) => e.responseEnd)),
      };
    });
    if (profiler) {
      const { profile: recorded } = await profiler.send('Profiler.stop');
      console.log(`\nCPU self time, navigation to data visible (${url}):`);
      for (const line of topSelfTime(recorded as never, 25)) console.log(line);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return {
      hostMs: moduleAt,
      oursMs: visibleAt - moduleAt,
      chunksMs: chunksEnd - moduleAt,
      queriesMs: Math.max(0, queriesEnd - queriesStart),
      firstCallMs: queriesStart - moduleAt,
      renderMs: visibleAt - queriesEnd,
      totalMs: visibleAt,
      heapMb: usedSize / 1024 / 1024,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-ui-'));
  const gateway = await startTestGateway({ catalogFile: writeCatalog(dir), webhooks: { webhookToken: WEBHOOK_TOKEN } });
  const host = await startHost({ gatewayUrl: gateway.url, apiToken: gateway.token, role: 'Viewer', theme: 'dark' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const loadStarted = performance.now();
    await loadAlerts(gateway.url);
    console.log(
      `${SERVICES} services, ${ALERTS} open alerts stored in ${Math.round(performance.now() - loadStarted)} ms`
    );
    const pages: Array<[string, string, string]> = [
      ['Overview', prefixRoute(ROUTES.Overview), testIds.overview.serviceRow('svc-01')],
      ['Services', prefixRoute(ROUTES.Services), testIds.services.row('svc-01')],
      ['Service (svc-03)', servicePageUrl('svc-03'), testIds.service.objective('availability')],
      ['Wall', `${prefixRoute(ROUTES.Wall)}?rotate=0`, testIds.wall.tile('svc-01')],
    ];
    console.log(
      `\n| Page | runs | host (median ms) | ours (median ms) | plugin JS loaded | first gateway call | gateway calls span | last answer → visible | total (median ms) | ours min–max | JS heap (MB) |`
    );
    console.log(`|---|---|---|---|---|---|---|---|---|---|---|`);
    for (const [name, route, visible] of pages) {
      await navigate(browser, `${host.url}${route}`, visible); // warm-up: the gateway's caches, not the browser's
      const runs: Run[] = [];
      if (PROFILE && name.startsWith(PROFILE)) await navigate(browser, `${host.url}${route}`, visible, true);
      for (let i = 0; i < RUNS; i++) runs.push(await navigate(browser, `${host.url}${route}`, visible));
      const ours = runs.map((r) => r.oursMs);
      console.log(
        `| ${name} | ${RUNS} | ${median(runs.map((r) => r.hostMs)).toFixed(0)} | ${median(ours).toFixed(0)} | ` +
          `${median(runs.map((r) => r.chunksMs)).toFixed(0)} | ${median(runs.map((r) => r.firstCallMs)).toFixed(0)} | ` +
          `${median(runs.map((r) => r.queriesMs)).toFixed(0)} | ${median(runs.map((r) => r.renderMs)).toFixed(0)} | ` +
          `${median(runs.map((r) => r.totalMs)).toFixed(0)} | ${Math.min(...ours).toFixed(0)}–${Math.max(...ours).toFixed(0)} | ` +
          `${median(runs.map((r) => r.heapMb)).toFixed(1)} |`
      );
    }
    console.log(
      `\nNode ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`
    );
  } finally {
    await browser.close();
    await host.close();
    await gateway.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const hardStop = setTimeout(() => {
  console.error('bench:ui: hard stop after 15 minutes');
  process.exit(2);
}, 15 * 60_000);
hardStop.unref();
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
