import { IDEMPOTENCY_KEY_HEADER } from '@opsdeck/contract';
import { GatewayClient, proxyUrlForDatasource } from './GatewayClient';
import { GatewayError } from './GatewayError';
import { fakeFetch } from './testing';

const BASE = '/api/datasources/proxy/uid/opsdeck';
const health = {
  status: 'ok',
  version: '0.1.0',
  mode: 'demo',
  authenticated: true,
  sources: [],
  store: { driver: 'sqlite', state: 'ok' },
};

describe('GatewayClient', () => {
  it('sends reads through the read route of the datasource proxy, without Grafana error toasts', async () => {
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/health`]: { data: health },
      [`POST ${BASE}/read/api/query`]: { data: { results: {} } },
    });
    const client = new GatewayClient(`${BASE}/`, fetcher);

    await expect(client.health()).resolves.toEqual(health);
    const body = { range: { from: 1, to: 2 }, queries: [{ refId: 'A', queryType: 'fleet_health' as const }] };
    await expect(client.query(body)).resolves.toEqual({ results: {} });

    expect(fetcher.requests).toEqual([
      { url: `${BASE}/read/api/health`, method: 'GET', showErrorAlert: false, showSuccessAlert: false },
      {
        url: `${BASE}/read/api/query`,
        method: 'POST',
        data: body,
        headers: { 'Content-Type': 'application/json' },
        showErrorAlert: false,
        showSuccessAlert: false,
      },
    ]);
  });

  it('reads maintenance windows through the read route and changes them through the write route', async () => {
    const window = { id: 'mw 1', endsAt: 2 };
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/maintenance?state=expired%2Cended`]: { data: { windows: [] } },
      [`GET ${BASE}/read/api/maintenance`]: { data: { windows: [] } },
      [`GET ${BASE}/read/api/maintenance/stale`]: { data: { windows: [] } },
      [`POST ${BASE}/write/api/maintenance`]: { status: 201, data: window },
      [`POST ${BASE}/write/api/maintenance/mw%201/extend`]: { data: window },
      [`POST ${BASE}/write/api/maintenance/mw%201/end`]: { data: window },
    });
    const client = new GatewayClient(BASE, fetcher);
    await client.maintenanceWindows(['expired', 'ended']);
    await client.maintenanceWindows();
    await client.staleMaintenance();
    await expect(
      client.createMaintenance({ services: ['checkout-api'], reason: 'upgrade', endsAt: 2 })
    ).resolves.toEqual(window);
    await client.extendMaintenance('mw 1', 3);
    await client.endMaintenance('mw 1');
    expect(fetcher.requests.filter((r) => r.method === 'POST').map((r) => [r.url.slice(BASE.length), r.data])).toEqual([
      ['/write/api/maintenance', { services: ['checkout-api'], reason: 'upgrade', endsAt: 2 }],
      ['/write/api/maintenance/mw%201/extend', { endsAt: 3 }],
      ['/write/api/maintenance/mw%201/end', {}],
    ]);
  });

  it('sends a fresh Idempotency-Key with each maintenance write, and the given one for a retry', async () => {
    const window = { id: 'mw-1', endsAt: 2 };
    const fetcher = fakeFetch({
      [`POST ${BASE}/write/api/maintenance`]: { status: 201, data: window },
      [`POST ${BASE}/write/api/maintenance/mw-1/extend`]: { data: window },
      [`POST ${BASE}/write/api/maintenance/mw-1/end`]: { data: window },
    });
    const client = new GatewayClient(BASE, fetcher);
    const request = { services: ['checkout-api'], reason: 'upgrade', endsAt: 2 };
    await client.createMaintenance(request);
    await client.createMaintenance(request);
    await client.extendMaintenance('mw-1', 3);
    await client.endMaintenance('mw-1');
    await client.createMaintenance(request, 'submit-1');
    await client.createMaintenance(request, 'submit-1');

    const keys = fetcher.requests.map((r) => r.headers?.[IDEMPOTENCY_KEY_HEADER]);
    keys.forEach((key) => expect(key).toMatch(/^[0-9a-f]{32}$|^submit-1$/));
    expect(new Set(keys.slice(0, 4)).size).toBe(4);
    expect(keys.slice(4)).toEqual(['submit-1', 'submit-1']);
    expect(fetcher.requests[0].headers).toEqual({
      'Content-Type': 'application/json',
      [IDEMPOTENCY_KEY_HEADER]: keys[0],
    });
  });

  it('sends a fresh Idempotency-Key with each acknowledge and bulk acknowledge', async () => {
    const fetcher = fakeFetch({
      [`POST ${BASE}/write/api/alerts/a1/acknowledge`]: { data: { outcome: 'done' } },
      [`POST ${BASE}/write/api/alerts/bulk-acknowledge`]: { data: { results: [], done: 0, failed: 0 } },
    });
    const client = new GatewayClient(BASE, fetcher);
    await client.acknowledgeAlert('a1');
    await client.acknowledgeAlert('a1');
    await client.bulkAcknowledgeAlerts(['a1']);
    await client.acknowledgeAlert('a1', undefined, 'tap-1');

    const keys = fetcher.requests.map((r) => r.headers?.[IDEMPOTENCY_KEY_HEADER]);
    expect(new Set(keys.slice(0, 3)).size).toBe(3);
    keys.slice(0, 3).forEach((key) => expect(key).toMatch(/^[0-9a-f]{32}$/));
    expect(keys[3]).toBe('tap-1');
  });

  it('keeps an empty label filter (alerts without the label) and drops other empty filters', async () => {
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/alerts?label.zone=&alertname=X&limit=100`]: { data: { alerts: [], total: 0 } },
    });
    const client = new GatewayClient(BASE, fetcher);
    await expect(client.alerts({ service: '', 'label.zone': '', alertname: 'X', limit: 100 })).resolves.toEqual({
      alerts: [],
      total: 0,
    });
    expect(client.alertsExportUrl({ 'label.zone': '', team: '', cursor: 'c' }, 'csv')).toBe(
      `${BASE}/read/api/alerts/export?label.zone=&format=csv`
    );
  });

  it('builds the proxy URL from a datasource uid', () => {
    expect(proxyUrlForDatasource('ops deck')).toBe('/api/datasources/proxy/uid/ops%20deck');
  });

  it.each([
    [401, { error: 'invalid bearer token' }, /rejected the API token \(invalid bearer token\)/],
    [403, { message: 'Access denied to this route' }, /Access denied \(Access denied to this route\).*role/],
    [502, undefined, /could not reach the Opsdeck gateway.*gateway URL/],
    [
      400,
      { error: 'queries[0].metric: unknown metric "foo"', field: 'queries[0].metric' },
      /error 400: queries\[0\]\.metric: unknown metric "foo"/,
    ],
  ])('explains HTTP %i', async (status, data, message) => {
    const client = new GatewayClient(
      BASE,
      fakeFetch({ [`GET ${BASE}/read/api/services`]: { fail: { status, data } } })
    );
    const error = await client.services().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).status).toBe(status);
    expect((error as GatewayError).message).toMatch(message);
  });

  it('treats a network failure as unreachable', async () => {
    const client = new GatewayClient(BASE, () => Promise.reject(new TypeError('Failed to fetch')));
    const error = (await client.health().catch((e: unknown) => e)) as GatewayError;
    expect(error.status).toBe(0);
    expect(error.unreachable).toBe(true);
    expect(error.message).toContain('Failed to fetch');
  });
});
