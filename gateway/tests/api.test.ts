// The gateway's HTTP API over a real loopback listener: auth, health, catalog, queries, errors and metrics.
import {
  FLEET_HEALTH_FIELDS,
  type DataFrameJSON,
  type HealthResponse,
  type QueryResponse,
  type ServicesResponse,
} from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from './support/gateway';

const NOW = Date.UTC(2025, 5, 2, 14, 0);
const HOUR = 3_600_000;

describe('gateway HTTP API', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock: () => NOW });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const send = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = gateway.token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${gateway.url}${path}`, { ...rest, headers });
  };
  const query = (body: unknown) => send('/api/query', { method: 'POST', body: JSON.stringify(body) });

  describe('authentication', () => {
    it.each(['/api/services', '/api/query', '/api/no-such-route'])(
      'answers 401 JSON on %s without a token',
      async (path) => {
        const response = await send(path, { token: null, method: path === '/api/query' ? 'POST' : 'GET' });
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/application\/json/);
        expect(await response.json()).toEqual({ error: expect.stringContaining('Authorization') });
      }
    );

    it('answers 401 JSON to a wrong token, including one of a different length', async () => {
      for (const token of ['wrong', `${gateway.token}x`, gateway.token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))]) {
        const response = await send('/api/services', { token });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: 'invalid api token' });
      }
    });

    it('leaves /api/health open and says whether the token sent was valid', async () => {
      const anonymous = await send('/api/health', { token: null });
      expect(anonymous.status).toBe(200);
      const body = (await anonymous.json()) as HealthResponse;
      expect(body).toEqual({
        status: 'ok',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        mode: 'demo',
        authenticated: false,
        sources: [{ id: 'demo', kind: 'demo', state: 'ok' }],
        store: { driver: 'sqlite', state: 'ok' },
        redis: { configured: false, state: 'off' },
      });
      const authenticated = (await (await send('/api/health')).json()) as HealthResponse;
      expect(authenticated.authenticated).toBe(true);
      expect(authenticated.replica).toEqual({ id: expect.any(String), leads: [] });
      expect(authenticated.sources[0].message).toMatch(/demo fleet of 8 services/);
      expect(((await (await send('/api/health', { token: 'wrong' })).json()) as HealthResponse).authenticated).toBe(
        false
      );
    });
  });

  it('serves the catalog with teams and regions', async () => {
    const response = await send('/api/services');
    const body = (await response.json()) as ServicesResponse;
    expect(body.services.map((s) => s.name)).toContain('checkout-api');
    expect(body.teams).toEqual(['catalog', 'payments', 'platform']);
    expect(body.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  // Every query type cold, 30 days of SLO counts included: seconds on a loaded CI machine.
  it('answers every query type in one request', async () => {
    const response = await query({
      range: { from: NOW - 6 * HOUR, to: NOW },
      intervalMs: 60_000,
      maxDataPoints: 500,
      queries: [
        { refId: 'fleet', queryType: 'fleet_health' },
        { refId: 'metric', queryType: 'service_metric', metric: 'error_rate', service: '*' },
        { refId: 'catalog', queryType: 'services' },
        { refId: 'events', queryType: 'events', eventKinds: ['deployment', 'incident'] },
      ],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as QueryResponse;
    const frames = (refId: string) => results[refId].frames as DataFrameJSON[];
    expect(frames('fleet')[0].schema.fields.map((f) => f.name)).toEqual([...FLEET_HEALTH_FIELDS]);
    expect(frames('metric')).toHaveLength(8);
    expect(frames('catalog')[0].data.values[0]).toHaveLength(8);
    expect(frames('events')[0].data.values[0].length).toBeGreaterThan(8);
    for (const refId of ['fleet', 'metric', 'catalog', 'events']) {
      for (const frame of frames(refId)) {
        expect(frame.schema.refId).toBe(refId);
        expect(frame.schema.name).toEqual(expect.any(String));
        expect(frame.schema.meta?.custom).toEqual(
          expect.objectContaining({ source: expect.any(String), demo: expect.any(Boolean) })
        );
      }
    }
  }, 30_000);

  it('gives the same numbers for the same question (fixed clock, same seed)', async () => {
    const body = { range: { from: NOW - HOUR, to: NOW }, queries: [{ refId: 'A', queryType: 'fleet_health' }] };
    const first = await (await query(body)).json();
    const second = await (await query(body)).json();
    expect(second).toEqual(first);
  });

  it('answers a bad query with an error for its refId only', async () => {
    const response = await query({
      range: { from: NOW - HOUR, to: NOW },
      queries: [
        { refId: 'good', queryType: 'services' },
        { refId: 'bad', queryType: 'service_metric', metric: 'nonsense' },
      ],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as QueryResponse;
    expect(results.good.frames).toHaveLength(1);
    expect(results.bad).toEqual({ error: expect.stringMatching(/^metric: expected one of/) });
  });

  it('answers 400 {error, field} when the body as a whole is invalid', async () => {
    const response = await query({
      range: { from: NOW, to: NOW - 1 },
      queries: [{ refId: 'A', queryType: 'services' }],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'range.to: expected from < to', field: 'range.to' });
  });

  it('answers JSON errors for unparseable bodies, unknown routes and oversized bodies', async () => {
    const unparseable = await send('/api/query', { method: 'POST', body: '{"range":' });
    expect(unparseable.status).toBe(400);
    expect(await unparseable.json()).toEqual({ error: expect.stringContaining('JSON') });

    const notFound = await send('/api/nothing-here');
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: 'no route GET /api/nothing-here' });

    const tooLarge = await send('/api/query', {
      method: 'POST',
      body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: 'request body too large (limit 1 MiB)' });

    const wrongType = await send('/api/query', {
      method: 'POST',
      body: 'a=b',
      headers: { 'content-type': 'text/csv' },
    });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({ error: expect.stringContaining('application/json') });
  });

  it('exports Prometheus metrics: process defaults, request durations by route and queries by type and outcome', async () => {
    await query({
      range: { from: NOW - HOUR, to: NOW },
      queries: [
        { refId: 'A', queryType: 'services' },
        { refId: 'B', queryType: 'nope' },
      ],
    });
    const response = await send('/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^opsdeck_process_cpu_seconds_total \d/m);
    expect(text).toMatch(
      /^opsdeck_http_request_duration_seconds_count\{route="\/api\/query",method="POST",status_code="200"\} [1-9]/m
    );
    expect(text).toMatch(/^opsdeck_queries_total\{query_type="services",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^opsdeck_queries_total\{query_type="invalid",outcome="error"\} [1-9]/m);
  });
});
