/**
 * The promise, where users see it: a signed PagerDuty incident for a catalog service turns that service down
 * on the Overview, the Services list and its Service page within moments of the webhook (the live stream, not the
 * 10 s tick), and resolving it restores the status the gateway reports. The Wall's own version is in wall.test.ts.
 */
import type { Page } from 'playwright-core';
import type { SloResponse } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { ROUTES, servicePageUrl } from '@/constants';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../../gateway/tests/support/pagerDutyWebhook';
import { appUrl, byTestId } from './support/app';
import { WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { openOverview } from './support/overview';
import { gatewayJson, type Stack, startStack } from './support/stack';

// The demo maps PagerDuty service PCHK001 to checkout-api (pagerDutyBody uses it).
const SERVICE = 'checkout-api';
/** Generous for a loaded CI machine; each page logs how long it took. */
const WITHIN_MS = 3_000;

interface Watched {
  name: string;
  page: Page;
  selector: string;
}

async function statusOf(stack: Stack): Promise<string> {
  const slo = await gatewayJson<SloResponse>(stack, 'GET', `/api/slo?service=${SERVICE}`);
  return slo.services[0].status;
}

/** Resolves with the time taken once every watched element's data-status is one of `statuses`. */
async function allShow(watched: Watched[], statuses: readonly string[]): Promise<Record<string, number>> {
  const started = Date.now();
  const took: Record<string, number> = {};
  await Promise.all(
    watched.map(async ({ name, page, selector }) => {
      await page.waitForFunction(
        ([sel, wanted]) => wanted.includes(document.querySelector(sel)?.getAttribute('data-status') ?? ''),
        [selector, statuses] as const,
        { timeout: WITHIN_MS, polling: 50 }
      );
      took[name] = Date.now() - started;
    })
  );
  return took;
}

describe('incident-aware status on the pages', () => {
  const e2e = useBrowserStack(() =>
    startStack({
      role: 'Viewer',
      theme: 'dark',
      gateway: { webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } },
    })
  );

  it('a signed PagerDuty incident turns the service down on Overview, Services and its page, and resolving it restores it', async () => {
    const before = await statusOf(e2e.stack);
    expect(before).not.toBe('down');
    const overview = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const services = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const service = await e2e.browser.newPage({ viewport: { width: 375, height: 812 } });
    try {
      await openOverview(overview, e2e.stack.host.url);
      await services.goto(`${e2e.stack.host.url}${appUrl(ROUTES.Services)}`, { timeout: WAIT_MS });
      await services.locator(byTestId(testIds.services.table)).waitFor({ timeout: WAIT_MS });
      await service.goto(`${e2e.stack.host.url}${servicePageUrl(SERVICE)}`, { timeout: WAIT_MS });
      await service.locator(byTestId(testIds.service.status)).waitFor({ timeout: WAIT_MS });
      const watched: Watched[] = [
        { name: 'overview', page: overview, selector: byTestId(testIds.overview.serviceStatus(SERVICE)) },
        { name: 'services', page: services, selector: byTestId(testIds.services.cell(SERVICE, 'status')) },
        { name: 'service', page: service, selector: byTestId(testIds.service.status) },
      ];
      // Every page starts from the gateway's answer, so a change below can only come from the incident.
      await allShow(watched, [before]);

      const triggered = await postPagerDuty(e2e.stack.gateway.url, pagerDutyBody(951), 'pages-951');
      expect(triggered.status).toBeLessThan(300);
      const down = await allShow(watched, ['down']);
      console.log(`incident → down: ${JSON.stringify(down)} ms after the webhook answered`);
      await expect(statusOf(e2e.stack)).resolves.toBe('down');

      const resolved = await postPagerDuty(
        e2e.stack.gateway.url,
        pagerDutyBody(951, 'incident.resolved', Date.UTC(2026, 10, 27, 10) + 951 + 60_000),
        'pages-951-resolved'
      );
      expect(resolved.status).toBeLessThan(300);
      const after = await statusOf(e2e.stack);
      expect(after).not.toBe('down');
      const restored = await allShow(watched, [after]);
      console.log(`resolved → ${after}: ${JSON.stringify(restored)} ms`);
    } finally {
      await Promise.all([overview.close(), services.close(), service.close()]);
    }
  }, 90_000);
});
