/**
 * The Wall's JS heap over a long run (issue 11 §3): the built plugins in the test host, a real demo gateway,
 * Chromium. The Wall updates every --refresh seconds (10 as shipped; 1 compresses a day of updates into a few hours)
 * and rotates teams every --rotate seconds, while a signed PagerDuty incident is triggered and resolved every
 * --incident seconds so the live stream and its reloads run too. Every --sample seconds the heap is measured after a
 * forced GC (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage), with the DOM node and listener counts.
 * Prints the series and the least-squares slope of the heap. A benchmark, not a test: nothing fails.
 * Run: npm run bench:wall -- --minutes 10 --refresh 1
 */
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { startTestGateway } from '../../gateway/tests/support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../../gateway/tests/support/pagerDutyWebhook';
import { testIds } from '../../src/components/testIds';
import { prefixRoute, ROUTES } from '../../src/constants';
import { CHROMIUM_PATH } from '../../tests/e2e/support/browser';
import { startHost } from '../../tests/host/server';
import { slopePerHour, type Sample } from './heapSeries';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    refresh: { type: 'string', default: '10' },
    rotate: { type: 'string', default: '20' },
    sample: { type: 'string', default: '30' },
    incident: { type: 'string', default: '15' },
  },
});
const MINUTES = Number(values.minutes);
const REFRESH_S = Number(values.refresh);
const SAMPLE_MS = Number(values.sample) * 1000;
const INCIDENT_MS = Number(values.incident) * 1000;

async function heapAfterGc(
  cdp: CDPSession,
  page: Page
): Promise<{ heap: number; nodes: number; listeners: number; timings: number }> {
  // Twice: the first pass frees what finalisers and weak references only release on the next one.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  // The browser's resource-timing buffer holds up to 250 requests by default: heap that grows until it is full is that.
  const timings = await page.evaluate(() => performance.getEntriesByType('resource').length);
  return { heap: usedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners'), timings };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

async function main(): Promise<void> {
  const gateway = await startTestGateway({ webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } });
  const host = await startHost({ gatewayUrl: gateway.url, apiToken: gateway.token, role: 'Viewer', theme: 'dark' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  let incidentTimer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    let updates = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/read/api/query')) {
        updates++;
      }
    });
    const query = `?refresh=${REFRESH_S}&rotate=${values.rotate}`;
    await page.goto(`${host.url}${prefixRoute(ROUTES.Wall)}${query}`);
    await page.locator(`[data-testid="${testIds.wall.tiles}"] > li`).first().waitFor({ timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    // A new incident each time, triggered then resolved: PagerDuty event ids are unique, and the gateway ignores a
    // delivery it has already stored.
    let deliveries = 0;
    let events = 0;
    incidentTimer = setInterval(() => {
      const incident = Math.floor(deliveries / 2) + 1;
      const body = pagerDutyBody(
        incident,
        deliveries % 2 === 0 ? 'incident.triggered' : 'incident.resolved',
        Date.now()
      );
      deliveries++;
      void postPagerDuty(gateway.url, body, `bench-${deliveries}`).then(
        (resp) => void (resp.ok && events++),
        () => undefined
      );
    }, INCIDENT_MS);

    console.log(
      `Wall heap: ${MINUTES} min, updates every ${REFRESH_S} s, teams every ${values.rotate} s, an incident event every ${INCIDENT_MS / 1000} s`
    );
    console.log('t (s)\tupdates\tincident events\theap (MB)\tDOM nodes\tlisteners\tresource timings');
    const samples: Sample[] = [];
    const started = Date.now();
    for (;;) {
      const t = (Date.now() - started) / 1000;
      const m = await heapAfterGc(cdp, page);
      samples.push({ t, updates, heap: m.heap });
      console.log(`${t.toFixed(0)}\t${updates}\t${events}\t${mb(m.heap)}\t${m.nodes}\t${m.listeners}\t${m.timings}`);
      if (t >= MINUTES * 60) {
        break;
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(SAMPLE_MS, MINUTES * 60_000 - (Date.now() - started) + 10))
      );
    }
    // The first minute is warm-up (lazy chunks, caches filling), not a trend; the second half says whether it levelled off.
    const steady = samples.filter((x) => x.t >= Math.min(60, (MINUTES * 60) / 4));
    const secondHalf = samples.filter((x) => x.t >= (MINUTES * 60) / 2);
    const first = steady[0];
    const last = steady[steady.length - 1];
    const perThousand =
      last.updates > first.updates ? ((last.heap - first.heap) / (last.updates - first.updates)) * 1000 : 0;
    console.log(
      `heap ${mb(first.heap)} → ${mb(last.heap)} MB over ${last.updates - first.updates} updates after warm-up ` +
        `(${(perThousand / 1024).toFixed(1)} KB per 1000 updates, end to end); least-squares slope ` +
        `${(slopePerHour(steady) / 1024).toFixed(0)} KB/h after warm-up, ${(slopePerHour(secondHalf) / 1024).toFixed(0)} KB/h over the second half`
    );
  } finally {
    clearInterval(incidentTimer);
    await browser.close();
    await host.close();
    await gateway.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
