/**
 * Every action from the Alerts page against a real demo gateway, on a desktop and on a 390×844 phone: trigger → ack
 * → note → snooze → resolve on one demo alert through the drawer's action bar, bulk resolve of a selection, each
 * step checked against the page's answer, the gateway's stored state and the timeline entry with the Grafana user.
 * The keyboard works the list on a desktop; the phone shows the first alert above the fold with 44 px controls.
 * A Viewer sees no action control and a forged write is refused.
 */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import type { Alert, AlertDetailResponse, TimelineEntry } from '@opsdeck/contract';
import { postAlertmanagerAlert, startAlertStack } from './support/alerts';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, type Stack } from './support/stack';
import { appUrl, byTestId } from './support/app';
import { useBrowserStack } from './support/fixture';
import { actInBar } from './support/actions';

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function open(page: Page, stack: Stack, query: string): Promise<void> {
  await page.goto(`${stack.host.url}${appUrl(ROUTES.Alerts, query)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.alerts.count)).waitFor({ timeout: WAIT_MS });
}

const stored = async (stack: Stack, id: string) =>
  gatewayJson<AlertDetailResponse>(stack, 'GET', `/api/alerts/${encodeURIComponent(id)}`);

const act = actInBar;

const DEMO = { demo: 'true' };

/**
 * The stored alert's status, and whether its history has the entry a step made (the gateway's clock is frozen, so
 * entries of one test share a time and their order is not the point).
 */
async function expectStored(stack: Stack, id: string, status: Alert['status'], entry: Partial<TimelineEntry>) {
  const detail = await stored(stack, id);
  expect([id, detail.alert.status]).toEqual([id, status]);
  expect(detail.history ?? []).toContainEqual(expect.objectContaining({ actor: 'erin', ...entry }));
}

describe.each(Object.entries(VIEWPORTS))('Alert actions on the demo as an Editor (%s)', (name, viewport) => {
  const e2e = useBrowserStack(() => startAlertStack('Editor'));

  it('runs trigger → acknowledge → note → snooze → resolve on one demo alert', async () => {
    // Triggered through the Alertmanager webhook, labelled like the demo fleet's alerts: the demo gateway acts on
    // it at its embedded Alertmanager stand-in.
    const alert = await postAlertmanagerAlert(e2e.stack, {
      alertname: `LoopTest${name}`,
      service: 'checkout-api',
      severity: 'critical',
      summary: `E2E loop ${name}`,
      labels: DEMO,
    });
    const page = await e2e.browser.newPage({ viewport });
    const errors = recordPageErrors(page);
    const timelineShows = (text: string | RegExp) =>
      page.locator(byTestId(testIds.alerts.timelineEntry)).getByText(text).first().waitFor({ timeout: WAIT_MS });
    try {
      await open(page, e2e.stack, `?source=alertmanager&group=none&alert=${encodeURIComponent(alert.id)}`);
      const bar = page.locator(byTestId(testIds.actions.bar(alert.id)));
      await bar.waitFor({ timeout: WAIT_MS });
      // The most likely action first, and every control a thumb can hit on the phone.
      const first = bar.locator('button').first();
      expect(await first.getAttribute('data-testid')).toBe(testIds.actions.button(alert.id, 'acknowledge'));
      // Demo alerts take every action, the roster's and Opsdeck's included.
      for (const action of ['acknowledge', 'snooze', 'resolve', 'escalate', 'reassign', 'severity', 'note']) {
        await bar.locator(byTestId(testIds.actions.button(alert.id, action))).waitFor({ timeout: WAIT_MS });
      }
      if (name === 'phone') {
        for (const button of await bar.locator('button').all()) {
          expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        }
      }

      expect(await act(page, alert.id, 'acknowledge', /held in Opsdeck \(demo\)/)).toMatch(/^Acknowledged in Opsdeck/);
      await expectStored(e2e.stack, alert.id, 'acknowledged', { kind: 'acknowledged' });

      const text = `Rolled back the config push (${name})`;
      const noted = await act(page, alert.id, 'note', /Keeps the note, held in Opsdeck \(demo\)/, () =>
        page.locator(byTestId(testIds.actions.noteText(alert.id))).fill(text)
      );
      expect(noted).toMatch(/^Note added/);
      await expectStored(e2e.stack, alert.id, 'acknowledged', { kind: 'note', text });
      await timelineShows(text);

      const snoozed = await act(
        page,
        alert.id,
        'snooze',
        /^Creates a silence in the demo Alertmanager for 1 h.*matching alertname=LoopTest.*demo=true/,
        () => page.locator(byTestId(testIds.actions.snoozePreset(alert.id, '1 h'))).click()
      );
      expect(snoozed).toMatch(/^Snoozed at Alertmanager: silenced until .* in the demo Alertmanager/);
      await expectStored(e2e.stack, alert.id, 'suppressed', {
        kind: 'note',
        text: expect.stringContaining('Snoozed until'),
      });
      await timelineShows(/Snoozed until/);

      const resolved = await act(page, alert.id, 'resolve', /^Resolves the alert in the demo Alertmanager/);
      expect(resolved).toMatch(/^Resolved at Alertmanager: resolved in the demo Alertmanager/);
      await expectStored(e2e.stack, alert.id, 'resolved', { kind: 'resolved' });
      await page
        .locator(byTestId(testIds.alerts.drawerStatus))
        .getByText(/resolved/i)
        .waitFor({ timeout: WAIT_MS });
      // Once resolved only a note is left to add.
      const offered = bar.getByRole('group', { name: /^Actions on/ }).locator('button');
      expect(await offered.evaluateAll((b) => b.map((e) => e.getAttribute('data-testid')))).toEqual([
        testIds.actions.button(alert.id, 'note'),
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('resolves several selected demo alerts at once', async () => {
    const alerts: Alert[] = [];
    for (const n of [1, 2, 3]) {
      alerts.push(
        await postAlertmanagerAlert(e2e.stack, {
          alertname: `BulkResolve${name}${n}`,
          service: 'search-api',
          severity: 'warning',
          summary: `E2E bulk resolve ${name} ${n}`,
          labels: DEMO,
        })
      );
    }
    const page = await e2e.browser.newPage({ viewport });
    const errors = recordPageErrors(page);
    try {
      await open(page, e2e.stack, '?source=alertmanager&group=none&service=search-api');
      for (const alert of alerts) {
        await page.locator(byTestId(testIds.alerts.rowSelect(alert.id))).check({ force: true, timeout: WAIT_MS });
      }
      const resolve = page.locator(byTestId(testIds.alerts.bulkSelected('resolve')));
      expect(await resolve.textContent()).toBe('Resolve (3)');
      await resolve.click();
      const result = page.locator(byTestId(testIds.alerts.actionResult));
      await result.waitFor({ timeout: WAIT_MS });
      expect(await result.textContent()).toMatch(/^Resolved 3 alerts\./);
      for (const alert of alerts) {
        await expectStored(e2e.stack, alert.id, 'resolved', { kind: 'resolved' });
      }
      // The open list lets go of them (or shows them resolved until its reload).
      await page.waitForFunction(
        (statusIds) =>
          statusIds.every((id) => {
            const status = document.querySelector(`[data-testid="${id}"]`);
            return !status || /resolved/i.test(status.textContent ?? '');
          }),
        alerts.map((a) => testIds.alerts.rowStatus(a.id)),
        { timeout: WAIT_MS }
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});

describe('Alert keyboard shortcuts on a desktop', () => {
  const e2e = useBrowserStack(() => startAlertStack('Editor'));

  it('moves with j/k, acknowledges with a, and opens and closes the help with ? and Escape', async () => {
    for (const n of [1, 2]) {
      await postAlertmanagerAlert(e2e.stack, {
        alertname: `Keyboard${n}`,
        service: 'inventory-api',
        severity: 'critical',
        summary: `E2E keyboard ${n}`,
        labels: DEMO,
      });
    }
    const page = await e2e.browser.newPage({ viewport: VIEWPORTS.desktop });
    const errors = recordPageErrors(page);
    try {
      await open(page, e2e.stack, '?source=alertmanager&group=none&service=inventory-api&status=firing');
      const focusedRow = () =>
        page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-testid'));
      await page.locator(byTestId(testIds.alerts.list)).waitFor({ timeout: WAIT_MS });
      const listed = await page
        .locator(`${byTestId(testIds.alerts.list)} [data-index]`)
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
      // The two posted here, and any demo fleet alert firing on the service at the gateway's frozen "now".
      expect(listed.length).toBeGreaterThanOrEqual(2);

      await page.keyboard.press('j');
      expect(await focusedRow()).toBe(listed[0]);
      await page.keyboard.press('j');
      expect(await focusedRow()).toBe(listed[1]);
      await page.keyboard.press('k');
      expect(await focusedRow()).toBe(listed[0]);
      const activeId = listed[0]!.slice(testIds.alerts.row('').length);
      const otherId = listed[1]!.slice(testIds.alerts.row('').length);

      await page.keyboard.press('a');
      const result = page.locator(byTestId(testIds.alerts.actionResult));
      await result.getByText(/^Acknowledged in Opsdeck/).waitFor({ timeout: WAIT_MS });
      const acknowledged = await stored(e2e.stack, activeId);
      expect(acknowledged.alert.status).toBe('acknowledged');
      expect((await stored(e2e.stack, otherId)).alert.status).toBe('firing');

      await page.keyboard.press('?');
      const help = page.locator(byTestId(testIds.actions.shortcutHelp));
      await help.waitFor({ timeout: WAIT_MS });
      expect(await help.textContent()).toContain('Acknowledge');
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached', timeout: WAIT_MS });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});

describe('Alerts page on a 390×844 phone', () => {
  const e2e = useBrowserStack(() => startAlertStack('Editor'));

  it('folds the filters into one control and shows the first alert above the fold', async () => {
    await postAlertmanagerAlert(e2e.stack, {
      alertname: 'PhoneFold',
      service: 'checkout-api',
      severity: 'critical',
      summary: 'E2E phone fold',
    });
    const page = await e2e.browser.newPage({ viewport: VIEWPORTS.phone });
    try {
      await open(page, e2e.stack, '?group=none&severity=critical');
      const firstRow = page.locator(`${byTestId(testIds.alerts.list)} [data-index="0"]`);
      await firstRow.waitFor({ timeout: WAIT_MS });
      const box = (await firstRow.boundingBox())!;
      expect(box.y + Math.min(box.height, 44)).toBeLessThanOrEqual(844);
      expect(await page.locator(byTestId(testIds.alerts.filtersToggle)).textContent()).toBe('Filters (2)');
      expect(await page.locator(byTestId(testIds.alerts.filterChip('severity'))).textContent()).toContain('critical');
      expect(await page.locator(byTestId(testIds.alerts.filter('service'))).isVisible()).toBe(false);
      await page.locator(byTestId(testIds.alerts.filtersToggle)).click();
      await page.locator(byTestId(testIds.alerts.filter('service'))).waitFor({ state: 'visible', timeout: WAIT_MS });
      const action = firstRow.locator('button', { hasText: 'Acknowledge' });
      expect((await action.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      for (const id of [testIds.alerts.exportCsv, testIds.alerts.exportJson]) {
        const box = (await page.locator(byTestId(id)).boundingBox())!;
        expect([id, box.height >= 44, box.width >= 44]).toEqual([id, true, true]);
      }
      await page.screenshot({ path: 'tests/artifacts/alert-actions-phone.png' });
    } finally {
      await page.close();
    }
  }, 90_000);
});

describe('Alert actions as a Viewer', () => {
  const e2e = useBrowserStack(() => startAlertStack('Viewer'));

  it('shows no action control, and the write route refuses a forged action', async () => {
    const alert = await postAlertmanagerAlert(e2e.stack, {
      alertname: 'ViewerActions',
      service: 'checkout-api',
      severity: 'critical',
      summary: 'E2E viewer actions',
    });
    const page = await e2e.browser.newPage({ viewport: VIEWPORTS.desktop });
    try {
      await open(page, e2e.stack, `?source=alertmanager&group=none&alert=${encodeURIComponent(alert.id)}`);
      await page.locator(byTestId(testIds.alerts.timeline)).waitFor({ timeout: WAIT_MS });
      expect(await page.locator(byTestId(testIds.actions.bar(alert.id))).count()).toBe(0);
      expect(await page.locator(byTestId(testIds.alerts.rowAction(alert.id))).count()).toBe(0);
      expect(await page.locator(byTestId(testIds.alerts.rowSelect(alert.id))).count()).toBe(0);
      const statuses = await page.evaluate(async (id) => {
        const post = (action: string, body: object) =>
          fetch(`/api/datasources/proxy/uid/opsdeck/write/api/alerts/${encodeURIComponent(id)}/${action}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'Idempotency-Key': 'forged' },
            body: JSON.stringify(body),
          }).then((r) => r.status);
        return [await post('resolve', {}), await post('notes', { text: 'forged' })];
      }, alert.id);
      expect(statuses).toEqual([403, 403]);
      const after = await stored(e2e.stack, alert.id);
      expect(after.alert.status).toBe('firing');
      expect((after.history ?? []).some((e) => e.kind === 'note')).toBe(false);
    } finally {
      await page.close();
    }
  }, 90_000);
});
