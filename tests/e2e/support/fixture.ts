/**
 * The one setup of a product browser suite: a stack (gateway + test host) and a browser, started before the
 * describe block's tests and closed after them. Extra setup goes in a later beforeAll (jest runs them in order).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import type { Stack } from './stack';

export interface BrowserStack {
  readonly stack: Stack;
  readonly browser: Browser;
}

/** Starting a stack and Chromium takes seconds on a shared machine (a first start may pass more). */
const SETUP_MS = 60_000;

export function useBrowserStack(start: () => Promise<Stack>, setupMs = SETUP_MS): BrowserStack {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    stack = await start();
    browser = await launchBrowser();
  }, setupMs);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the stack is used before its beforeAll ran (or it failed to start)');
      return stack;
    },
    get browser() {
      if (!browser) throw new Error('the browser is used before its beforeAll ran (or it failed to start)');
      return browser;
    },
  };
}
