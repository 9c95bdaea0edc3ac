/**
 * The host's data proxy against a real loopback upstream: route matching, templating, reqRole and that the
 * datasource secret never comes back to the caller. Runs on the fixture plugin build so it does not depend on the
 * product's plugins.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanProxyPath, interpolateRouteTemplate, matchRoute, parseRoutes, targetUrl, type PluginRoute } from '../host/proxy/pluginRoutes';
import { startHost, type RunningHost } from '../host/server';
import { startEchoUpstream, type EchoUpstream, type EchoedRequest } from './support/upstream';

const FIXTURE_BUILD = join(__dirname, '../host/fixtures/plugin-build');
const TOKEN = 'host-test-secret-token-7f3a';
const DATA = { jsonData: { gatewayUrl: 'http://gw.example:8080/base' }, secureJsonData: { apiToken: TOKEN } };

describe('plugin route rules', () => {
  const routes: PluginRoute[] = parseRoutes(JSON.parse(readFileSync(join(__dirname, '../../src/datasource/plugin.json'), 'utf8')));

  it('reads the datasource plugin.json routes with their roles', () => {
    expect(routes.map((r) => [r.path, r.reqRole])).toEqual([
      ['read', 'Viewer'],
      ['write', 'Editor'],
      ['admin', 'Admin'],
    ]);
  });

  it('keeps the admin route (Admin-only rollback) from Editors', () => {
    expect(matchRoute(routes, 'POST', 'admin/api/deployments/x/rollback', 'Editor')).toEqual({ kind: 'denied' });
    expect(matchRoute(routes, 'POST', 'admin/api/deployments/x/rollback', 'Admin')).toMatchObject({
      kind: 'matched',
      route: { path: 'admin' },
    });
  });

  it('lets a Viewer use read but not write, and an Editor or Admin use both', () => {
    expect(matchRoute(routes, 'GET', 'read/api/services', 'Viewer')).toMatchObject({ kind: 'matched', route: { path: 'read' } });
    expect(matchRoute(routes, 'POST', 'write/api/alerts/x/ack', 'Viewer')).toEqual({ kind: 'denied' });
    expect(matchRoute(routes, 'POST', 'write/api/alerts/x/ack', 'Editor')).toMatchObject({ kind: 'matched', route: { path: 'write' } });
    expect(matchRoute(routes, 'DELETE', 'write/x', 'Admin')).toMatchObject({ kind: 'matched', route: { path: 'write' } });
    expect(matchRoute(routes, 'GET', 'api/services', 'Admin')).toEqual({ kind: 'unmatched' });
  });

  it('compares cleaned paths, so dot segments cannot reach write through read', () => {
    expect(cleanProxyPath('/read/./api//services/')).toBe('read/api/services');
    expect(matchRoute(routes, 'POST', 'read/../write/api/x', 'Viewer')).toEqual({ kind: 'denied' });
  });

  it('takes the first route in declared order and honours the method filter', () => {
    const ordered: PluginRoute[] = [
      { path: 'api', method: 'POST', url: 'http://post.example' },
      { path: 'api', method: 'GET', url: 'http://get.example' },
      { path: 'api/deeper', url: 'http://never.example' },
    ];
    expect(matchRoute(ordered, 'GET', 'api/deeper/x', 'Viewer')).toMatchObject({ kind: 'matched', route: { url: 'http://get.example' } });
    expect(matchRoute(ordered, 'POST', 'api/x', 'Viewer')).toMatchObject({ kind: 'matched', route: { url: 'http://post.example' } });
    expect(matchRoute(ordered, 'PUT', 'api/deeper/x', 'Viewer')).toMatchObject({ kind: 'matched', route: { url: 'http://never.example' } });
  });

  it('matches on plain string prefixes, as Grafana does', () => {
    expect(matchRoute(routes, 'GET', 'readme/x', 'Viewer')).toMatchObject({ kind: 'matched', route: { path: 'read' } });
  });

  it('fills JsonData and SecureJsonData templates and refuses anything else', () => {
    expect(interpolateRouteTemplate('Bearer {{ .SecureJsonData.apiToken }}', DATA)).toBe(`Bearer ${TOKEN}`);
    expect(interpolateRouteTemplate('{{.JsonData.gatewayUrl}}/x', DATA)).toBe('http://gw.example:8080/base/x');
    expect(interpolateRouteTemplate('[{{ .JsonData.missing }}][{{ .SecureJsonData.missing }}]', DATA)).toBe('[<no value>][]');
    expect(() => interpolateRouteTemplate('{{ printf "%s" .JsonData }}', DATA)).toThrow(/unsupported route template/);
  });

  it('joins the route url with what follows the route path and keeps the query string', () => {
    const read = routes[0];
    expect(targetUrl(read, 'read/api/services', '?team=payments', DATA).href).toBe('http://gw.example:8080/base/api/services?team=payments');
    expect(targetUrl(read, 'read', '', DATA).href).toBe('http://gw.example:8080/base');
    expect(targetUrl(read, 'read/api/x/', '', DATA).href).toBe('http://gw.example:8080/base/api/x/');
  });
});

describe('data proxy over HTTP', () => {
  let upstream: EchoUpstream;
  let host: RunningHost;
  const proxy = (path: string) => `${host.url}/api/datasources/proxy/uid/opsdeck/${path}`;

  beforeAll(async () => {
    upstream = await startEchoUpstream();
    host = await startHost({ gatewayUrl: upstream.url, apiToken: TOKEN, role: 'Viewer', user: 'vera', distDir: FIXTURE_BUILD });
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await upstream?.close();
  });

  beforeEach(() => {
    upstream.requests.length = 0;
    upstream.respondWith(200);
    host.setRole('Viewer');
  });

  it('forwards read requests with the secret header and the user, not the browser credentials', async () => {
    const resp = await fetch(proxy('read/api/services?team=payments'), {
      headers: { cookie: 'grafana_session=abc', authorization: 'Bearer browser-token', 'x-grafana-user': 'mallory', 'x-custom': 'kept' },
    });
    expect(resp.status).toBe(200);
    expect(resp.headers.get('set-cookie')).toBeNull();
    expect(upstream.requests).toHaveLength(1);
    const seen: EchoedRequest = upstream.requests[0];
    expect(seen.path).toBe('/api/services');
    expect(seen.query).toBe('?team=payments');
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.headers['x-grafana-user']).toBe('vera');
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['x-opsdeck-write']).toBeUndefined();
  });

  it('refuses the write route to a Viewer without calling the upstream', async () => {
    const resp = await fetch(proxy('write/api/alerts/a1/ack'), { method: 'POST', body: '{}' });
    expect(resp.status).toBe(403);
    expect(await resp.json()).toEqual({ message: 'plugin proxy route access denied' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes the write route for an Editor, body and write header included', async () => {
    host.setRole('Editor');
    const resp = await fetch(proxy('write/api/alerts/a1/ack'), { method: 'POST', body: '{"note":"on it"}', headers: { 'content-type': 'application/json' } });
    expect(resp.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({ method: 'POST', path: '/api/alerts/a1/ack', body: '{"note":"on it"}' });
    expect(upstream.requests[0].headers['x-opsdeck-write']).toBe(TOKEN);
  });

  it('answers 404 for a path no route matches and for an unknown datasource', async () => {
    expect((await fetch(proxy('api/services'))).status).toBe(404);
    expect((await fetch(`${host.url}/api/datasources/proxy/uid/nope/read/api`)).status).toBe(404);
    expect(upstream.requests).toHaveLength(0);
  });

  it('turns an upstream 401 into a 400, as Grafana does', async () => {
    upstream.respondWith(401);
    const resp = await fetch(proxy('read/api/services'));
    expect(resp.status).toBe(400);
    expect(await resp.text()).toBe('Authentication to data source failed');
  });

  it('answers 502 when the upstream is unreachable', async () => {
    const down = await startEchoUpstream();
    await down.close();
    const other = await startHost({ gatewayUrl: down.url, apiToken: TOKEN, role: 'Viewer', distDir: FIXTURE_BUILD });
    try {
      const resp = await fetch(`${other.url}/api/datasources/proxy/uid/opsdeck/read/api/services`);
      expect(resp.status).toBe(502);
      expect(await resp.text()).not.toContain(TOKEN);
    } finally {
      await other.close();
    }
  });

  it('never puts the secret in what it serves itself', async () => {
    const served = await Promise.all(
      ['/a/opsdeck-sre-app/', '/host/client.js', '/api/plugins/opsdeck-sre-app/settings', '/public/plugins/opsdeck-sre-app/datasource/plugin.json'].map(
        async (path) => {
          const resp = await fetch(`${host.url}${path}`);
          expect(resp.status).toBe(200);
          return resp.text();
        }
      )
    );
    const denied = await (await fetch(proxy('write/x'), { method: 'POST' })).text();
    for (const body of [...served, denied]) {
      expect(body).not.toContain(TOKEN);
    }
  });

  it('keeps app settings in memory, lets only an Admin change them and reports secrets as flags', async () => {
    const post = (body: unknown) => fetch(`${host.url}/api/plugins/opsdeck-sre-app/settings`, { method: 'POST', body: JSON.stringify(body) });
    const update = { enabled: true, jsonData: { datasourceUid: 'opsdeck' }, secureJsonData: { extra: 'app-secret-1' } };
    expect((await post(update)).status).toBe(403);
    host.setRole('Admin');
    expect((await post(update)).status).toBe(200);
    const text = await (await fetch(`${host.url}/api/plugins/opsdeck-sre-app/settings`)).text();
    expect(JSON.parse(text)).toMatchObject({ id: 'opsdeck-sre-app', jsonData: { datasourceUid: 'opsdeck' }, secureJsonFields: { extra: true } });
    expect(text).not.toContain('app-secret-1');
    expect(host.unhandledApiCalls()).toEqual([]);
  });
});
