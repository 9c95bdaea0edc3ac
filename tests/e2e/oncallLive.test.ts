/**
 * On-call that moves, in the browser: a demo handover (the gateway's clock moved past Monday 00:00 UTC, then one
 * poll round) reaches an open On-call page and an open Service page over the live stream, without a reload; and the
 * demo login `admin` sees "you are on call".
 */
import type { OnCallResponse } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { ROUTES, servicePageUrl } from '@/constants';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { appUrl, byTestId } from './support/app';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, startStack } from './support/stack';

const WEEK = 7 * 86_400_000;
/** Mondays 00:00 UTC are 4 days after the epoch's Thursday, modulo a week. */
const nextMonday = (t: number) => Math.floor((t - 4 * 86_400_000) / WEEK + 1) * WEEK + 4 * 86_400_000;

const clock = { now: Date.now() };
let stack: Awaited<ReturnType<typeof startStack>>;

describe('On-call live', () => {
  // `runPolls()` is one incident poll round, the on-call watcher's included.
  const e2e = useBrowserStack(
    async () => (stack = await startStack({ role: 'Viewer', user: 'admin', clock: () => clock.now }))
  );

  it('shows the new person after a demo handover without a reload, and "you are on call" for admin', async () => {
    const before = await gatewayJson<OnCallResponse>(e2e.stack, 'GET', '/api/oncall');
    const [policy] = before.policies;
    const leaving = policy.layers[0].now[0].person.name;
    const coming = policy.layers[0].next[0].person.name;
    const service = policy.services[0];
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
    const servicePage = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await page.goto(`${e2e.stack.host.url}${appUrl(ROUTES.OnCall)}`, { timeout: WAIT_MS });
      const layer = page.locator(byTestId(testIds.onCall.layer(policy.id, 1)));
      await layer.waitFor({ timeout: WAIT_MS });
      expect(await layer.textContent()).toMatch(new RegExp(`Now.*${leaving}.*Next.*${coming}`));
      const banner = page.locator(byTestId(testIds.onCall.you));
      expect(await banner.textContent()).toMatch(new RegExp(`You are on call.*${policy.name}, level 2`));
      await servicePage.goto(`${e2e.stack.host.url}${servicePageUrl(service)}`, { timeout: WAIT_MS });
      const serviceOnCall = servicePage.locator(byTestId(testIds.service.onCall));
      await serviceOnCall.waitFor({ timeout: WAIT_MS });
      expect(await serviceOnCall.textContent()).toContain(leaving);
      // The pages' event streams are open once their first answer is shown; the baseline read comes before the move.
      await stack.gateway.runPolls();

      clock.now = nextMonday(clock.now) + 1000;
      await stack.gateway.runPolls();
      await page.waitForFunction(
        ([selector, name]) => {
          const text = document.querySelector(selector)?.textContent ?? '';
          return text.indexOf(name) >= 0 && text.indexOf(name) < text.indexOf('Next');
        },
        [byTestId(testIds.onCall.layer(policy.id, 1)), coming] as const,
        { timeout: WAIT_MS }
      );
      await servicePage.waitForFunction(
        ([selector, name]) => (document.querySelector(selector)?.textContent ?? '').includes(name),
        [byTestId(testIds.service.onCall), coming] as const,
        { timeout: WAIT_MS }
      );
      expect(await layer.textContent()).not.toMatch(new RegExp(`Now.*${leaving}.*Next`));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await servicePage.close();
    }
  }, 90_000);
});
