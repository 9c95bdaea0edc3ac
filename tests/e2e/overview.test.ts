/**
 * The app's Overview, built plugins in the test host, real gateway in demo mode: every catalog service is on the
 * page with the status and numbers the gateway answers for the same query, the demo badge shows, and the load
 * time is measured.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { testIds } from '@/components/testIds';
import type { QueryRequest, ServicesResponse } from '@opsdeck/contract';
import { launchBrowser, recordPageErrors, WAIT_MS } from './support/browser';
import { readDisplayedMetric } from './support/displayedNumber';
import { openOverview } from './support/overview';
import { frameRows, gatewayJson, gatewayQuery, startStack, type Stack } from './support/stack';

const DISPLAYED_METRICS = ['availability', 'error_rate', 'latency_p99', 'request_rate', 'cpu_utilization'] as const;
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

function isFleetQuery(req: Request): boolean {
  return req.method() === 'POST' && req.url().endsWith('/api/datasources/proxy/uid/opsdeck/read/api/query') && (req.postData() ?? '').includes('fleet_health');
}

describe('Overview page on the test host', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ role: 'Viewer', theme: 'dark' });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows every catalog service with the status and numbers the gateway answers', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      const fleetRequest = page.waitForRequest(isFleetQuery, { timeout: WAIT_MS });
      const { loadMs, hostReadyMs } = await openOverview(page, stack.host.url);
      console.log(`overview load: ${loadMs} ms (host client ready at ${hostReadyMs} ms; plugins, query and render ${loadMs - hostReadyMs} ms)`);

      // The same question, asked of the gateway directly, is the truth the page must show.
      const asked = JSON.parse((await fleetRequest).postData() ?? '{}') as QueryRequest;
      const answer = await gatewayQuery(stack, asked);
      const rows = (answer.results[asked.queries[0].refId]?.frames ?? []).flatMap(frameRows);
      const catalog = await gatewayJson<ServicesResponse>(stack, 'GET', '/api/services');
      expect(catalog.services.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.service).sort()).toEqual(catalog.services.map((s) => s.name).sort());

      for (const row of rows) {
        const service = String(row.service);
        await expect(byTestId(page, testIds.overview.serviceStatus(service)).getAttribute('data-status')).resolves.toBe(row.status);
        for (const metric of DISPLAYED_METRICS) {
          const expected = typeof row[metric] === 'number' ? (row[metric] as number) : null;
          const shown = readDisplayedMetric(metric, (await byTestId(page, testIds.overview.serviceMetric(service, metric)).textContent()) ?? '');
          if (expected === null || shown === null) {
            expect([service, metric, shown]).toEqual([service, metric, expected]);
          } else {
            const off = Math.abs(shown.value - expected);
            expect({ service, metric, shown: shown.value, expected, withinShownPrecision: off <= shown.tolerance }).toMatchObject({ withinShownPrecision: true });
          }
        }
        const incidents = typeof row.open_incidents === 'number' ? String(row.open_incidents) : 'No data';
        await expect(byTestId(page, testIds.overview.serviceMetric(service, 'open_incidents')).textContent()).resolves.toBe(incidents);
      }
      await expect(byTestId(page, testIds.overview.summaryStat('services')).textContent()).resolves.toBe(String(rows.length));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says the data is the demo fleet', async () => {
    const page = await browser.newPage();
    try {
      await openOverview(page, stack.host.url);
      await expect(byTestId(page, testIds.overview.demoBadge).isVisible()).resolves.toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);
});
