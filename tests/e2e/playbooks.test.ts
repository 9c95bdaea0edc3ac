/**
 * The Playbooks page, built plugin in the test host, real gateway in demo mode: an alert's drawer opens its playbook
 * inside the app (the Markdown bundled into the plugin, no other host), with the alert's service filled into the
 * playbook's Grafana paths; a link to another playbook moves within the app to the heading it names; the Service
 * page's runbook (the demo catalog's runbookUrl) opens the index at the service's section; an unknown id says so;
 * both themes at 375 px without sideways scrolling or serious axe violations.
 */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES, servicePageUrl } from '@/constants';
import { type Alert, PLAYBOOKS, PLAYBOOKS_APP_PATH } from '@opsdeck/contract';
import { postAlertmanagerAlert, startAlertStack } from './support/alerts';
import { appUrl, byTestId } from './support/app';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';

const SERVICE = 'checkout-api';

async function titleOf(page: Page): Promise<string> {
  return ((await page.locator(byTestId(testIds.playbooks.title)).textContent()) ?? '').trim();
}

/** Whether the element's top is on screen, below nothing but the page's own top. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const { top } = el.getBoundingClientRect();
    return top >= 0 && top < window.innerHeight;
  });
}

describe('Playbooks page on the test host', () => {
  const e2e = useBrowserStack(() => startAlertStack('Viewer'));
  let alert: Alert;

  beforeAll(async () => {
    alert = await postAlertmanagerAlert(e2e.stack, {
      alertname: 'CheckoutDbConnections',
      service: SERVICE,
      severity: 'critical',
      summary: 'E2E checkout-db connections near the pool size',
      labels: { playbook: 'rds-connection-pool' },
    });
  }, 60_000);

  it('opens the alert’s playbook from its drawer, inside the app, for the alert’s service', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await page.goto(
        `${e2e.stack.host.url}${appUrl(ROUTES.Alerts, `?status=all&group=none&alert=${encodeURIComponent(alert.id)}`)}`,
        { timeout: WAIT_MS }
      );
      const link = page.locator(`${byTestId(testIds.alerts.drawer)} ${byTestId(testIds.alerts.drawerPlaybook)}`);
      await link.waitFor({ timeout: WAIT_MS });
      expect((await link.textContent())?.trim()).toBe(`Playbook: ${PLAYBOOKS['rds-connection-pool']}`);
      await link.click();

      const doc = page.locator(`${byTestId(testIds.playbooks.doc)}[data-doc="rds-connection-pool"]`);
      await doc.waitFor({ timeout: WAIT_MS });
      expect(await titleOf(page)).toBe(PLAYBOOKS['rds-connection-pool']);
      const url = new URL(page.url());
      expect(url.pathname).toBe(`${PLAYBOOKS_APP_PATH}/rds-connection-pool`);
      expect(url.searchParams.get('service')).toBe(SERVICE);
      expect(await doc.locator('h2#triage').count()).toBe(1);
      // The playbook's Grafana paths lead to the alert's service.
      expect(await page.locator(byTestId(testIds.playbooks.service)).textContent()).toContain(SERVICE);
      expect(await doc.locator(`a[href="/d/opsdeck-infrastructure?var-service=${SERVICE}"]`).count()).toBeGreaterThan(
        0
      );

      // Another playbook, at the heading the link names, without reloading the page.
      await page.evaluate(() => Object.assign(window, { __samePage: true }));
      await doc.locator(`a[href="${PLAYBOOKS_APP_PATH}/http-5xx-spike?service=${SERVICE}#mitigation"]`).click();
      await page.locator(`${byTestId(testIds.playbooks.doc)}[data-doc="http-5xx-spike"]`).waitFor({ timeout: WAIT_MS });
      expect(await titleOf(page)).toBe(PLAYBOOKS['http-5xx-spike']);
      expect(new URL(page.url()).hash).toBe('#mitigation');
      await page.waitForFunction(
        () => {
          const top = document.getElementById('mitigation')?.getBoundingClientRect().top ?? -1;
          return top >= 0 && top < window.innerHeight;
        },
        undefined,
        { timeout: WAIT_MS }
      );
      expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);

      expect(e2e.stack.host.unhandledApiCalls()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('opens the index at the service’s section from the Service page’s runbook link', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await page.goto(`${e2e.stack.host.url}${servicePageUrl(SERVICE)}`, { timeout: WAIT_MS });
      const runbook = page.locator(`${byTestId(testIds.service.runbook)} a`);
      await runbook.waitFor({ timeout: WAIT_MS });
      expect(await runbook.getAttribute('href')).toBe(`${PLAYBOOKS_APP_PATH}#${SERVICE}`);
      await runbook.click();

      await page.locator(`${byTestId(testIds.playbooks.doc)}[data-doc=""]`).waitFor({ timeout: WAIT_MS });
      expect(await titleOf(page)).toBe('Playbooks');
      expect(new URL(page.url()).hash).toBe(`#${SERVICE}`);
      await page.waitForFunction(
        (id) => {
          const top = document.getElementById(id)?.getBoundingClientRect().top ?? -1;
          return top >= 0 && top < window.innerHeight;
        },
        SERVICE,
        { timeout: WAIT_MS }
      );
      // Every playbook of the contract is linked from the index, to its page in the app.
      const linked = await page
        .locator(`${byTestId(testIds.playbooks.doc)} a[href^="${PLAYBOOKS_APP_PATH}/"]`)
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(Object.keys(PLAYBOOKS).filter((id) => !linked.includes(`${PLAYBOOKS_APP_PATH}/${id}`))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says there is no such playbook, and leads to the index', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await page.goto(`${e2e.stack.host.url}${PLAYBOOKS_APP_PATH}/no-such-playbook`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.playbooks.unknown)).waitFor({ timeout: WAIT_MS });
      await page.locator(`${byTestId(testIds.playbooks.unknown)} ${byTestId(testIds.playbooks.indexLink)}`).click();
      await page.locator(`${byTestId(testIds.playbooks.doc)}[data-doc=""]`).waitFor({ timeout: WAIT_MS });
      expect(new URL(page.url()).pathname).toBe(PLAYBOOKS_APP_PATH);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it.each(['dark', 'light'] as const)(
    'fits 375 px without sideways scrolling and has no serious axe violations (%s theme)',
    async (theme) => {
      e2e.stack.host.setTheme(theme);
      const page = await e2e.browser.newPage({ viewport: { width: 375, height: 812 } });
      const errors = recordPageErrors(page);
      try {
        // A playbook with tables and long paths, the index, and the runbook (code blocks).
        for (const [path, docPage] of [
          [`${PLAYBOOKS_APP_PATH}/slo-fast-burn?service=${SERVICE}`, 'slo-fast-burn'],
          [PLAYBOOKS_APP_PATH, ''],
          [`${PLAYBOOKS_APP_PATH}/runbook`, 'runbook'],
        ] as const) {
          await page.goto(`${e2e.stack.host.url}${path}`, { timeout: WAIT_MS });
          await page.locator(`${byTestId(testIds.playbooks.doc)}[data-doc="${docPage}"]`).waitFor({ timeout: WAIT_MS });
          expect([path, await horizontalOverflow(page)]).toEqual([path, 0]);
          expect([path, await seriousAxeViolations(page)]).toEqual([path, []]);
          expect(await inView(page, byTestId(testIds.playbooks.title))).toBe(true);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        e2e.stack.host.setTheme('dark');
      }
    },
    90_000
  );
});
