/**
 * The test host itself in Chromium, on the fixture plugin build: AMD modules get Grafana's libraries from the host,
 * the runtime services work, the app root renders at /a/<app id>/ with the signed-in role and theme, and the
 * datasource instance created from the loaded module queries through the data proxy.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startHost, type RunningHost } from '../host/server';
import { launchBrowser, recordPageErrors, recordResponses, WAIT_MS } from './support/browser';
import { startEchoUpstream, type EchoUpstream } from './support/upstream';
import { byTestId } from './support/app';

const FIXTURE_BUILD = join(__dirname, '../host/fixtures/plugin-build');
const TOKEN = 'host-browser-secret-91c2';

describe('test host in the browser (fixture plugins)', () => {
  let browser: Browser;
  let upstream: EchoUpstream;
  let host: RunningHost;

  beforeAll(async () => {
    upstream = await startEchoUpstream();
    host = await startHost({
      gatewayUrl: upstream.url,
      apiToken: TOKEN,
      role: 'Editor',
      theme: 'light',
      user: 'erin',
      distDir: FIXTURE_BUILD,
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await upstream?.close();
  });

  it('renders the app root with the role, theme, route and meta the host gave it', async () => {
    const page = await browser.newPage();
    const errors = recordPageErrors(page);
    const responses = recordResponses(page);
    try {
      await page.goto(`${host.url}/a/opsdeck-sre-app/fixture`, { timeout: WAIT_MS });
      await page.locator(byTestId('fixture query')).filter({ hasText: '/echo' }).waitFor({ timeout: WAIT_MS });
      expect(await page.locator(byTestId('fixture theme')).textContent()).toBe('light');
      expect(await page.locator(byTestId('fixture role')).textContent()).toBe('Editor');
      expect(await page.locator(byTestId('fixture path')).textContent()).toBe('/a/opsdeck-sre-app/fixture');
      expect(await page.locator(byTestId('fixture basename')).textContent()).toBe('/a/opsdeck-sre-app');
      expect(await page.locator(byTestId('fixture meta')).textContent()).toBe(
        'opsdeck-sre-app public/plugins/opsdeck-sre-app'
      );
      // The host's PluginPage draws the page title from the matching include, as Grafana's nav would.
      expect(await page.locator('main h1').textContent()).toBe('Fixture page');
      expect(upstream.requests.at(-1)?.headers['x-grafana-user']).toBe('erin');
      for (const { url, body } of await responses.bodies()) {
        expect(`${url}: ${body.includes(TOKEN)}`).toBe(`${url}: false`);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('runs a datasource query from the page through window.__opsdeck', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${host.url}/a/opsdeck-sre-app/`, { timeout: WAIT_MS });
      await page.waitForFunction(() => window.__opsdeck !== undefined, undefined, { timeout: WAIT_MS });
      const result = await page.evaluate(() => window.__opsdeck!.runQuery([{ refId: 'Q' }]));
      expect(result.errors).toEqual([]);
      expect(result.frames).toEqual([
        {
          refId: 'Q',
          fields: [
            { name: 'path', type: 'string', values: ['/echo'] },
            { name: 'user', type: 'string', values: ['erin'] },
          ],
        },
      ]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('names the library when a plugin module needs one the host does not provide', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${host.url}/a/opsdeck-sre-app/`, { timeout: WAIT_MS });
      await page.waitForFunction(() => window.__opsdeck !== undefined, undefined, { timeout: WAIT_MS });
      const unknownDep = await page.evaluate(() => {
        return new Promise<string>((resolve) => {
          window.addEventListener('error', (e) => resolve(e.message), { once: true });
          const blob = new Blob(['define(["left-pad"], function () { return {}; })'], { type: 'text/javascript' });
          const script = document.createElement('script');
          script.src = URL.createObjectURL(blob);
          document.head.appendChild(script);
        });
      });
      expect(unknownDep).toContain('"left-pad", which the test host does not provide');
    } finally {
      await page.close();
    }
  }, 60_000);
});
