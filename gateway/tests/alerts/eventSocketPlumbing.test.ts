// The WebSocket stream's plumbing on a bare Fastify app with a real store: a client that stops reading is dropped
// while the others keep up, pings reap a peer that no longer answers, and a replay hands over to live events without
// gap or duplicate while events are being committed (both transports share that logic; both are checked, on SQLite
// and Postgres).
import Fastify from 'fastify';
import { EVENTS_SOCKET_PATH } from '@opsdeck/contract';
import { EventBroadcaster } from '../../src/events/eventBroadcaster';
import { eventsRoute } from '../../src/events/eventsRoute';
import { eventsSocketRoute } from '../../src/events/eventsSocketRoute';
import type { Store } from '../../src/store';
import { openEventSocket, type EventSocket } from '../support/socketClient';
import { openSse, type SseStream } from '../support/sseClient';
import { postgresBackend, sqliteBackend, storeForSuite } from '../support/storeBackends';

const sockets: EventSocket[] = [];
const streams: SseStream[] = [];
afterEach(() => {
  sockets.splice(0).forEach((s) => s.socket.terminate());
  streams.splice(0).forEach((s) => s.close());
});

async function streamingApp(store: Store, options: { heartbeatMs?: number; maxQueuedEvents?: number } = {}) {
  const broadcaster = new EventBroadcaster(store, 60_000);
  await broadcaster.start();
  const app = Fastify({ logger: false });
  await eventsSocketRoute(app, { store, broadcaster, heartbeatMs: options.heartbeatMs ?? 60_000, ...options });
  eventsRoute(app, { store, broadcaster, heartbeatMs: 60_000 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const connect = async (query = '', clientOptions = {}) => {
    const socket = await openEventSocket(
      `${base.replace(/^http/, 'ws')}${EVENTS_SOCKET_PATH}${query}`,
      {},
      clientOptions
    );
    sockets.push(socket);
    return socket;
  };
  const stop = async () => {
    await app.close();
    broadcaster.stop();
  };
  return { broadcaster, connect, sseUrl: `${base}/api/events`, stop };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  for (let waited = 0; !condition() && waited < timeoutMs; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('slow and dead peers', () => {
  const backend = sqliteBackend();
  let store: Store;
  storeForSuite(backend, (opened) => (store = opened));

  it('drops a client that stops reading instead of buffering without bound; the others get everything', async () => {
    const { broadcaster, connect, stop } = await streamingApp(store, { maxQueuedEvents: 100 });
    const stalled = await connect();
    // Stops reading from the TCP socket: the kernel's buffers fill, then the gateway's queue, then it is dropped.
    stalled.socket.pause();
    const reader = await connect();
    const big = 'x'.repeat(64 * 1024);
    const appended: number[] = [];
    for (const burst of [1, 2, 3, 4, 5]) {
      for (let i = 0; i < 90; i++) {
        appended.push((await store.appendEvent({ type: 'alert.changed', at: Date.now(), payload: { i, big } })).id);
      }
      broadcaster.notify();
      await reader.waitFor(90 * burst, 10_000);
    }
    await until(() => broadcaster.subscriberCount === 1);
    expect(broadcaster.subscriberCount).toBe(1);
    expect(reader.events.map((e) => e.id)).toEqual(appended);
    stalled.socket.resume();
    expect((await stalled.closed).code).toBe(1006);
    await stop();
  }, 30_000);

  it('pings, and drops a peer that stopped answering while keeping one that answers', async () => {
    const { broadcaster, connect, stop } = await streamingApp(store, { heartbeatMs: 50 });
    const deaf = await connect('', { autoPong: false });
    const answering = await connect();
    let pings = 0;
    answering.socket.on('ping', () => pings++);
    expect((await deaf.closed).code).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    expect(broadcaster.subscriberCount).toBe(1);
    await stop();
  });
});

describe.each([
  ['sqlite', sqliteBackend],
  ['postgres', postgresBackend],
])('replay hand-over on %s', (_name, makeBackend) => {
  const backend = makeBackend();
  let store: Store;
  storeForSuite(backend, (opened) => (store = opened));

  it('delivers every event after lastEventId once and in order while commits continue', async () => {
    const { broadcaster, connect, sseUrl, stop } = await streamingApp(store);
    const after = (await store.appendEvent({ type: 'oncall.changed', at: Date.now(), payload: {} })).id;
    let written = 0;
    const total = 2500;
    const writer = (async () => {
      for (; written < total; written++) {
        await store.appendEvent({ type: 'alert.changed', at: Date.now(), payload: { n: written } });
        if (written % 10 === 0) broadcaster.notify();
      }
      broadcaster.notify();
    })();
    // Joins mid-way: the replay spans more than one page of the log while live events keep arriving.
    await until(() => written >= 1200, 20_000);
    const socket = await connect(`?lastEventId=${after}`);
    const sse = await openSse(sseUrl, { 'last-event-id': String(after) });
    streams.push(sse);
    await writer;
    await broadcaster.settled();

    const expected: number[] = [];
    for (let page; (page = await store.listEventsSince(expected.at(-1) ?? after, 1000)).length > 0;) {
      expected.push(...page.map((e) => e.id));
    }
    expect(expected).toHaveLength(total);
    await socket.waitFor(total, 20_000);
    await sse.waitFor(total, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.events.map((e) => e.id)).toEqual(expected);
    expect(sse.messages.map((m) => Number(m.id))).toEqual(expected);
    await stop();
  }, 60_000);
});
