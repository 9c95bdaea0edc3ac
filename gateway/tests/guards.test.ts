// Behaviour that needs a route registered by the test (the write guard, a crashing handler) or an unusual store,
// exercised through buildApp and Fastify's inject.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FastifyInstance } from 'fastify';
import { WRITE_ROLE_HEADER, type HealthResponse } from '@opsdeck/contract';
import { buildApp } from '../src/app';
import { loadCatalog } from '../src/catalog';
import { buildSources } from '../src/sources';
import { openStore, type Store } from '../src/store';
import { REPO_CATALOG } from './support/gateway';

const TOKEN = 'guards-test-token-0123456789';
const catalog = loadCatalog(REPO_CATALOG);

async function appWith(store: Store): Promise<FastifyInstance> {
  return buildApp({
    config: { apiToken: TOKEN, logLevel: 'silent' },
    catalog,
    store,
    sources: buildSources({ demoSeed: 42 }, catalog),
  });
}

describe('write guard and error handling', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-guards-'));
    store = openStore(path.join(dir, 'opsdeck.sqlite'));
    await store.migrate();
    app = await appWith(store);
    app.post('/api/test-write', { preHandler: app.requireWriteRoute }, async () => ({ written: true }));
    app.get('/api/test-crash', async () => {
      throw new Error('password=hunter2 at db.internal:5432');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const bearer = { authorization: `Bearer ${TOKEN}` };

  it('refuses a write without the Editor route header with 403 JSON', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/test-write', headers: bearer, payload: {} });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: expect.stringContaining('Editor route') });
  });

  it('refuses a write whose header carries anything but the api token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test-write',
      headers: { ...bearer, [WRITE_ROLE_HEADER]: 'true' },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
  });

  it('lets a write through with the bearer token and the write header', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test-write',
      headers: { ...bearer, [WRITE_ROLE_HEADER]: TOKEN },
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ written: true });
  });

  it('checks the bearer token before the write header', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test-write',
      headers: { [WRITE_ROLE_HEADER]: TOKEN },
      payload: {},
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers 500 JSON without the internal message', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test-crash', headers: bearer });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal error; see the gateway log' });
    expect(response.body).not.toContain('hunter2');
  });
});

describe('health when the database goes away after start', () => {
  it('reports degraded, and the database error only to a caller with the token', async () => {
    // The gateway refuses to start without its database (migrations run first); this is the outage after start.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-guards-down-'));
    const store = openStore(path.join(dir, 'opsdeck.sqlite'));
    await store.migrate();
    const app = await appWith(store);
    await store.close();
    try {
      const anonymous = (await app.inject({ method: 'GET', url: '/api/health' })).json() as HealthResponse;
      expect(anonymous).toMatchObject({
        status: 'degraded',
        authenticated: false,
        store: { driver: 'sqlite', state: 'error' },
      });
      expect(anonymous.store.message).toBeUndefined();
      const authenticated = (
        await app.inject({ method: 'GET', url: '/api/health', headers: { authorization: `Bearer ${TOKEN}` } })
      ).json() as HealthResponse;
      expect(authenticated.store.message).toEqual(expect.any(String));
      expect(authenticated.store.message?.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
