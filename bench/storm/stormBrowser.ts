/**
 * The browser half of bench:storm: the built plugins (dist/) in the test host (tests/host), Debian's Chromium
 * headless at 1920×1080, against the storm's gateway. Per size: cold navigations to the Alerts page (flat list and
 * the default grouping) until the first row or group is in the DOM; in one open tab, the DOM and JS heap after load,
 * the frame times while the list scrolls, then again the DOM and heap; a service filter picked in the filter bar
 * until the list shows that service's count; a group expanded until its members are drawn. During a burst: the
 * tab's long tasks (PerformanceObserver 'longtask', > 50 ms) and the bytes it receives (CDP Network events).
 * Moments are taken inside the page (performance.now(), MutationObserver), not by Playwright's polling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { testIds } from '../../src/components/testIds';
import { prefixRoute, ROUTES } from '../../src/constants';
import { CHROMIUM_PATH } from '../../tests/e2e/support/browser';
import { startHost, type RunningHost } from '../../tests/host/server';
import { percentile } from './stormHttp';

const ROOT = path.resolve(__dirname, '../..');
const WAIT_MS = 60_000;
const NAVIGATIONS = Number(process.env.BENCH_STORM_NAVIGATIONS ?? 3);
const SCROLL_MS = 5_000;
/** Pixels per animation frame while scrolling (≈ 7,200 px/s at 60 frames/s: a fast flick, paging as it goes). */
const SCROLL_STEP_PX = 120;
const VIEWPORT = { width: 1920, height: 1080 };

const FIRST_ROW = `[data-testid="${testIds.alerts.list}"] [role="listitem"]`;
const FIRST_GROUP = `[data-testid="${testIds.alerts.groups}"] li`;
const GROUP_PREFIX = testIds.alerts.group('');

/** Why the browser part cannot run, or undefined when it can. */
export function browserUnavailable(): string | undefined {
  if (process.env.BENCH_STORM_BROWSER === '0') return 'BENCH_STORM_BROWSER=0';
  if (!fs.existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  const module = path.join(ROOT, 'dist/module.js');
  if (!fs.existsSync(module)) return 'dist/ is not built (npm run build:plugins)';
  // webpack leaves an unchanged file as it was, so the newest chunk says when dist/ was last built.
  const newestIn = (dir: string) => Math.max(...fs.readdirSync(dir).map((f) => fs.statSync(path.join(dir, f)).mtimeMs));
  if (newestIn(path.join(ROOT, 'src/pages/Alerts')) > newestIn(path.join(ROOT, 'dist'))) {
    return 'dist/ is older than src/pages/Alerts (npm run build:plugins)';
  }
  return undefined;
}

export interface Navigation {
  /** Median from navigation start to the first row/group in the DOM. */
  totalMs: number;
  /** Median from the app's module.js request to it (the plugin's part; the host before it is Grafana's shell). */
  oursMs: number;
  runs: number[];
}

export interface PageMetrics {
  domNodes: number;
  jsHeapUsedMb: number;
}

export interface BrowserFigures {
  navigationFlat: Navigation;
  navigationGrouped: Navigation;
  afterLoad: PageMetrics;
  scroll: {
    frames: number;
    p50: number;
    p99: number;
    max: number;
    scrolledPx: number;
    /** The count line after scrolling ("600 of 50,001 alerts"). */
    loaded: string;
    longTasks: number;
  };
  afterScroll: PageMetrics;
  filterChangeMs: number;
  filterNote: string;
  groupExpandMs: number;
  groupNote: string;
}

export interface TabBurst {
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  /** Response body bytes the tab received in the window: the event stream and the reloads it caused. */
  bytes: number;
  streamBytes: number;
  bytesPerSecond: number;
  requests: number;
  view: string;
}

export interface TabWatch {
  stop(seconds: number): Promise<TabBurst>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __stormVisibleAt?: number;
    __stormLongTasks?: Array<{ start: number; duration: number }>;
    __stormT0?: number;
    __stormT1?: number;
  }
}

export class StormBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly host: RunningHost
  ) {}

  static async start(gatewayUrl: string, apiToken: string): Promise<StormBrowser> {
    const host = await startHost({ gatewayUrl, apiToken, role: 'Viewer', theme: 'dark' });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    return new StormBrowser(browser, host);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.host.close();
  }

  private url(query: string): string {
    return `${this.host.url}${prefixRoute(ROUTES.Alerts)}${query}`;
  }

  /** One cold navigation (a fresh context: no cache, no compiled JS) until `selector` is in the DOM. */
  private async navigateOnce(query: string, selector: string): Promise<{ total: number; ours: number }> {
    const context = await this.browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await page.addInitScript(watchFor, selector);
      await page.goto(this.url(query), { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__stormVisibleAt !== undefined, undefined, { timeout: WAIT_MS });
      return await page.evaluate(() => {
        const visibleAt = window.__stormVisibleAt ?? NaN;
        const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const module = entries.find((e) => /public\/plugins\/opsdeck-sre-app\/module\.js/.test(e.name));
        return { total: visibleAt, ours: visibleAt - (module?.startTime ?? 0) };
      });
    } finally {
      await context.close();
    }
  }

  private async navigation(query: string, selector: string): Promise<Navigation> {
    await this.navigateOnce(query, selector); // warm-up: the gateway's side, not the browser's
    const runs: Array<{ total: number; ours: number }> = [];
    for (let i = 0; i < NAVIGATIONS; i++) runs.push(await this.navigateOnce(query, selector));
    return {
      totalMs: percentile(
        runs.map((r) => r.total),
        50
      ),
      oursMs: percentile(
        runs.map((r) => r.ours),
        50
      ),
      runs: runs.map((r) => Math.round(r.ours)),
    };
  }

  /** `service` and its open total (from the gateway) for the filter change. */
  async measure(service: string, serviceTotal: number): Promise<BrowserFigures> {
    const navigationFlat = await this.navigation('?group=none', FIRST_ROW);
    const navigationGrouped = await this.navigation('', FIRST_GROUP);

    const context = await this.browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.addInitScript(observeLongTasks);
      await page.goto(this.url('?group=none'));
      await page.locator(FIRST_ROW).first().waitFor({ timeout: WAIT_MS });
      await page.waitForTimeout(500);
      const afterLoad = await pageMetrics(cdp);
      const scroll = await page.evaluate(scrollList, {
        selector: `[data-testid="${testIds.alerts.list}"]`,
        ms: SCROLL_MS,
        step: SCROLL_STEP_PX,
      });
      const frames = scroll.deltas;
      await page.waitForTimeout(500);
      const loaded = (await page.locator(`[data-testid="${testIds.alerts.count}"]`).textContent()) ?? '';
      const afterScroll = await pageMetrics(cdp);

      // The filter bar's service picker (a Combobox): open it, type, pick; until the count names the service's total.
      const expected = `of ${serviceTotal.toLocaleString('en-US')} alert`;
      await page.locator('#opsdeck-alerts-service').click();
      await page.locator('#opsdeck-alerts-service').fill(service);
      const option = page.getByRole('option').filter({ hasText: service }).first();
      await option.waitFor({ timeout: WAIT_MS });
      await page.evaluate(timeFromPointerUntil, {
        selector: `[data-testid="${testIds.alerts.count}"]`,
        text: expected,
      });
      await option.click();
      await page.waitForFunction(() => window.__stormT1 !== undefined, undefined, { timeout: WAIT_MS });
      const filterChangeMs = await page.evaluate(() => (window.__stormT1 ?? NaN) - (window.__stormT0 ?? NaN));
      const filterNote = (await page.locator(`[data-testid="${testIds.alerts.count}"]`).textContent()) ?? '';

      // The default grouping: expand the first group listed, until its members are drawn.
      await page.goto(this.url(''));
      await page.locator(FIRST_GROUP).first().waitFor({ timeout: WAIT_MS });
      const groupTestId = (await page.locator(FIRST_GROUP).first().getAttribute('data-testid')) ?? '';
      const key = groupTestId.slice(GROUP_PREFIX.length);
      const membersRow = `[data-testid="${testIds.alerts.groupMembers(key)}"] [role="listitem"]`;
      await page.evaluate(timeFromPointerUntil, { selector: membersRow });
      await page.locator(`[data-testid="${testIds.alerts.groupToggle(key)}"]`).click();
      await page.waitForFunction(() => window.__stormT1 !== undefined, undefined, { timeout: WAIT_MS });
      const groupExpandMs = await page.evaluate(() => (window.__stormT1 ?? NaN) - (window.__stormT0 ?? NaN));
      const groupCount = await page.locator(`[data-testid="${testIds.alerts.groupCount(key)}"]`).textContent();

      return {
        navigationFlat,
        navigationGrouped,
        afterLoad,
        scroll: {
          frames: frames.length,
          p50: percentile(frames, 50),
          p99: percentile(frames, 99),
          max: Math.max(...frames),
          scrolledPx: scroll.scrolledPx,
          loaded,
          longTasks: scroll.longTasks,
        },
        afterScroll,
        filterChangeMs,
        filterNote,
        groupExpandMs,
        groupNote: `${key} (${groupCount})`,
      };
    } finally {
      await context.close();
    }
  }

  /** Opens the Alerts page (default grouping) and counts from `start()` on what a burst costs the tab. */
  async watchBurst(): Promise<{ start(): Promise<void>; watch: TabWatch }> {
    const context = await this.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript(observeLongTasks);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await page.goto(this.url(''));
    await page.locator(FIRST_GROUP).first().waitFor({ timeout: WAIT_MS });
    await page.waitForTimeout(1_000);
    const network = countNetwork(cdp);
    let startedAt = 0;
    return {
      start: async () => {
        startedAt = await page.evaluate(() => performance.now());
        network.reset();
      },
      watch: {
        stop: async (seconds: number) => {
          const tasks = await page.evaluate(
            (from) => (window.__stormLongTasks ?? []).filter((t) => t.start >= from),
            startedAt
          );
          const counted = network.totals();
          return {
            longTasks: tasks.length,
            longTaskMs: tasks.reduce((sum, t) => sum + t.duration, 0),
            longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
            bytes: counted.bytes,
            streamBytes: counted.streamBytes,
            bytesPerSecond: counted.bytes / seconds,
            requests: counted.requests,
            view: 'Alerts page, default grouping (alertname, service)',
          };
        },
        close: () => closeContext(context, page),
      },
    };
  }
}

async function closeContext(context: BrowserContext, page: Page): Promise<void> {
  await page.close();
  await context.close();
}

/** Body bytes per response since the last reset; requests begun since then; the EventSource's share. */
function countNetwork(cdp: CDPSession) {
  const types = new Map<string, string>();
  let bytes = 0;
  let streamBytes = 0;
  let requests = 0;
  cdp.on('Network.requestWillBeSent', (event) => {
    types.set(event.requestId, event.type ?? '');
    requests++;
  });
  cdp.on('Network.dataReceived', (event) => {
    if (types.get(event.requestId) === 'EventSource') return; // counted per message below
    bytes += event.dataLength;
  });
  // Chromium reports an EventSource's data as messages, not as received data: the frame as it was on the wire.
  cdp.on('Network.eventSourceMessageReceived', (event) => {
    const frame = Buffer.byteLength(`id: ${event.eventId}\nevent: ${event.eventName}\ndata: ${event.data}\n\n`);
    bytes += frame;
    streamBytes += frame;
  });
  return {
    reset() {
      bytes = 0;
      streamBytes = 0;
      requests = 0;
    },
    totals: () => ({ bytes, streamBytes, requests }),
  };
}

async function pageMetrics(cdp: CDPSession): Promise<PageMetrics> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { domNodes: value('Nodes'), jsHeapUsedMb: value('JSHeapUsedSize') / 1024 / 1024 };
}

// ---- functions that run inside the page (serialised by Playwright: no closures over this module) ----

function watchFor(selector: string): void {
  const seen = () => {
    if (document.querySelector(selector)) {
      window.__stormVisibleAt ??= performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
}

function observeLongTasks(): void {
  window.__stormLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__stormLongTasks?.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** Arms a timer: t0 at the next pointerdown, t1 once `selector` exists (and its text contains `text`, if given). */
function timeFromPointerUntil({ selector, text }: { selector: string; text?: string }): void {
  window.__stormT0 = undefined;
  window.__stormT1 = undefined;
  document.addEventListener('pointerdown', () => (window.__stormT0 ??= performance.now()), {
    capture: true,
    once: true,
  });
  const check = () => {
    if (window.__stormT0 === undefined || window.__stormT1 !== undefined) return;
    const element = document.querySelector(selector);
    if (element && (!text || element.textContent?.includes(text))) {
      window.__stormT1 = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Scrolls the list by `step` px every animation frame for `ms`; the frame-to-frame times. */
function scrollList({ selector, ms, step }: { selector: string; ms: number; step: number }) {
  const scroller = document.querySelector<HTMLElement>(selector);
  if (!scroller) throw new Error(`no ${selector}`);
  const tasksBefore = window.__stormLongTasks?.length ?? 0;
  return new Promise<{ deltas: number[]; scrolledPx: number; longTasks: number }>((resolve) => {
    const deltas: number[] = [];
    let last = 0;
    let end = 0;
    const frame = (now: number) => {
      if (last) deltas.push(now - last);
      else end = now + ms;
      last = now;
      scroller.scrollTop += step;
      if (now < end) requestAnimationFrame(frame);
      else {
        resolve({
          deltas,
          scrolledPx: Math.round(scroller.scrollTop),
          longTasks: (window.__stormLongTasks?.length ?? 0) - tasksBefore,
        });
      }
    };
    requestAnimationFrame(frame);
  });
}
