/**
 * Issue 9, defect 7 on Postgres: a lock someone else holds (here a session that locked the tables and sits in its
 * transaction) must not hold a request forever. The gateway's sessions have a lock timeout, so the webhook and the
 * maintenance write get 503 + Retry-After after it, nothing is stored, health keeps answering, and the same
 * delivery is stored once the lock is gone. Migrations run without that timeout.
 */
import pg from 'pg';
import { WRITE_ROLE_HEADER, type HealthResponse } from '@opsdeck/contract';
import type { Store } from '../../src/store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';
import { postgresBackend } from '../support/storeBackends';
import { monitorHealth } from './support/healthMonitor';
import { sameDatabase } from './support/sameDatabase';

jest.setTimeout(30_000);

const backend = postgresBackend();
let store: Store;
let gateway: TestGateway;
let location: { database: string; databaseSchema?: string };

beforeAll(async () => {
  store = await backend.open();
  location = await sameDatabase(store);
  gateway = await startTestGateway({ ...location, webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } });
});
afterAll(async () => {
  await gateway?.close();
  await store?.close();
  await backend.cleanup();
});

it('answers writes 503 + Retry-After while another session holds their locks, then stores the retried delivery', async () => {
  const holder = new pg.Client({ connectionString: location.database });
  await holder.connect();
  const body = pagerDutyBody(90);
  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom('webhook_deliveries')
          .where('source', '=', 'pagerduty')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    );
  try {
    await holder.query(`set search_path = ${location.databaseSchema}`);
    await holder.query('begin');
    await holder.query('lock table webhook_deliveries, maintenance_windows in exclusive mode');
    const health = monitorHealth(gateway.url, 100, 5000);
    const started = performance.now();
    const [refused, maintenance] = await Promise.all([
      postPagerDuty(gateway.url, body, 'unused'),
      fetch(`${gateway.url}/api/maintenance`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${gateway.token}`,
          [WRITE_ROLE_HEADER]: gateway.token,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ services: ['checkout-api'], reason: 'locked', endsAt: Date.now() + 3_600_000 }),
      }),
    ]);
    const waitedMs = performance.now() - started;
    const seen = await health.stop();

    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/busy/) });
    expect(maintenance.status).toBe(503);
    expect(Number(maintenance.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(waitedMs).toBeLessThan(5000);
    expect(seen.failures).toEqual([]);
    expect(seen.worstMs).toBeLessThan(1000);
    expect(await count()).toBe(0);
  } finally {
    await holder.query('rollback').catch(() => undefined);
    await holder.end();
  }

  const retried = await postPagerDuty(gateway.url, body, 'unused');
  expect(retried.status).toBe(200);
  expect(await retried.json()).toEqual({ status: 'stored', inserted: 2 });
  expect(await count()).toBe(1);
  const health = (await (await fetch(`${gateway.url}/api/health`)).json()) as HealthResponse;
  expect(health.store.state).toBe('ok');
});
