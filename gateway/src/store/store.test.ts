// One suite, two databases: every case runs on SQLite (a temp file) and on the Postgres CI provides, so "works on
// SQLite" and "works on Postgres" are the same claim. Postgres being unreachable fails the suite; it never skips.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { appendEventRows } from './eventLog';
import { openStore } from './openStore';
import { type Store } from './types';

const POSTGRES_URL = process.env.OPSDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  name: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  let dir = '';
  return {
    name: 'sqlite',
    async open() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-store-'));
      return openStore(path.join(dir, 'nested', 'opsdeck.sqlite'));
    },
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): Backend {
  const schema = `opsdeck_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  return {
    name: 'postgres',
    async open() {
      const client = admin();
      await client.connect();
      try {
        await client.query(`create schema ${schema}`);
      } finally {
        await client.end();
      }
      return openStore(POSTGRES_URL, { schema });
    },
    async cleanup() {
      const client = admin();
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

describe.each([sqliteBackend(), postgresBackend()])('Store on $name', (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open();
    await store.migrate();
  });

  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('reports its driver and answers ping', async () => {
    expect(store.driver).toBe(backend.name);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('runs migrations again without error (already at latest)', async () => {
    await expect(store.migrate()).resolves.toBeUndefined();
  });

  it('numbers appended events and returns epoch-ms times as numbers', async () => {
    const at = 1_750_000_000_123;
    const first = await store.appendEvent({ type: 'incident.changed', at, service: 'checkout-api', payload: { a: 1 } });
    const second = await store.appendEvent({ type: 'alert.changed', at: at + 1, payload: ['x', { y: null }] });
    expect(second.id).toBeGreaterThan(first.id);
    expect(first).toEqual({ id: first.id, type: 'incident.changed', at, service: 'checkout-api', payload: { a: 1 } });
    expect(second.service).toBeUndefined();
    expect(typeof second.at).toBe('number');
  });

  it('lists events after an id, oldest first, up to the limit', async () => {
    const base = (await store.listEventsSince(0, 1000)).length;
    const appended = [];
    for (let i = 0; i < 5; i++) {
      appended.push(await store.appendEvent({ type: 'deployment.changed', at: 2_000_000_000_000 + i, payload: { i } }));
    }
    const all = await store.listEventsSince(0, 1000);
    expect(all).toHaveLength(base + 5);
    const afterSecond = await store.listEventsSince(appended[1].id, 2);
    expect(afterSecond.map((e) => e.payload)).toEqual([{ i: 2 }, { i: 3 }]);
    expect(await store.listEventsSince(appended[4].id, 10)).toEqual([]);
  });

  // Live readers resume "after the last id seen", so a smaller id must never become visible after a larger one.
  it('makes events visible in id order even when the earlier appender commits last', async () => {
    const start = (await store.listEventsSince(0, 1000)).at(-1)?.id ?? 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const slowAppended = new Promise<void>((resolve) => (appended = resolve));
    const slow = store.db.transaction().execute(async (trx) => {
      const [event] = await appendEventRows(trx, [{ type: 'alert.changed', at: 1, payload: 'slow' }]);
      appended();
      await held;
      return event;
    });
    await slowAppended;
    const fast = store.appendEvent({ type: 'alert.changed', at: 2, payload: 'fast' });
    // Time for the later appender to commit, if nothing made it wait.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seenMeanwhile = store.listEventsSince(start, 10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const [slowEvent, fastEvent] = await Promise.all([slow, fast]);
    const visible = (await seenMeanwhile).map((e) => e.id);
    const final = (await store.listEventsSince(start, 10)).map((e) => e.id);

    expect(fastEvent.id).toBeGreaterThan(slowEvent.id);
    expect(final).toEqual([slowEvent.id, fastEvent.id]);
    // What a reader saw while the first appender was still open is a prefix of the final order.
    expect(final.slice(0, visible.length)).toEqual(visible);
  });

  it('keeps audit entries and filters them, newest first', async () => {
    const t = 1_800_000_000_000;
    await store.appendAudit({
      at: t,
      user: 'alice',
      action: 'incident.acknowledge',
      target: 'INC-1',
      detail: { note: 'on it' },
      outcome: 'success',
    });
    await store.appendAudit({
      at: t + 10,
      user: 'bob',
      action: 'deploy.rollback',
      target: 'checkout-api',
      detail: null,
      outcome: 'denied',
    });
    const third = await store.appendAudit({
      at: t + 20,
      user: 'alice',
      action: 'deploy.rollback',
      target: 'checkout-api',
      detail: { to: 'v1' },
      outcome: 'failure',
    });
    expect(third).toMatchObject({ at: t + 20, user: 'alice', detail: { to: 'v1' }, outcome: 'failure' });

    const all = await store.listAudit();
    expect(all.map((e) => e.at)).toEqual([t + 20, t + 10, t]);
    expect((await store.listAudit({ user: 'alice' })).map((e) => e.target)).toEqual(['checkout-api', 'INC-1']);
    expect((await store.listAudit({ action: 'deploy.rollback', outcome: 'denied' })).map((e) => e.user)).toEqual([
      'bob',
    ]);
    expect((await store.listAudit({ from: t + 10, to: t + 20 })).map((e) => e.at)).toEqual([t + 10]);
    expect(await store.listAudit({ target: 'checkout-api', limit: 1 })).toHaveLength(1);
    expect(typeof all[0].at).toBe('number');
    expect(typeof all[0].id).toBe('number');
  });
});
