/** Working the action bar of one alert or incident in the browser, as a responder would. */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { byTestId } from './app';
import { WAIT_MS } from './browser';

/** Chooses an action, fills its form, checks what it says it will do, confirms, and returns the page's answer. */
export async function actInBar(
  page: Page,
  id: string,
  action: string,
  says: RegExp,
  fill?: () => Promise<void>
): Promise<string> {
  await page.locator(byTestId(testIds.actions.button(id, action))).click();
  await fill?.();
  expect(await page.locator(byTestId(testIds.actions.description(id))).textContent()).toMatch(says);
  await page.locator(byTestId(testIds.actions.confirm(id))).click();
  const result = page.locator(byTestId(testIds.actions.result(id)));
  await result.waitFor({ timeout: WAIT_MS });
  return (await result.textContent()) ?? '';
}
