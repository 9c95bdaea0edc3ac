/** Opening the Wall in the host and reading what it shows. */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import { appUrl, byTestId } from './app';
import { WAIT_MS } from './browser';

/** Any tile of the Wall: the moment the fleet is on screen. */
export const WALL_TILE_SELECTOR = `${byTestId(testIds.wall.tiles)} > li`;

export async function openWall(page: Page, hostUrl: string, query = ''): Promise<void> {
  await page.goto(`${hostUrl}${appUrl(ROUTES.Wall, query)}`, { timeout: WAIT_MS });
  await page.locator(WALL_TILE_SELECTOR).first().waitFor({ timeout: WAIT_MS });
}

/** The computed font size (px) of every tile's service name. */
export function tileNameFontSizes(page: Page): Promise<number[]> {
  return page.evaluate(
    (prefix) =>
      [...document.querySelectorAll(`[data-testid^="${prefix}"][data-testid$=" name"]`)].map((el) =>
        parseFloat(getComputedStyle(el).fontSize)
      ),
    testIds.wall.tile('')
  );
}

/** Resolves once the tile's data-status is one of `statuses`; answers how long it took. */
export async function waitForTileStatus(
  page: Page,
  service: string,
  statuses: readonly string[],
  timeoutMs = WAIT_MS
): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(
    ([selector, wanted]) => wanted.includes(document.querySelector(selector)?.getAttribute('data-status') ?? ''),
    [byTestId(testIds.wall.tile(service)), statuses] as const,
    { timeout: timeoutMs, polling: 50 }
  );
  return Date.now() - started;
}
