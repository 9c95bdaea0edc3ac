/** The On-call page against a real gateway in demo mode: every policy and who is on call now, on a phone too. */
import type { Browser, Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import type { OnCallResponse } from '@opsdeck/contract';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { launchBrowser, recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, startStack, type Stack } from './support/stack';

const byTestId = (id: string) => `[data-testid="${id}"]`;

describe('On-call page', () => {
  let stack: Stack;
  let browser: Browser;
  let roster: OnCallResponse;

  beforeAll(async () => {
    stack = await startStack({ role: 'Viewer' });
    browser = await launchBrowser();
    roster = await gatewayJson<OnCallResponse>(stack, 'GET', '/api/oncall');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function open(page: Page): Promise<void> {
    await page.goto(`${stack.host.url}/a/opsdeck-sre-app/on-call`, { timeout: WAIT_MS });
    await page.locator(byTestId(testIds.onCall.demoBadge)).waitFor({ timeout: WAIT_MS });
  }

  it('lists every escalation policy with who is on call now per level and the steps', async () => {
    expect(roster.policies.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    try {
      await open(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
