/** Opening the app's Overview in the host and knowing when its fleet is on screen. */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import { appUrl } from './app';
import { WAIT_MS } from './browser';

export const OVERVIEW_PATH = appUrl(ROUTES.Overview);
/** Any service card inside the fleet section: the moment the fleet is rendered with data. */
export const FLEET_SERVICE_SELECTOR = `[data-testid="${testIds.overview.fleet}"] [data-testid^="${testIds.overview.serviceRow('')}"]`;

declare global {
  interface Window {
    __fleetRenderedAt?: number;
  }
}

export interface OverviewTiming {
  /** Navigation start (performance.timeOrigin) to the first service card of the fleet in the DOM. */
  loadMs: number;
  /** Navigation start to the host client being ready to load plugins: the stand-in's own share of loadMs. */
  hostReadyMs: number;
}

/**
 * Loads the Overview and resolves once the fleet is on screen. The render moment is recorded inside the page by a
 * MutationObserver, so polling adds no delay to the measurement.
 */
export async function openOverview(page: Page, hostUrl: string): Promise<OverviewTiming> {
  await page.addInitScript((selector: string) => {
    const observer = new MutationObserver(() => {
      if (window.__fleetRenderedAt === undefined && document.querySelector(selector)) {
        window.__fleetRenderedAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, FLEET_SERVICE_SELECTOR);
  await page.goto(`${hostUrl}${OVERVIEW_PATH}`, { timeout: WAIT_MS });
  await page.locator(FLEET_SERVICE_SELECTOR).first().waitFor({ timeout: WAIT_MS });
  const timing = await page.evaluate(() => ({
    rendered: window.__fleetRenderedAt,
    hostReady: performance.getEntriesByName('opsdeck-host:ready')[0]?.startTime,
  }));
  if (timing.rendered === undefined || timing.hostReady === undefined) {
    throw new Error('the fleet rendered but the page did not record when');
  }
  return { loadMs: Math.round(timing.rendered), hostReadyMs: Math.round(timing.hostReady) };
}
