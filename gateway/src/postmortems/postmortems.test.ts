// GET/PUT /api/incidents/:id/postmortem through the real app on SQLite and Postgres: stored, replaced, audited, and
// refused without the write route's header.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { GRAFANA_USER_HEADER, postmortemPath, type PostmortemResponse, WRITE_ROLE_HEADER } from '@opsdeck/contract';
import { buildApp } from '../app';
import { loadCatalog } from '../catalog';
import { buildSources } from '../sources';
import { openStore, type Store } from '../store';

const POSTGRES_URL = process.env.OPSDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CATALOG = path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml');
const TOKEN = 'postmortem-test-token';
const NOW = 1_800_000_000_000;
const INCIDENT = 'inc-checkout-1';

interface Backend {
  name: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function sqlite(): Backend {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-postmortem-'));
  return {
    name: 'sqlite',
    open: async () => openStore(path.join(dir, 'opsdeck.sqlite')),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function postgres(): Backend {
  const schema = `opsdeck_pm_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    open: async () => {
      await admin(`create schema ${schema}`);
      return openStore(POSTGRES_URL, { schema });
    },
    cleanup: () => admin(`drop schema if exists ${schema} cascade`),
  };
}

describe.each([sqlite(), postgres()])('post-mortems on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  const auth = { authorization: `Bearer ${TOKEN}` };
  const writeHeaders = { ...auth, [WRITE_ROLE_HEADER]: TOKEN, [GRAFANA_USER_HEADER]: 'erin' };

  beforeAll(async () => {
    store = await backend.open();
    await store.migrate();
    await store.db
      .insertInto('incidents')
      .values({
        id: INCIDENT,
        source: 'alertmanager',
        external_id: 'g1',
        title: 'Checkout errors',
        service: 'checkout-api',
        team: 'payments',
        severity: 'critical',
        status: 'resolved',
        created_at: NOW - 3_600_000,
        updated_at: NOW - 60_000,
        links: '[]',
      })
      .execute();
    const catalog = loadCatalog(CATALOG);
    app = await buildApp({
      config: { apiToken: TOKEN, logLevel: 'silent' },
      catalog,
      store,
      sources: buildSources({ demoSeed: 42 }, catalog),
      clock: () => NOW,
    });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await backend.cleanup();
  });

  it('answers null before anyone saved one, and 404 for an unknown incident', async () => {
    const empty = await app.inject({ method: 'GET', url: postmortemPath(INCIDENT), headers: auth });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ postmortem: null });
    const unknown = await app.inject({ method: 'GET', url: postmortemPath('nope'), headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('no incident nope');
  });

  it('stores, replaces and audits a save through the write route', async () => {
    const first = await app.inject({ method: 'PUT', url: postmortemPath(INCIDENT), headers: writeHeaders, payload: { markdown: '# Draft' } });
    expect(first.statusCode).toBe(200);
    const second = await app.inject({ method: 'PUT', url: postmortemPath(INCIDENT), headers: writeHeaders, payload: { markdown: '# Final\n\nDone.' } });
    expect(second.json<PostmortemResponse>().postmortem).toEqual({ incidentId: INCIDENT, markdown: '# Final\n\nDone.', updatedAt: NOW, updatedBy: 'erin' });

    const read = await app.inject({ method: 'GET', url: postmortemPath(INCIDENT), headers: auth });
    expect(read.json<PostmortemResponse>().postmortem?.markdown).toBe('# Final\n\nDone.');

    const audit = await store.listAudit({ action: 'incident.postmortem.save', target: INCIDENT });
    expect(audit.map((e) => [e.user, e.outcome, e.detail])).toEqual([
      ['erin', 'success', { chars: 14 }],
      ['erin', 'success', { chars: 7 }],
    ]);
  });

  it('refuses a save without the write route header and stores nothing', async () => {
    const before = (await store.listAudit({ action: 'incident.postmortem.save' })).length;
    const refused = await app.inject({ method: 'PUT', url: postmortemPath(INCIDENT), headers: auth, payload: { markdown: 'sneaky' } });
    expect(refused.statusCode).toBe(403);
    const read = await app.inject({ method: 'GET', url: postmortemPath(INCIDENT), headers: auth });
    expect(read.json<PostmortemResponse>().postmortem?.markdown).not.toBe('sneaky');
    expect(await store.listAudit({ action: 'incident.postmortem.save' })).toHaveLength(before);
  });

  it.each([
    [{ text: 'x' }, /body must be/],
    [{ markdown: 'x'.repeat(200_001) }, /limit is 200000/],
  ])('answers 400 for a bad body %#', async (payload, message) => {
    const bad = await app.inject({ method: 'PUT', url: postmortemPath(INCIDENT), headers: writeHeaders, payload });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(message);
  });

  it('answers 404 when saving for an unknown incident', async () => {
    const unknown = await app.inject({ method: 'PUT', url: postmortemPath('nope'), headers: writeHeaders, payload: { markdown: '# x' } });
    expect(unknown.statusCode).toBe(404);
  });
});
