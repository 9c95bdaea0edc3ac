// GET /api/events/ws on a real gateway over loopback with the real `ws` client: the bearer guard refuses the upgrade,
// the stream is the SSE stream's events (same JSON) with the same filter and replay, and shutdown closes sockets.
import net from 'node:net';
import { EVENTS_SOCKET_PATH } from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';
import { openEventSocket, refusedUpgrade, type EventSocket } from '../support/socketClient';
import { openSse, type SseStream } from '../support/sseClient';

let gateway: TestGateway;
let socketUrl: string;
const sockets: EventSocket[] = [];
const streams: SseStream[] = [];

beforeAll(async () => {
  gateway = await startTestGateway({ webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } });
  socketUrl = `${gateway.url.replace(/^http/, 'ws')}${EVENTS_SOCKET_PATH}`;
});
afterEach(() => {
  sockets.splice(0).forEach((s) => s.socket.terminate());
  streams.splice(0).forEach((s) => s.close());
});
afterAll(async () => {
  await gateway.close();
}, 20_000);

const auth = () => ({ authorization: `Bearer ${gateway.token}` });
async function connect(query = '', headers: Record<string, string> = {}): Promise<EventSocket> {
  const socket = await openEventSocket(`${socketUrl}${query}`, { ...auth(), ...headers });
  sockets.push(socket);
  return socket;
}

describe('the upgrade request', () => {
  it('is refused with 401 JSON before any upgrade without the token or with a wrong one', async () => {
    const missing = await refusedUpgrade(socketUrl);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toEqual({ error: expect.stringContaining('Authorization') });
    const wrong = await refusedUpgrade(socketUrl, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toEqual({ error: 'invalid api token' });
  });

  it('closes the connection after refusing, so a refused client cannot hold the socket (or a shutdown) open', async () => {
    const { port } = new URL(gateway.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `GET ${EVENTS_SOCKET_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
    );
    // The client never closes its side: only the server can end this within the wait.
    const closedByServer = await Promise.race([
      ended.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    socket.destroy();
    expect(closedByServer).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('answers 400 naming the field for a malformed last event id, and 426 to a plain GET', async () => {
    const bad = await refusedUpgrade(`${socketUrl}?lastEventId=abc`, auth());
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ field: 'lastEventId' });
    const plain = await fetch(`${gateway.url}${EVENTS_SOCKET_PATH}`, { headers: auth() });
    expect(plain.status).toBe(426);
    expect(await plain.json()).toEqual({ error: expect.stringContaining('WebSocket') });
  });
});

describe('the stream', () => {
  it('delivers each committed event as one text message with the JSON of the SSE data line', async () => {
    const socket = await connect();
    const sse = await openSse(`${gateway.url}/api/events`, auth());
    streams.push(sse);
    expect((await postPagerDuty(gateway.url, pagerDutyBody(20), 'ws-1')).status).toBe(200);
    const [alert, incident] = await socket.waitFor(2);
    expect([alert.type, incident.type]).toEqual(['alert.changed', 'incident.changed']);
    expect(incident.id).toBeGreaterThan(alert.id);
    const messages = await sse.waitFor(2);
    expect(socket.texts).toEqual(messages.map((m) => m.data));
  });

  it('replays what was committed while disconnected exactly once, in order, then goes live', async () => {
    const witness = await connect();
    const first = await connect();
    await postPagerDuty(gateway.url, pagerDutyBody(21), 'ws-2');
    const [, lastSeen] = await first.waitFor(2);
    first.socket.close();
    await first.closed;

    await postPagerDuty(gateway.url, pagerDutyBody(22), 'ws-3');
    await postPagerDuty(gateway.url, pagerDutyBody(21, 'incident.resolved', Date.UTC(2026, 10, 27, 11)), 'ws-4');
    const missed = (await witness.waitFor(6)).slice(2);
    expect(missed).toHaveLength(4);

    const byQuery = await connect(`?lastEventId=${lastSeen.id}`);
    const byHeader = await connect('', { 'last-event-id': String(lastSeen.id) });
    expect((await byQuery.waitFor(4)).map((e) => e.id)).toEqual(missed.map((e) => e.id));
    expect((await byHeader.waitFor(4)).map((e) => e.id)).toEqual(missed.map((e) => e.id));

    await postPagerDuty(gateway.url, pagerDutyBody(23), 'ws-5');
    const live = (await witness.waitFor(8)).slice(6).map((e) => e.id);
    await byQuery.waitFor(6);
    await byHeader.waitFor(6);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(byQuery.events.map((e) => e.id)).toEqual([...missed.map((e) => e.id), ...live]);
    expect(byHeader.events.map((e) => e.id)).toEqual([...missed.map((e) => e.id), ...live]);
  });

  it('keeps only the types asked for, in the replay and live', async () => {
    const before = await connect();
    await postPagerDuty(gateway.url, pagerDutyBody(24), 'ws-6');
    const [alert] = await before.waitFor(2);
    const incidentsOnly = await connect(`?types=incident.changed&lastEventId=${alert.id - 1}`);
    await postPagerDuty(gateway.url, pagerDutyBody(25), 'ws-7');
    await before.waitFor(4);
    const received = await incidentsOnly.waitFor(2);
    expect(received.map((e) => e.type)).toEqual(['incident.changed', 'incident.changed']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(incidentsOnly.events).toHaveLength(2);
  });
});

describe('gateway shutdown', () => {
  it('closes every socket with 1001, a non-reading one included, without holding app.close()', async () => {
    const own = await startTestGateway();
    const url = `${own.url.replace(/^http/, 'ws')}${EVENTS_SOCKET_PATH}`;
    const headers = { authorization: `Bearer ${own.token}` };
    const readers = await Promise.all([openEventSocket(url, headers), openEventSocket(url, headers)]);
    const stalled = await openEventSocket(url, headers);
    stalled.socket.pause();

    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(3000);
    for (const reader of readers) {
      expect(await reader.closed).toEqual({ code: 1001, reason: 'gateway shutting down' });
    }
    stalled.socket.resume();
    await stalled.closed;
  }, 15_000);
});
