// The live stream's plumbing: heartbeats, slow and departing subscribers, and one broadcaster read per commit whatever
// the subscriber count. Through the data proxy: tests/e2e/eventStreamProxy.test.ts.
import http from 'node:http';
import Fastify from 'fastify';
import { EventBroadcaster } from '../../src/events/eventBroadcaster';
import { eventsRoute } from '../../src/events/eventsRoute';
import type { Store } from '../../src/store';
import { openSse, type SseStream } from '../support/sseClient';
import { sqliteBackend, storeForSuite } from '../support/storeBackends';

const streams: SseStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));

describe('event stream plumbing', () => {
  const backend = sqliteBackend();
  let store: Store;

  storeForSuite(backend, (opened) => (store = opened));

  async function streamingApp(heartbeatMs: number, maxQueuedEvents?: number) {
    const broadcaster = new EventBroadcaster(store, 60_000);
    await broadcaster.start();
    const app = Fastify({ logger: false });
    eventsRoute(app, { store, broadcaster, heartbeatMs, maxQueuedEvents });
    const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/events`;
    return { app, broadcaster, url };
  }

  it('sends heartbeat comments and ends open streams when the app closes', async () => {
    const { app, broadcaster, url } = await streamingApp(50);
    const client = await openSse(url);
    streams.push(client);
    await new Promise((resolve) => setTimeout(resolve, 180));
    expect(client.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    const closed = Date.now();
    await app.close();
    broadcaster.stop();
    expect(Date.now() - closed).toBeLessThan(2000);
  });

  it('reads the log once per notify for any number of subscribers, and forgets subscribers that leave', async () => {
    const { app, broadcaster, url } = await streamingApp(60_000);
    const reads = jest.spyOn(store, 'listEventsSince');
    const clients = await Promise.all(Array.from({ length: 20 }, () => openSse(url)));
    streams.push(...clients);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(broadcaster.subscriberCount).toBe(20);
    reads.mockClear();

    await store.appendEvent({ type: 'maintenance.changed', at: Date.now(), payload: { n: 1 } });
    broadcaster.notify();
    await Promise.all(clients.map((c) => c.waitFor(1, 2000)));
    expect(reads).toHaveBeenCalledTimes(1);

    clients.slice(0, 10).forEach((c) => c.close());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(broadcaster.subscriberCount).toBe(10);
    reads.mockRestore();
    await app.close();
    broadcaster.stop();
  }, 15_000);

  it('disconnects a subscriber that stops reading instead of buffering without bound', async () => {
    const { app, broadcaster, url } = await streamingApp(60_000, 100);
    // A raw socket that never reads: the kernel buffers fill, then the gateway's queue, then it is dropped.
    const stalled = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(url, (res) => {
        res.pause();
        resolve(res);
      })
    );
    const reader = await openSse(url);
    streams.push(reader);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const big = 'x'.repeat(64 * 1024);
    // Bursts within the limit: the reading client keeps up; the stalled one fills the kernel's socket buffers (a few
    // MB on loopback), then falls more than 100 events behind.
    for (const burst of [1, 2, 3, 4, 5]) {
      for (let i = 0; i < 90; i++) {
        await store.appendEvent({ type: 'alert.changed', at: Date.now(), payload: { i, big } });
      }
      broadcaster.notify();
      await reader.waitFor(90 * burst, 10_000);
    }
    for (let waited = 0; broadcaster.subscriberCount > 1 && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(broadcaster.subscriberCount).toBe(1);
    expect(reader.messages).toHaveLength(450);
    stalled.destroy();
    await app.close();
    broadcaster.stop();
  }, 20_000);
});
