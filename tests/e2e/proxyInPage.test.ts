/**
 * The data proxy as the page uses it, with the built plugins and a real gateway: role checks on the read and write
 * routes, the api token never reaching the browser, and the loaded datasource running a real query.
 */
import type { Page } from 'playwright-core';
import type { ServicesResponse } from '@opsdeck/contract';
import { recordResponses, WAIT_MS } from './support/browser';
import { openOverview } from './support/overview';
import { gatewayJson, gatewayQuery, startStack } from './support/stack';
import { useBrowserStack } from './support/fixture';

const PROXY = '/api/datasources/proxy/uid/opsdeck';

/** fetch() from inside the page, with the page's own cookies and origin, as plugin code would. */
function pageFetch(
  page: Page,
  path: string,
  method: 'GET' | 'POST',
  body?: unknown
): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const resp = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: resp.status, text: await resp.text() };
    },
    { path, method, body }
  );
}

describe('data proxy and datasource in the page', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', user: 'viewer-vic' }));

  it('refuses the write route to a Viewer, passes it for an Editor, and never shows the token', async () => {
    const page = await e2e.browser.newPage();
    const responses = recordResponses(page);
    try {
      e2e.stack.host.setRole('Viewer');
      await openOverview(page, e2e.stack.host.url);
      const denied = await pageFetch(page, `${PROXY}/write/api/alerts/demo/acknowledge`, 'POST', {});
      expect(denied.status).toBe(403);
      expect(JSON.parse(denied.text)).toEqual({ message: 'plugin proxy route access denied' });
      const read = await pageFetch(page, `${PROXY}/read/api/services`, 'GET');
      expect(read.status).toBe(200);
      expect((JSON.parse(read.text) as ServicesResponse).services.length).toBeGreaterThan(0);

      e2e.stack.host.setRole('Editor');
      await page.reload({ timeout: WAIT_MS });
      const written = await pageFetch(page, `${PROXY}/write/api/alerts/demo/acknowledge`, 'POST', {});
      // Whatever the gateway says about this write, the proxy let it through.
      expect(written.text).not.toContain('plugin proxy route access denied');
      expect(written.status).not.toBe(403);

      const bodies = await responses.bodies();
      expect(bodies.length).toBeGreaterThan(5);
      for (const { url, body } of bodies) {
        expect(`${url} contains the token: ${body.includes(e2e.stack.gateway.token)}`).toBe(
          `${url} contains the token: false`
        );
      }
    } finally {
      e2e.stack.host.setRole('Viewer');
      await page.close();
    }
  }, 60_000);

  it('runs a service_metric query through the loaded datasource and the proxy', async () => {
    const page = await e2e.browser.newPage();
    try {
      await openOverview(page, e2e.stack.host.url);
      const catalog = await gatewayJson<ServicesResponse>(e2e.stack, 'GET', '/api/services');
      const service = catalog.services[0].name;
      const to = Date.now();
      const range = { from: to - 60 * 60 * 1000, to };
      const query = { refId: 'M', queryType: 'service_metric', service, metric: 'latency_p99' };
      const result = await page.evaluate(({ query, range }) => window.__opsdeck!.runQuery([query], range), {
        query,
        range,
      });
      expect(result.errors).toEqual([]);
      expect(result.frames.length).toBeGreaterThan(0);
      const direct = await gatewayQuery(e2e.stack, {
        range,
        intervalMs: 60_000,
        maxDataPoints: 500,
        queries: [{ refId: 'M', queryType: 'service_metric', service, metric: 'latency_p99' }],
      });
      const directFrames = direct.results.M?.frames ?? [];
      expect(result.frames.map((f) => f.fields.map((fl) => fl.name))).toEqual(
        directFrames.map((f) => f.schema.fields.map((fl) => fl.name))
      );
      expect(result.frames.map((f) => f.fields.map((fl) => fl.values))).toEqual(directFrames.map((f) => f.data.values));
      expect(result.frames[0].fields.some((f) => f.type === 'time' && f.values.length > 0)).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);
});
