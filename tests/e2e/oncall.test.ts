/** The On-call page against a real gateway in demo mode: every policy and who is on call now, on a phone too. */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import type { OnCallResponse } from '@opsdeck/contract';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, startStack } from './support/stack';
import { byTestId, appUrl } from './support/app';
import { ROUTES } from '@/constants';
import { useBrowserStack } from './support/fixture';

describe('On-call page', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer' }));
  let roster: OnCallResponse;

  beforeAll(async () => {
    roster = await gatewayJson<OnCallResponse>(e2e.stack, 'GET', '/api/oncall');
  }, 60_000);

  async function open(page: Page): Promise<void> {
    await page.goto(`${e2e.stack.host.url}${appUrl(ROUTES.OnCall)}`, { timeout: WAIT_MS });
    await page.locator(byTestId(testIds.onCall.demoBadge)).waitFor({ timeout: WAIT_MS });
  }

  it('lists every escalation policy with who is on call now per level and the steps', async () => {
    expect(roster.policies.length).toBeGreaterThan(0);
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await open(page);
      for (const policy of roster.policies) {
        await page.locator(byTestId(testIds.onCall.policy(policy.id))).waitFor({ timeout: WAIT_MS });
        for (const layer of policy.layers) {
          const text = await page.locator(byTestId(testIds.onCall.layer(policy.id, layer.level))).innerText();
          for (const shift of layer.now) {
            expect(text).toContain(shift.person.name);
          }
        }
        expect(await page.locator(`${byTestId(testIds.onCall.steps(policy.id))} li`).count()).toBe(policy.steps.length);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('fits 375 px without sideways scrolling and has no serious axe violations', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 375, height: 812 } });
    try {
      await open(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
