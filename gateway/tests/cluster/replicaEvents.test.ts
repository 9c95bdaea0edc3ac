/**
 * Issue 14 part 3: three replicas (three stores, three broadcasters, three event routes) on one Postgres schema.
 * The broadcasters' safety-net poll is a minute long, so anything that arrives sooner came by LISTEN/NOTIFY.
 */
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { EventBroadcaster } from '../../src/events/eventBroadcaster';
import { eventsRoute } from '../../src/events/eventsRoute';
import { ReplicaEvents } from '../../src/events/replicaEvents';
import { openStore, type Store } from '../../src/store';
import { openSse, type SseStream } from '../support/sseClient';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';

const schema = `opsdeck_notify_${crypto.randomBytes(6).toString('hex')}`;
const SAFETY_POLL_MS = 60_000;

interface Replica {
  store: Store;
  broadcaster: EventBroadcaster;
  events: ReplicaEvents;
  app: FastifyInstance;
  url: string;
}

let replicas: Replica[] = [];
const streams: SseStream[] = [];

async function startReplica(): Promise<Replica> {
  const store = openStore(POSTGRES_URL, { schema });
  await store.migrate();
  const broadcaster = new EventBroadcaster(store, SAFETY_POLL_MS);
  await broadcaster.start();
  const events = new ReplicaEvents(broadcaster, store.postgres!);
  await events.start();
  const app = Fastify({ logger: false });
  eventsRoute(app, { store, broadcaster });
  const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/events`;
  return { store, broadcaster, events, app, url };
}

beforeAll(async () => {
  await postgresAdmin(`create schema ${schema}`);
  replicas.push(await startReplica());
  replicas.push(...(await Promise.all([startReplica(), startReplica()])));
});

afterAll(async () => {
  streams.splice(0).forEach((s) => s.close());
  for (const r of replicas) {
    await r.app.close();
    await r.events.stop();
    r.broadcaster.stop();
    await r.store.close();
  }
  replicas = [];
  await postgresAdmin(`drop schema if exists ${schema} cascade`);
});

async function subscribe(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const stream = await openSse(url, headers);
  streams.push(stream);
  // The route subscribes after its replay; let it reach the live stream.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return stream;
}

const ids = (stream: SseStream) => stream.messages.map((m) => Number(m.id));

async function logIdsAfter(store: Store, after: number): Promise<number[]> {
  return (await store.listEventsSince(after, 10_000)).map((e) => e.id);
}

async function until(what: string, timeoutMs: number, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it("delivers another replica's commit within milliseconds, not at the next poll", async () => {
  const [a, , c] = replicas;
  const stream = await subscribe(a.url);
  const committed = Date.now();
  const event = await c.store.appendEvent({ type: 'maintenance.changed', at: committed, payload: { n: 1 } });
  await stream.waitFor(1, 1500);
  const arrivedMs = Date.now() - committed;
  expect(ids(stream)).toEqual([event.id]);
  expect(arrivedMs).toBeLessThan(1500);
  const health = a.events.health();
  expect(health).toMatchObject({ delivery: 'listen', deliveredId: event.id });
  expect(health.lagMs?.samples).toBeGreaterThanOrEqual(1);
});

it('delivers interleaved commits of two replicas to every replica in log order, with no gap and no repeat', async () => {
  const [a, b, c] = replicas;
  const start = (await logIdsAfter(a.store, 0)).at(-1) ?? 0;
  // Earlier tests' events must have reached every replica's stream, or a new subscriber would get them live too.
  await until('every replica at the end of the log', 2000, () =>
    replicas.every((r) => r.broadcaster.deliveredId >= start)
  );
  const subscribers = await Promise.all(replicas.flatMap((r) => [subscribe(r.url), subscribe(r.url)]));
  const writes = Array.from({ length: 120 }, (_, n) =>
    (n % 2 ? b : c).store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { n } })
  );
  await Promise.all(writes);
  const log = await logIdsAfter(a.store, start);
  expect(log).toHaveLength(120);
  await Promise.all(subscribers.map((s) => s.waitFor(120, 5000)));
  for (const s of subscribers) expect(ids(s)).toEqual(log);
});

it('resumes on another replica with Last-Event-ID and misses nothing', async () => {
  const [a, b, c] = replicas;
  const first = await subscribe(a.url);
  const written = [];
  for (let n = 0; n < 6; n++)
    written.push(await c.store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { n } }));
  await first.waitFor(6, 2000);
  first.close();
  const seen = Number(first.messages[2].id);
  // Commits while the client is away, on a third replica.
  for (let n = 6; n < 10; n++)
    written.push(await b.store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { n } }));
  const resumed = await subscribe(b.url, { 'last-event-id': String(seen) });
  await resumed.waitFor(7, 2000);
  expect(ids(resumed)).toEqual(written.map((e) => e.id).filter((id) => id > seen));
});

it('falls back to reading the log when its LISTEN connection is cut, says so, and delivers what it missed', async () => {
  const [a, b] = replicas;
  const stream = await subscribe(a.url);
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    // Every replica's listener sits idle in `listen` on this schema's channel; cut them all, then commit while deaf.
    const channel = `opsdeck_events_${crypto.createHash('md5').update(schema).digest('hex').slice(0, 16)}`;
    const cut = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and pid <> pg_backend_pid()`,
      [`listen "${channel}"`]
    );
    expect(cut.rowCount).toBe(3);
  } finally {
    await admin.end();
  }
  await until('a to notice', 2000, () => a.events.health().delivery === 'poll');
  expect(a.events.health().message).toMatch(/not listening/);
  const missed = await b.store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { missed: true } });
  await until('a to listen again', 5000, () => a.events.health().delivery === 'listen');
  await stream.waitFor(1, 2000);
  expect(ids(stream)).toEqual([missed.id]);
  const after = await b.store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { after: true } });
  await stream.waitFor(2, 1500);
  expect(ids(stream)).toEqual([missed.id, after.id]);
});

it('sends nothing for a rolled-back append', async () => {
  const [a, b] = replicas;
  const stream = await subscribe(a.url);
  await b.store.db
    .transaction()
    .execute(async (trx) => {
      const { appendEventRows } = await import('../../src/store/eventLog');
      await appendEventRows(trx, [{ type: 'maintenance.changed', at: Date.now(), payload: { doomed: true } }]);
      throw new Error('roll back');
    })
    .catch(() => undefined);
  const kept = await b.store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { kept: true } });
  await stream.waitFor(1, 1500);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(ids(stream)).toEqual([kept.id]);
});
