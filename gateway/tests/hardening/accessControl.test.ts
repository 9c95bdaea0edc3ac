/**
 * Issue 9, defects 1, 6, 8 and 9: access is decided on the route the router matched (encoded and folded paths
 * included), deny by default; deploy events only with the ingest token or through the Editor route; repeated query
 * parameters and control characters answered with 4xx, never 500; the acting user stored cleaned and bounded.
 * Against a real gateway over loopback HTTP (raw request lines, so no client normalises the path first).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALERTS_PATH, actionPath, GRAFANA_USER_HEADER, WRITE_ROLE_HEADER, type AlertListResponse } from '@opsdeck/contract';
import { buildApp } from '../../src/app';
import { loadCatalog } from '../../src/catalog';
import { MAX_USER_LENGTH } from '../../src/http/grafanaUser';
import { buildSources } from '../../src/sources';
import { openStore } from '../../src/store';
import { REPO_CATALOG, startTestGateway, type TestGateway } from '../support/gateway';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';
import { rawRequest } from './support/rawHttp';

const INGEST_TOKEN = 'ingest-token-for-the-access-tests';

describe.each(['sqlite', 'postgres'] as const)('on %s', (backend) => {
  let gateway: TestGateway;
  const schema = `opsdeck_access_${crypto.randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    if (backend === 'postgres') await postgresAdmin(`create schema ${schema}`);
    gateway = await startTestGateway({
      ...(backend === 'postgres' ? { database: POSTGRES_URL, databaseSchema: schema } : {}),
      deployments: { settings: { ingestToken: INGEST_TOKEN, pollIntervalMs: 0 } },
      webhooks: { webhookToken: 'webhook-token-for-the-access-tests', pagerdutyWebhookSecret: 'pd-secret' },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    if (backend === 'postgres') await postgresAdmin(`drop schema if exists ${schema} cascade`);
  });

  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    rawRequest(gateway.url, { method, path, headers, body });
  const bearer = () => ({ authorization: `Bearer ${gateway.token}` });

  describe('access decided on the matched route (defect 1)', () => {
    // Every spelling a router could decode or fold onto an /api route.
    const folded = [
      '/%61pi/alerts?status=all',
      '/%61%70%69/alerts',
      '/ap%69/incidents?status=all',
      '/api/%61lerts',
      '/api/alert%73',
      '/%61pi/services',
      '/%61pi/deployments',
      '/%61pi/events',
      '/%61pi/oncall',
      '/%41pi/alerts',
      '/api/alerts/',
      '/api//alerts',
      '/api/./alerts',
      '/x/../api/alerts',
      '/api/alerts;x',
      '/api%2falerts',
      '/API/alerts',
    ];

    it.each(folded)('GET %s without a token is 401 or 404, never data', async (path) => {
      const response = await send('GET', path);
      expect([401, 404]).toContain(response.status);
      expect(response.json()).toEqual({ error: expect.any(String) });
    });

    it('refuses the WebSocket upgrade on an encoded path without a token', async () => {
      const response = await send('GET', '/%61pi/events/ws', {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      });
      expect(response.status).toBe(401);
    });

    it('refuses a deploy event on an encoded path without a token', async () => {
      const body = JSON.stringify({ service: 'checkout-api', version: 'evil', status: 'succeeded' });
      const response = await send('POST', '/%61pi/deployments', { 'content-type': 'application/json' }, body);
      expect(response.status).toBe(401);
    });

    it('answers the encoded path like the plain one once the token is sent', async () => {
      const response = await send('GET', '/%61pi/services', bearer());
      expect(response.status).toBe(200);
    });

    it('needs the token on every route that does not declare itself public or a webhook', async () => {
      const guarded = gateway.routes.filter((route) => route.access === 'token' || route.access === 'ingest');
      expect(guarded.length).toBeGreaterThan(20);
      for (const route of guarded) {
        const path = route.url.replace(/:[A-Za-z]+/g, 'x');
        const response = await send(route.method, path, { 'content-type': 'application/json' }, '{}');
        expect({ route: `${route.method} ${route.url}`, status: response.status }).toEqual({
          route: `${route.method} ${route.url}`,
          status: 401,
        });
      }
    });

    it('opens only health and metrics to anyone', () => {
      const open = gateway.routes.filter((route) => route.access === 'public').map((r) => `${r.method} ${r.url}`);
      expect(open.sort()).toEqual([
        'GET /api/health',
        'GET /api/health/live',
        'GET /metrics',
        'HEAD /api/health',
        'HEAD /api/health/live',
        'HEAD /metrics',
      ]);
    });

    it('denies a route that declares nothing, and refuses an unknown access level at registration', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-access-'));
      const store = openStore(path.join(dir, 'opsdeck.sqlite'));
      await store.migrate();
      const catalog = loadCatalog(REPO_CATALOG);
      const app = await buildApp({
        config: { apiToken: 'declared-nothing-token', logLevel: 'silent' },
        catalog,
        store,
        sources: buildSources({ demoSeed: 42 }, catalog),
      });
      try {
        app.get('/debug/undeclared', async () => ({ secret: true }));
        expect(() => app.get('/debug/typo', { config: { access: 'publik' as never } }, async () => ({}))).toThrow(
          /unknown access "publik"/
        );
        const response = await app.inject({ method: 'GET', url: '/debug/undeclared' });
        expect(response.statusCode).toBe(401);
      } finally {
        await app.close();
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('deploy events (defect 6)', () => {
    const event = (version: string) => JSON.stringify({ service: 'checkout-api', version, status: 'succeeded' });
    const json = { 'content-type': 'application/json' };

    it('refuses the plain API token, which the Viewer-reachable read route injects', async () => {
      const response = await send('POST', '/api/deployments', { ...json, ...bearer() }, event('viewer-1'));
      expect(response.status).toBe(403);
      const listed = await send('GET', '/api/deployments?service=checkout-api&limit=1000', bearer());
      expect(listed.text).not.toContain('viewer-1');
    });

    it('takes the ingest token, or the API token through the Editor write route', async () => {
      const ci = await send(
        'POST',
        '/api/deployments',
        { ...json, authorization: `Bearer ${INGEST_TOKEN}` },
        event('ci-1')
      );
      expect(ci.status).toBe(201);
      const editor = await send(
        'POST',
        '/api/deployments',
        { ...json, ...bearer(), [WRITE_ROLE_HEADER]: gateway.token },
        event('editor-1')
      );
      expect(editor.status).toBe(201);
    });

    it('keeps the ingest token to that one route', async () => {
      const response = await send('GET', '/api/deployments', { authorization: `Bearer ${INGEST_TOKEN}` });
      expect(response.status).toBe(401);
    });
  });

  describe('query parameters (defect 8)', () => {
    it('never answers 500 to a repeated parameter on any GET route', async () => {
      const gets = gateway.routes.filter((route) => route.method === 'GET' && !route.url.includes('/events'));
      for (const route of gets) {
        const path = route.url.replace(/:[A-Za-z]+/g, 'x');
        const query =
          'service=checkout-api&service=orders-api&team=a&team=b&status=all&status=open&limit=1&limit=2' +
          '&from=1&from=2&to=3&to=4&groupBy=service&groupBy=team&metric=error_rate&metric=latency_p99&state=active&state=x';
        const response = await send('GET', `${path}?${query}`, bearer());
        expect({ route: route.url, status: response.status < 500 }).toEqual({ route: route.url, status: true });
        if (route.url.startsWith('/api/')) expect(response.json()).toBeDefined();
      }
    });

    it('reads a repeated list filter as a list and a repeated single value as a 400', async () => {
      const both = await send('GET', `${ALERTS_PATH}?status=all&service=checkout-api&service=orders-api`, bearer());
      const list = await send('GET', `${ALERTS_PATH}?status=all&service=checkout-api,orders-api`, bearer());
      expect(both.status).toBe(200);
      expect(both.json()).toEqual(list.json());
      const limit = await send('GET', `${ALERTS_PATH}?limit=1&limit=2`, bearer());
      expect(limit.status).toBe(400);
    });

    it.each(['/api/alerts/%00', '/api/incidents/a%00b/postmortem', '/api/alerts?service=%00', '/api/alerts?%00=1'])(
      'answers a control character in %s with a 400 naming the parameter',
      async (path) => {
        const response = await send('GET', path, bearer());
        expect(response.status).toBe(400);
        expect(response.json()).toEqual({ error: expect.stringContaining('control character') });
      }
    );

    it('treats __proto__ and constructor as ordinary parameters', async () => {
      const response = await send('GET', `${ALERTS_PATH}?__proto__=x&constructor=y&status=all`, bearer());
      expect(response.status).toBe(200);
    });
  });

  describe('the acting user (defect 9)', () => {
    async function anyAlertId(): Promise<string> {
      const response = await send('GET', `${ALERTS_PATH}?status=all&limit=1000`, bearer());
      const { alerts } = response.json() as AlertListResponse;
      if (alerts.length === 0) throw new Error('the demo fleet has no alert to act on');
      return alerts[0].id;
    }
    const write = (path: string, user: string | string[]) =>
      rawRequest(gateway.url, {
        method: 'POST',
        path,
        headers: { ...bearer(), [WRITE_ROLE_HEADER]: gateway.token, 'content-type': 'application/json' },
        repeatedHeaders: [user].flat().map((value) => [GRAFANA_USER_HEADER, value] as const),
        body: '{"text":"checked"}',
      });

    it('stores a bounded, cleaned name instead of 12,000 characters of markup', async () => {
      const id = await anyAlertId();
      const response = await write(
        actionPath('alert', id, 'note'),
        `<img src=x onerror=alert(1)>${'a'.repeat(12_000)}`
      );
      expect(response.status).toBe(200);
      const user = (response.json() as { user: string }).user;
      expect(user.length).toBeLessThanOrEqual(MAX_USER_LENGTH);
      expect(user).not.toMatch(/[<>=()]/);
    });

    it('does not take a name from two X-Grafana-User headers folded into one', async () => {
      const id = await anyAlertId();
      const response = await write(actionPath('alert', id, 'note'), ['alice', 'mallory']);
      expect(response.status).toBe(200);
      expect((response.json() as { user: string }).user).toBe('anonymous');
    });

    it('keeps an ordinary login or email as sent', async () => {
      const id = await anyAlertId();
      const response = await write(actionPath('alert', id, 'note'), 'zoë.o-brien+oncall@example.com');
      expect((response.json() as { user: string }).user).toBe('zoë.o-brien+oncall@example.com');
    });
  });
});
