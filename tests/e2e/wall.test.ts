/**
 * The Wall on the test host against a real gateway in demo mode: every catalog service as a tile with the gateway's
 * status, large type at 1080p and 4K in both themes, axe clean; a signed PagerDuty incident reaches its tile through
 * the live stream; the stale notice when the gateway stops and its recovery, without a reload, when it is back.
 */
import type { QueryResponse, ServicesResponse } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../../gateway/tests/support/pagerDutyWebhook';
import { byTestId } from './support/app';
import { seriousAxeViolations, horizontalOverflow } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { startRestartableStack, type RestartableStack } from './support/restartableStack';
import { frameRows, gatewayJson, gatewayQuery } from './support/stack';
import { openWall, tileNameFontSizes, WALL_TILE_SELECTOR, waitForTileStatus } from './support/wall';

const HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
/** Not a wall, but someone checks the wall's URL on a phone too. */
const PHONE = { width: 375, height: 812 };
/** Readable from 3 m on a 1080p screen (about 1.5 cm tall on a 55" TV). */
const MIN_NAME_PX_AT_1080P = 28;

async function fleetStatuses(stack: RestartableStack): Promise<Map<string, string>> {
  const now = Date.now();
  const answer: QueryResponse = await gatewayQuery(stack, {
    range: { from: now - 3600_000, to: now },
    queries: [{ refId: 'f', queryType: 'fleet_health' }],
  });
  return new Map((answer.results.f?.frames ?? []).flatMap(frameRows).map((r) => [String(r.service), String(r.status)]));
}

describe('Wall on the test host', () => {
  const e2e = useBrowserStack(() =>
    startRestartableStack({
      role: 'Viewer',
      theme: 'dark',
      gateway: { webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } },
    })
  );
  const stack = () => e2e.stack as RestartableStack;

  it.each([
    ['dark', PHONE],
    ['dark', HD],
    ['dark', UHD],
    ['light', PHONE],
    ['light', HD],
    ['light', UHD],
  ] as const)(
    'shows every service with its status in large type, %s theme at %o, axe clean',
    async (theme, viewport) => {
      stack().host.setTheme(theme);
      const page = await e2e.browser.newPage({ viewport });
      const errors = recordPageErrors(page);
      try {
        await openWall(page, stack().host.url, '?rotate=0');
        const catalog = await gatewayJson<ServicesResponse>(stack(), 'GET', '/api/services');
        const statuses = await fleetStatuses(stack());
        for (const service of catalog.services) {
          await expect(
            page.locator(byTestId(testIds.wall.tile(service.name))).getAttribute('data-status')
          ).resolves.toBe(statuses.get(service.name));
        }
        await expect(page.locator(WALL_TILE_SELECTOR).count()).resolves.toBe(catalog.services.length);
        await expect(page.locator(byTestId(testIds.wall.demoBadge)).textContent()).resolves.toBe('Demo data');

        // Type scales with the screen: at least 28 px at 1080p, twice that on a 4K canvas.
        const minimum = MIN_NAME_PX_AT_1080P * Math.max(1, viewport.width / HD.width);
        const sizes = await tileNameFontSizes(page);
        expect(sizes).toHaveLength(catalog.services.length);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(minimum);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        stack().host.setTheme('dark');
      }
    },
    60_000
  );

  it('rotates through the teams, stays on the team of the URL, and links to kiosk mode', async () => {
    const page = await e2e.browser.newPage({ viewport: HD });
    try {
      await openWall(page, stack().host.url, '?rotate=2');
      const team = page.locator(byTestId(testIds.wall.team));
      const first = await team.textContent();
      await page.waitForFunction(
        ([selector, was]) => document.querySelector(selector)?.textContent !== was,
        [byTestId(testIds.wall.team), first] as const,
        { timeout: 5_000 }
      );
      expect(await team.textContent()).not.toBe(first);

      await openWall(page, stack().host.url, '?team=payments');
      const catalog = await gatewayJson<ServicesResponse>(stack(), 'GET', '/api/services');
      const payments = catalog.services.filter((s) => s.team === 'payments').map((s) => s.name);
      await page.waitForTimeout(2_500);
      await expect(team.textContent()).resolves.toBe('Team payments');
      await expect(page.locator(WALL_TILE_SELECTOR).count()).resolves.toBe(payments.length);

      const kiosk = await page.locator(byTestId(testIds.wall.kioskLink)).getAttribute('href');
      expect(kiosk).toBe('/a/opsdeck-sre-app/wall?team=payments&kiosk');
      await openWall(page, stack().host.url, '?team=payments&kiosk');
      await expect(page.locator(byTestId(testIds.wall.kioskLink)).count()).resolves.toBe(0);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('turns a service down or degraded within two seconds of a signed PagerDuty incident, and back when resolved', async () => {
    const page = await e2e.browser.newPage({ viewport: HD });
    try {
      // Updates once a minute only: what changes the tile within seconds can only be the live stream.
      await openWall(page, stack().host.url, '?team=payments&refresh=60');
      const before = await fleetStatuses(stack());
      const incidents = page.locator(byTestId(testIds.wall.tileFigure('checkout-api', 'incidents')));
      const openBefore = Number(await incidents.textContent());

      const triggered = await postPagerDuty(stack().gateway.url, pagerDutyBody(901), 'wall-901');
      expect(triggered.status).toBeLessThan(300);
      const took = await waitForTileStatus(page, 'checkout-api', ['down', 'degraded'], 2_000);
      console.log(`wall: PagerDuty incident to checkout-api tile ${took} ms`);
      await page.waitForFunction(
        ([selector, n]) => document.querySelector(selector)?.textContent === String(n),
        [byTestId(testIds.wall.tileFigure('checkout-api', 'incidents')), openBefore + 1] as const,
        { timeout: 2_000 }
      );
      expect((await fleetStatuses(stack())).get('checkout-api')).toBe(
        await page.locator(byTestId(testIds.wall.tile('checkout-api'))).getAttribute('data-status')
      );
      await expect(page.locator(WALL_TILE_SELECTOR).first().getAttribute('data-testid')).resolves.toBe(
        testIds.wall.tile('checkout-api')
      );

      const resolved = await postPagerDuty(
        stack().gateway.url,
        pagerDutyBody(901, 'incident.resolved', Date.UTC(2026, 10, 27, 10) + 901 + 60_000),
        'wall-901-resolved'
      );
      expect(resolved.status).toBeLessThan(300);
      await waitForTileStatus(page, 'checkout-api', [before.get('checkout-api') ?? 'ok'], 2_000);
      await expect(incidents.textContent()).resolves.toBe(String(openBefore));
    } finally {
      await page.close();
    }
  }, 60_000);

  it('marks the figures stale when the network drops and is current again as soon as the browser is back online', async () => {
    const context = await e2e.browser.newContext({ viewport: HD });
    const page = await context.newPage();
    try {
      await openWall(page, stack().host.url, '?team=payments');
      await page.evaluate(() => ((window as unknown as { wallNotReloaded: boolean }).wallNotReloaded = true));
      await context.setOffline(true);
      const notice = page.locator(byTestId(testIds.wall.stale));
      await notice.waitFor({ timeout: WAIT_MS });
      await expect(page.locator(`${WALL_TILE_SELECTOR}[data-stale="true"]`).count()).resolves.toBeGreaterThan(0);

      await context.setOffline(false);
      const online = Date.now();
      // The browser's "online" event reloads at once, without waiting for the backoff's next try.
      await notice.waitFor({ state: 'detached', timeout: 3_000 });
      console.log(`wall: current again ${Date.now() - online} ms after the network returned`);
      await expect(
        page.evaluate(() => (window as unknown as { wallNotReloaded?: boolean }).wallNotReloaded)
      ).resolves.toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says "stale since" when the gateway stops, keeps the figures, and recovers without a reload when it returns', async () => {
    const page = await e2e.browser.newPage({ viewport: HD });
    try {
      await openWall(page, stack().host.url, '?team=payments');
      await page.evaluate(() => ((window as unknown as { wallNotReloaded: boolean }).wallNotReloaded = true));
      const tiles = await page.locator(WALL_TILE_SELECTOR).count();

      await stack().stopGateway();
      const stopped = Date.now();
      const notice = page.locator(byTestId(testIds.wall.stale));
      await notice.waitFor({ timeout: WAIT_MS });
      console.log(`wall: stale notice ${Date.now() - stopped} ms after the gateway stopped`);
      expect(await notice.textContent()).toMatch(/^Stale since \d\d:\d\d:\d\d: /);
      await expect(page.locator(WALL_TILE_SELECTOR).count()).resolves.toBe(tiles);
      await expect(page.locator(`${WALL_TILE_SELECTOR}[data-stale="true"]`).count()).resolves.toBe(tiles);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await stack().startGateway();
      const started = Date.now();
      await notice.waitFor({ state: 'detached', timeout: WAIT_MS });
      console.log(`wall: recovered ${Date.now() - started} ms after the gateway came back`);
      await expect(page.locator(`${WALL_TILE_SELECTOR}[data-stale="false"]`).count()).resolves.toBe(tiles);
      await expect(
        page.evaluate(() => (window as unknown as { wallNotReloaded?: boolean }).wallNotReloaded)
      ).resolves.toBe(true);
    } finally {
      await stack().startGateway();
      await page.close();
    }
  }, 90_000);
});
