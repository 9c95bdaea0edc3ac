/**
 * Idempotency keys across replicas (issue 14 part 1): two gateways' IdempotencyStores on one Postgres schema, as two
 * replicas behind a load balancer see it. The key is claimed in action_requests before acting, so two copies of one
 * request arriving at both replicas at the same instant act once.
 */
import { IdempotencyStore, type StoredAnswer } from '../../src/alerts/actions/idempotency';
import type { Store } from '../../src/store';
import { openStore } from '../../src/store';
import { postgresBackend } from '../support/storeBackends';

const backend = postgresBackend();
let first: Store;
let second: Store;

beforeAll(async () => {
  first = await backend.open();
  // The same schema through a second pool: another replica.
  second = openStore(first.postgres!.connectionString, { schema: first.postgres!.schema });
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await backend.cleanup();
});

const TIMING = { waitMs: 3_000, pollMs: 10, staleClaimMs: 60_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slowAction(calls: string[], who: string, ms = 300): () => Promise<StoredAnswer> {
  return async () => {
    calls.push(who);
    await sleep(ms);
    return { status: 200, body: { result: { acknowledged: true, by: who } } };
  };
}

it('acts once when the same key reaches two replicas at the same instant, and both get the one answer', async () => {
  const a = new IdempotencyStore(first.db, TIMING);
  const b = new IdempotencyStore(second.db, TIMING);
  const key = IdempotencyStore.scope('alice', '/api/alerts/x/ack', 'k-simultaneous');
  const calls: string[] = [];
  const answers = await Promise.all([
    a.once(key, 1_000, slowAction(calls, 'a')),
    b.once(key, 1_000, slowAction(calls, 'b')),
  ]);
  expect(calls).toHaveLength(1);
  const by = calls[0];
  for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: { result: { by } } });
  expect(answers.filter((x) => (x.body as { result: { replayed?: boolean } }).result.replayed)).toHaveLength(1);
});

it('lets a retry act when the first attempt failed', async () => {
  const a = new IdempotencyStore(first.db, TIMING);
  const b = new IdempotencyStore(second.db, TIMING);
  const key = IdempotencyStore.scope('alice', '/api/alerts/x/resolve', 'k-failed');
  await expect(
    a.once(key, 1_000, async () => {
      throw new Error('upstream down');
    })
  ).rejects.toThrow('upstream down');
  const calls: string[] = [];
  expect(await b.once(key, 1_001, slowAction(calls, 'b', 0))).toMatchObject({ status: 200 });
  expect(calls).toEqual(['b']);
});

it('answers 409 while the first request is still running past the wait, and takes over a claim left by a dead replica', async () => {
  const key = IdempotencyStore.scope('bob', '/api/incidents/y/ack', 'k-stuck');
  // A replica claimed the key and died before answering.
  await first.db
    .insertInto('action_requests')
    .values({ idempotency_key: key, at: 1_000, status_code: 0, response: '' })
    .execute();
  const impatient = new IdempotencyStore(second.db, { ...TIMING, waitMs: 100 });
  const calls: string[] = [];
  const refused = await impatient.once(key, 2_000, slowAction(calls, 'b', 0));
  expect(refused.status).toBe(409);
  expect(calls).toEqual([]);

  // Ten minutes on, the claim is stale: the user's retry acts.
  const later = new IdempotencyStore(second.db, { ...TIMING, staleClaimMs: 600_000 });
  expect(await later.once(key, 1_000 + 600_001, slowAction(calls, 'b', 0))).toMatchObject({ status: 200 });
  expect(calls).toEqual(['b']);
});
