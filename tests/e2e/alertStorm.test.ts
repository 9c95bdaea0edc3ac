/**
 * The issue's "done when" at full size: 50,000 open alerts posted through the real Alertmanager webhook, then, in
 * the browser, one service's alerts (spread through the whole set) filtered and paged to the very last one, a group
 * of them acknowledged by its filter, and the export holding every alert.
 */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import type { AlertGroupsResponse, AlertListResponse } from '@opsdeck/contract';
import { startAlertStack, WEBHOOK_TOKEN } from './support/alerts';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { appUrl, byTestId } from './support/app';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, type Stack } from './support/stack';

const STORM = 50_000;
const PER_NOTIFICATION = 100;
/** The catalog service whose alerts the test chases, and how many it has: 5 rules × 100. */
const DEEP = 'fraud-scoring';
const DEEP_RULES = 5;
const OTHERS = ['checkout-api', 'payments-worker', 'inventory-api', 'search-api', 'catalog-ingest'];

/** One Alertmanager notification of `count` firing alerts of one rule on one service. */
function notification(rule: string, service: string, from: number, count: number) {
  const alerts = Array.from({ length: count }, (_, i) => ({
    status: 'firing',
    labels: { alertname: rule, service, severity: i % 4 === 0 ? 'critical' : 'warning', instance: `i-${from + i}` },
    annotations: { summary: `${rule} on ${service} i-${from + i}` },
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: '0001-01-01T00:00:00Z',
  }));
  return {
    version: '4',
    groupKey: `{}:{alertname="${rule}",service="${service}"}`,
    status: 'firing',
    receiver: 'opsdeck',
    groupLabels: { alertname: rule, service },
    commonLabels: { alertname: rule, service },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.invalid:9093',
    alerts,
  };
}

/** The storm, as Alertmanager would send it: notifications of 100, four in flight. */
async function postStorm(stack: Stack): Promise<void> {
  const bodies: object[] = [];
  for (let r = 0; r < DEEP_RULES; r++) bodies.push(notification(`StormRule${r}`, DEEP, 0, PER_NOTIFICATION));
  for (let n = bodies.length; n < STORM / PER_NOTIFICATION; n++) {
    bodies.push(notification(`StormRule${n % 40}`, OTHERS[n % OTHERS.length], n * PER_NOTIFICATION, PER_NOTIFICATION));
  }
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const response = await fetch(`${stack.gateway.url}/webhooks/alertmanager`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(bodies[i]),
      });
      if (!response.ok) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** Every alert id the gateway lists for a filter, in its order. */
async function allIds(stack: Stack, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await gatewayJson<AlertListResponse>(
      stack,
      'GET',
      `/api/alerts?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`
    );
    ids.push(...page.alerts.map((a) => a.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function openAlerts(page: Page, stack: Stack, query: string): Promise<void> {
  await page.goto(`${stack.host.url}${appUrl(ROUTES.Alerts, query)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.alerts.count)).waitFor({ timeout: WAIT_MS });
}

describe('Alerts page in a storm of 50,000 open alerts', () => {
  const e2e = useBrowserStack(() => startAlertStack('Editor'));

  beforeAll(async () => {
    const started = Date.now();
    await postStorm(e2e.stack);
    console.log(`stored ${STORM} alerts through the webhook in ${Date.now() - started} ms`);
  }, 240_000);

  it('filters to one service, pages to its last alert, and acknowledges one of its groups', async () => {
    const stack = e2e.stack;
    const filter = `service=${DEEP}&source=alertmanager`;
    const expected = await allIds(stack, filter);
    expect(expected.length).toBeGreaterThanOrEqual(DEEP_RULES * PER_NOTIFICATION);
    const everything = await allIds(stack, 'source=alertmanager');
    // Spread through the set, not at its top: the chased service's last alert is far past the first pages.
    expect(everything.indexOf(expected.at(-1)!)).toBeGreaterThan(10_000);

    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await openAlerts(page, stack, `?${filter}&group=none`);
      const rows = page.locator(`${byTestId(testIds.alerts.list)} [role="listitem"]`);
      await rows.first().waitFor({ timeout: WAIT_MS });
      expect(await page.locator(byTestId(testIds.alerts.count)).textContent()).toMatch(
        new RegExp(`^\\d+ of ${expected.length.toLocaleString('en-US')} alerts`)
      );
      // Page to the end by keyboard: End moves to the last loaded row, which loads the next page, until all are in.
      await rows.first().focus();
      const last = page.locator(byTestId(testIds.alerts.row(expected.at(-1)!)));
      for (let presses = 0; presses < 50 && !(await last.isVisible()); presses++) {
        await page.keyboard.press('End');
        await page.waitForTimeout(150);
      }
      await last.waitFor({ timeout: WAIT_MS });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe(
        String(expected.length - 1)
      );
      // Windowed: a handful of rows in the DOM, not hundreds.
      expect(await rows.count()).toBeLessThan(60);

      // Grouped (the default), the chased service's first rule: acknowledge the whole group by its filter.
      await openAlerts(page, stack, `?${filter}`);
      const key = `StormRule0 · ${DEEP}`;
      await page.locator(byTestId(testIds.alerts.group(key))).waitFor({ timeout: WAIT_MS });
      expect(await page.locator(byTestId(testIds.alerts.groupCount(key))).textContent()).toBe('100 alerts');
      await page.locator(byTestId(testIds.alerts.groupAction(key, 'acknowledge'))).click();
      await page
        .locator(byTestId(testIds.alerts.actionResult))
        .getByText('Acknowledged 100 alerts.')
        .waitFor({ timeout: 60_000 });
      const groups = await gatewayJson<AlertGroupsResponse>(
        stack,
        'GET',
        `/api/alerts/groups?${filter}&status=all&limit=500`
      );
      const acted = groups.groups.find((g) => g.key.join(' · ') === key)!;
      expect(acted.byStatus).toEqual({ acknowledged: 100 });
      // Its neighbours were left alone.
      const neighbour = groups.groups.find((g) => g.key.join(' · ') === `StormRule1 · ${DEEP}`)!;
      expect(neighbour.byStatus).toEqual({ firing: 100 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 240_000);

  it('exports every one of the open alerts from the page', async () => {
    const stack = e2e.stack;
    const page = await e2e.browser.newPage({ acceptDownloads: true });
    try {
      await openAlerts(page, stack, '?source=alertmanager');
      const { total } = await gatewayJson<AlertListResponse>(stack, 'GET', '/api/alerts?source=alertmanager&limit=1');
      expect(total).toBeGreaterThanOrEqual(STORM);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.locator(byTestId(testIds.alerts.exportCsv)).click(),
      ]);
      let lines = 0;
      for await (const chunk of await download.createReadStream()) {
        for (const byte of chunk as Buffer) if (byte === 10) lines++;
      }
      // A header and one line per alert.
      expect(lines).toBe(total + 1);
    } finally {
      await page.close();
    }
  }, 240_000);
});
