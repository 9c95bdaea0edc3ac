/**
 * The handler against a real HTTP server on loopback standing in for the gateway: what it posts, retries on 5xx,
 * 429 and network errors with backoff and Retry-After, gives up on a 4xx, splits a refused batch, and answers SQS
 * with the messages left to redeliver. Sleeps are recorded, not waited.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsEvent } from '@opsdeck/contract';
import { MAX_BATCH, type Logger } from './deliver';
import { createHandler, DeliveryFailedError, optionsFromEnv, type HandlerOptions, type SqsEvent } from './handler';
import { describeWithFixtures, sample, withId, type EventBridgeEvent } from './samples';

const TOKEN = 'lambda-test-token';

interface Received {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  events: AwsEvent[];
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A loopback HTTP server answering each POST with `respond(events, n)`, recording what it got. */
async function startGateway(respond: (events: AwsEvent[], n: number) => Answer | 'hang') {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const events = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: AwsEvent[] }).events;
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        events,
      });
      const answer = respond(events, received.length);
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Gateway = Awaited<ReturnType<typeof startGateway>>;
const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function gatewayThat(respond: (events: AwsEvent[], n: number) => Answer | 'hang'): Promise<Gateway> {
  const gateway = await startGateway(respond);
  open.push(gateway);
  return gateway;
}

const ok = (events: AwsEvent[]): Answer => ({
  status: 200,
  body: { results: events.map((e) => ({ id: e.id, outcome: 'stored' })) },
});

function silentLog() {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const log: Logger = {
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { log, lines };
}

function handlerFor(gatewayUrl: string, overrides: Partial<HandlerOptions> = {}) {
  const delays: number[] = [];
  const { log, lines } = silentLog();
  const handle = createHandler({
    gatewayUrl,
    token: TOKEN,
    log,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 1,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    maxAttempts: 4,
    ...overrides,
  });
  return { handle, delays, lines };
}

function sqs(...bodies: Array<EventBridgeEvent | string>): SqsEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `msg-${i + 1}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      eventSource: 'aws:sqs',
    })),
  };
}

describe('settings from the environment', () => {
  it('needs the gateway URL and the token, and says which is missing', () => {
    expect(
      optionsFromEnv({ OPSDECK_GATEWAY_URL: 'https://opsdeck.example.com/', OPSDECK_EVENTS_TOKEN: ' t ' })
    ).toEqual({
      gatewayUrl: 'https://opsdeck.example.com/',
      token: 't',
    });
    expect(() => optionsFromEnv({ OPSDECK_EVENTS_TOKEN: 't' })).toThrow(/OPSDECK_GATEWAY_URL/);
    expect(() => optionsFromEnv({ OPSDECK_GATEWAY_URL: 'opsdeck:8080', OPSDECK_EVENTS_TOKEN: 't' })).toThrow(
      /OPSDECK_GATEWAY_URL/
    );
    expect(() => optionsFromEnv({ OPSDECK_GATEWAY_URL: 'https://opsdeck.example.com' })).toThrow(
      /OPSDECK_EVENTS_TOKEN/
    );
  });
});

describeWithFixtures('the handler posting to a gateway on loopback', () => {
  it('posts a rule’s event, normalised, with the bearer token, under the gateway URL’s own path', async () => {
    const gateway = await gatewayThat(ok);
    const { handle } = handlerFor(`${gateway.url}/prod/`);
    await expect(handle(sample('codeDeploy'))).resolves.toEqual({ delivered: 1, skipped: 0, dropped: 0 });
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]).toMatchObject({
      method: 'POST',
      url: '/prod/webhooks/aws-events',
      authorization: `Bearer ${TOKEN}`,
      contentType: 'application/json',
    });
    expect(gateway.received[0].events).toEqual([
      expect.objectContaining({ id: 'c071bfbf-83c4-49ca-a6ff-3df053957145', kind: 'deployment' }),
    ]);
  });

  it('retries a 503 with backoff, no sooner than Retry-After, and delivers', async () => {
    const gateway = await gatewayThat((events, n) =>
      n === 1
        ? { status: 503, body: { error: 'busy' }, headers: { 'retry-after': '0' } }
        : n === 2
          ? { status: 503, headers: { 'retry-after': '2' } }
          : ok(events)
    );
    const { handle, delays, lines } = handlerFor(gateway.url, { maxDelayMs: 5_000 });
    await expect(handle(sample('alarmSingleMetric'))).resolves.toEqual({ delivered: 1, skipped: 0, dropped: 0 });
    expect(gateway.received).toHaveLength(3);
    // Full jitter at its top (random = 1): 100 ms, then 200 ms raised to the gateway's Retry-After of 2 s.
    expect(delays).toEqual([100, 2_000]);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.fields?.reason)).toEqual([
      'HTTP 503: busy',
      'HTTP 503: {}',
    ]);
  });

  it('retries 429 (API Gateway throttling) and network errors too', async () => {
    const gateway = await gatewayThat((events, n) =>
      n === 1 ? { status: 429, body: { message: 'Too Many Requests' } } : ok(events)
    );
    const { handle } = handlerFor(gateway.url);
    await expect(handle(sample('codePipeline'))).resolves.toMatchObject({ delivered: 1 });
    expect(gateway.received).toHaveLength(2);

    const gone = await startGateway(ok);
    await gone.close();
    const unreachable = handlerFor(gone.url);
    await expect(unreachable.handle(sample('codePipeline'))).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(unreachable.delays).toEqual([100, 200, 400]);
    expect(unreachable.lines.at(-1)).toMatchObject({
      level: 'error',
      message: 'gateway unreachable; the events are left to be retried',
      fields: { reason: expect.stringMatching(/fetch failed.*\(after 4 tries\)/) },
    });
  });

  it('gives a request that hangs up its timeout, and retries it', async () => {
    const gateway = await gatewayThat((events, n) => (n === 1 ? 'hang' : ok(events)));
    const { handle } = handlerFor(gateway.url, { requestTimeoutMs: 200 });
    await expect(handle(sample('ecsCompleted'))).resolves.toMatchObject({ delivered: 1 });
    expect(gateway.received).toHaveLength(2);
  });

  it('fails a rule’s event after the last try, so Lambda retries the invocation', async () => {
    const gateway = await gatewayThat(() => ({
      status: 500,
      body: { error: 'internal error; the event was not stored, retry later' },
    }));
    const { handle, delays } = handlerFor(gateway.url);
    await expect(handle(sample('launchUnsuccessful'))).rejects.toThrow(
      'event 12345678-1234-1234-1234-123456789012 not delivered to the gateway; retry'
    );
    expect(gateway.received).toHaveLength(4);
    expect(delays).toEqual([100, 200, 400]);
  });

  it('stops retrying when the invocation has no time left for another try', async () => {
    const gateway = await gatewayThat(() => ({ status: 503 }));
    const { handle } = handlerFor(gateway.url, { requestTimeoutMs: 1_000 });
    await expect(handle(sample('codeDeploy'), { getRemainingTimeInMillis: () => 1_500 })).rejects.toBeInstanceOf(
      DeliveryFailedError
    );
    expect(gateway.received).toHaveLength(1);
  });

  it('gives up on a 400 at once: logged and dropped, not retried', async () => {
    const gateway = await gatewayThat(() => ({
      status: 400,
      body: {
        error: 'events[0].deployment.status: must be in_progress, succeeded or failed',
        field: 'events[0].deployment.status',
      },
    }));
    const { handle, delays, lines } = handlerFor(gateway.url);
    await expect(handle(sample('codeDeploy'))).resolves.toEqual({ delivered: 0, skipped: 0, dropped: 1 });
    expect(gateway.received).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      message: 'gateway refused the events; dropped',
      fields: { status: 400, error: 'events[0].deployment.status: must be in_progress, succeeded or failed' },
    });
  });

  it('drops on 401 too (a wrong token stays wrong until redeployed), never logging the token', async () => {
    const gateway = await gatewayThat(() => ({ status: 401, body: { error: 'webhook refused' } }));
    const { handle, lines } = handlerFor(gateway.url);
    await expect(handle(sample('codeDeploy'))).resolves.toMatchObject({ dropped: 1 });
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('logs and skips what it does not forward, without a request', async () => {
    const gateway = await gatewayThat(ok);
    const { handle, lines } = handlerFor(gateway.url);
    await expect(handle(sample('ecsTaskStateChange'))).resolves.toEqual({ delivered: 0, skipped: 1, dropped: 0 });
    expect(gateway.received).toHaveLength(0);
    expect(lines).toEqual([
      { level: 'info', message: 'event skipped', fields: { reason: 'not forwarded: aws.ecs "ECS Task State Change"' } },
    ]);
  });

  describe('an SQS batch', () => {
    it('posts the records’ events in one request; unreadable and unforwarded records are dropped, not failed', async () => {
      const gateway = await gatewayThat(ok);
      const { handle } = handlerFor(gateway.url);
      const batch = sqs(sample('alarmSingleMetric'), 'not json', sample('ecsTaskStateChange'), sample('codeDeploy'));
      await expect(handle(batch)).resolves.toEqual({ batchItemFailures: [] });
      expect(gateway.received).toHaveLength(1);
      expect(gateway.received[0].events.map((e) => e.kind)).toEqual(['alarm', 'deployment']);
    });

    it('names only the messages not delivered: a refused batch is halved, the refused event dropped', async () => {
      // msg-2 is refused for good; msg-4's event the gateway cannot store right now.
      const gateway = await gatewayThat((events) => {
        const ids = events.map((e) => e.id);
        if (ids.includes('bad'))
          return { status: 400, body: { error: 'events[0].alarm.arn: must be a CloudWatch alarm ARN' } };
        if (ids.includes('busy')) return { status: 503, body: { error: 'the database is busy' } };
        return ok(events);
      });
      const { handle, lines } = handlerFor(gateway.url);
      const alarm = sample('alarmSingleMetric');
      const batch = sqs(withId(alarm, 'a'), withId(alarm, 'bad'), withId(alarm, 'c'), withId(alarm, 'busy'));
      await expect(handle(batch)).resolves.toEqual({
        batchItemFailures: [{ itemIdentifier: 'msg-3' }, { itemIdentifier: 'msg-4' }],
      });
      // [a bad c busy] → 400; [a bad] → 400; [a] → 200; [bad] → 400, dropped; [c busy] → 503 four times.
      expect(gateway.received.map((r) => r.events.map((e) => e.id).join(' '))).toEqual([
        'a bad c busy',
        'a bad',
        'a',
        'bad',
        'c busy',
        'c busy',
        'c busy',
        'c busy',
      ]);
      expect(lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
        'gateway refused the events; dropped',
        'gateway unreachable; the events are left to be retried',
      ]);
    });

    it('splits a large batch into requests the gateway takes, and stops at the first batch that fails', async () => {
      const gateway = await gatewayThat((events, n) => (n === 1 ? ok(events) : { status: 502 }));
      const { handle } = handlerFor(gateway.url, { maxAttempts: 2 });
      const alarm = sample('alarmSingleMetric');
      const records = Array.from({ length: 2 * MAX_BATCH + 10 }, (_, i) => withId(alarm, `e${i}`));
      const result = await handle(sqs(...records));
      expect(gateway.received.map((r) => r.events.length)).toEqual([MAX_BATCH, MAX_BATCH, MAX_BATCH]);
      // The first hundred went; the second failed twice; the last ten were not tried and are redelivered too.
      expect('batchItemFailures' in result && result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
        records.slice(MAX_BATCH).map((_, i) => `msg-${MAX_BATCH + i + 1}`)
      );
    });
  });
});
