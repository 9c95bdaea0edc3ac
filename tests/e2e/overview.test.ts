/**
 * The app's Overview, built plugins in the test host, real gateway in demo mode: every catalog service is on the
 * page with the status and numbers the gateway answers for the same query, the demo badge shows, and the load
 * time is measured.
 */
import type { Request } from 'playwright-core';
import { testIds } from '@/components/testIds';
import type { QueryRequest, ServicesResponse } from '@opsdeck/contract';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { readDisplayedMetric } from './support/displayedNumber';
import { openOverview } from './support/overview';
import { frameRows, gatewayJson, gatewayQuery, startStack } from './support/stack';
import { byTestId } from './support/app';
import { useBrowserStack } from './support/fixture';

const DISPLAYED_METRICS = ['availability', 'error_rate', 'latency_p99', 'request_rate', 'cpu_utilization'] as const;

function isFleetQuery(req: Request): boolean {
  return (
    req.method() === 'POST' &&
    req.url().endsWith('/api/datasources/proxy/uid/opsdeck/read/api/query') &&
    (req.postData() ?? '').includes('fleet_health')
  );
}

describe('Overview page on the test host', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme: 'dark' }));

  it('shows every catalog service with the status and numbers the gateway answers', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      const fleetRequest = page.waitForRequest(isFleetQuery, { timeout: WAIT_MS });
      const { loadMs, hostReadyMs } = await openOverview(page, e2e.stack.host.url);
      console.log(
        `overview load: ${loadMs} ms (host client ready at ${hostReadyMs} ms; plugins, query and render ${loadMs - hostReadyMs} ms)`
      );

      // The same question, asked of the gateway directly, is the truth the page must show.
      const asked = JSON.parse((await fleetRequest).postData() ?? '{}') as QueryRequest;
      const answer = await gatewayQuery(e2e.stack, asked);
      const rows = (answer.results[asked.queries[0].refId]?.frames ?? []).flatMap(frameRows);
      const catalog = await gatewayJson<ServicesResponse>(e2e.stack, 'GET', '/api/services');
      expect(catalog.services.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.service).sort()).toEqual(catalog.services.map((s) => s.name).sort());

      for (const row of rows) {
        const service = String(row.service);
        await expect(
          page.locator(byTestId(testIds.overview.serviceStatus(service))).getAttribute('data-status')
        ).resolves.toBe(row.status);
        for (const metric of DISPLAYED_METRICS) {
          const expected = typeof row[metric] === 'number' ? (row[metric] as number) : null;
          const shown = readDisplayedMetric(
            metric,
            (await page.locator(byTestId(testIds.overview.serviceMetric(service, metric))).textContent()) ?? ''
          );
          if (expected === null || shown === null) {
            expect([service, metric, shown]).toEqual([service, metric, expected]);
          } else {
            const off = Math.abs(shown.value - expected);
            expect({
              service,
              metric,
              shown: shown.value,
              expected,
              withinShownPrecision: off <= shown.tolerance,
            }).toMatchObject({ withinShownPrecision: true });
          }
        }
        const incidents = typeof row.open_incidents === 'number' ? String(row.open_incidents) : 'No data';
        await expect(
          page.locator(byTestId(testIds.overview.serviceMetric(service, 'open_incidents'))).textContent()
        ).resolves.toBe(incidents);
      }
      await expect(page.locator(byTestId(testIds.overview.summaryStat('services'))).textContent()).resolves.toBe(
        String(rows.length)
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says the data is the demo fleet', async () => {
    const page = await e2e.browser.newPage();
    try {
      await openOverview(page, e2e.stack.host.url);
      await expect(page.locator(byTestId(testIds.overview.demoBadge)).isVisible()).resolves.toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);
});
