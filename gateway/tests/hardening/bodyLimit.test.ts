/**
 * Issue 9, defect 10: a body over the limit always gets a readable 413, never a connection reset. Real TCP over
 * loopback. The decisive sender is the simple one that writes its whole request before reading anything: if the
 * server closes while bytes are still coming, the kernel resets the connection and that sender reads nothing.
 * Also a streaming sender (http.request, reading while it writes), with Content-Length and chunked, on a webhook
 * route and on an /api route; then the bounds of the drain, on a bare Fastify app with small bounds.
 */
import http from 'node:http';
import net from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { drainBeforeTooLarge } from '../../src/http/bodyLimit';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';

jest.setTimeout(180_000);

const MB = 1024 * 1024;
const BODY_BYTES = 5 * MB;
const CHUNK = 64 * 1024;
const ROUNDS = 32;
const REQUEST_TIMEOUT_MS = 15_000;

type Framing = 'content-length' | 'chunked';

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body: string;
  /** Set when the sender could not read a whole answer (reset, broken pipe, timeout). */
  failure?: string;
}

/** The body on the wire: raw bytes, or the same bytes as 64 KiB chunks plus the last-chunk marker. */
function wireBody(framing: Framing): Buffer {
  const data = Buffer.alloc(BODY_BYTES, 'a');
  if (framing === 'content-length') return data;
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += CHUNK) {
    const piece = data.subarray(at, at + CHUNK);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function requestHead(url: URL, path: string, framing: Framing, headers: Record<string, string>): string {
  const lines = [`POST ${path} HTTP/1.1`, `Host: ${url.host}`, 'Content-Type: application/json'];
  lines.push(framing === 'content-length' ? `Content-Length: ${BODY_BYTES}` : 'Transfer-Encoding: chunked');
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function parseAnswer(raw: Buffer, failure?: string): Answer {
  const text = raw.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(text);
  if (split < 0 || !status) return { headers: {}, body: '', failure: failure ?? `no answer (${raw.length} bytes)` };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, split).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(split + 4);
  const complete = Buffer.byteLength(body) >= Number(headers['content-length'] ?? Infinity);
  return { status: Number(status[1]), headers, body, failure: complete ? undefined : (failure ?? 'short body') };
}

/** The sender that writes everything first and reads only then (nothing is read while it writes). */
function writeAllThenRead(base: string, path: string, framing: Framing, headers: Record<string, string>) {
  const url = new URL(base);
  return new Promise<Answer>((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.pause();
    const received: Buffer[] = [];
    const done = (failure?: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(received), failure));
    };
    const timer = setTimeout(() => done('timeout'), REQUEST_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.on('end', () => done());
    socket.write(requestHead(url, path, framing, headers));
    socket.write(wireBody(framing), (error) => {
      if (!error) socket.resume();
    });
  });
}

/** A streaming sender: http.request writing 64 KiB at a time with backpressure, reading whenever bytes come. */
function streamWhileReading(base: string, path: string, framing: Framing, headers: Record<string, string>) {
  const url = new URL(base);
  return new Promise<Answer>((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(answer);
    };
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path,
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(framing === 'content-length' ? { 'content-length': BODY_BYTES } : {}),
        ...headers,
      },
    });
    const timer = setTimeout(() => done({ headers: {}, body: '', failure: 'timeout' }), REQUEST_TIMEOUT_MS);
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () =>
        done({ status: response.statusCode, headers: response.headers as Record<string, string>, body })
      );
      response.on('error', (error) => done({ headers: {}, body, failure: error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      done({ headers: {}, body: '', failure: error.code ?? error.message })
    );
    const piece = Buffer.alloc(CHUNK, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < BODY_BYTES && !settled) {
        sent += CHUNK;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!settled) request.end();
    };
    pump();
  });
}

function expectJson413(answer: Answer, context: string): void {
  const error = answer.status === 413 ? (JSON.parse(answer.body) as { error?: unknown }).error : undefined;
  expect({ context, status: answer.status, failure: answer.failure, error: typeof error }).toEqual({
    context,
    status: 413,
    failure: undefined,
    error: 'string',
  });
  expect(answer.headers.connection).toBe('close');
}

describe('oversized bodies on the gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } });
  });
  afterAll(() => gateway.close());

  const targets = (): Array<{ path: string; headers: Record<string, string> }> => [
    // The webhook limit is OPSDECK_WEBHOOK_BODY_LIMIT (1 MiB default); no credentials are needed to be refused.
    { path: '/webhooks/pagerduty', headers: { 'x-pagerduty-signature': 'v1=00' } },
    { path: '/api/query', headers: { authorization: `Bearer ${gateway.token}` } },
  ];
  const senders = { writeAllThenRead, streamWhileReading };

  it.each([
    ['writeAllThenRead', 'content-length'],
    ['writeAllThenRead', 'chunked'],
    ['streamWhileReading', 'content-length'],
    ['streamWhileReading', 'chunked'],
  ] as const)(`%s, %s: every 5 MB body reads a 413 JSON answer, ${ROUNDS} times per route`, async (sender, framing) => {
    const deadline = Date.now() + 60_000;
    for (const { path, headers } of targets()) {
      for (let round = 0; round < ROUNDS; round++) {
        expect(Date.now()).toBeLessThan(deadline);
        const answer = await senders[sender](gateway.url, path, framing, headers);
        expectJson413(answer, `${sender} ${framing} ${path} round ${round}`);
      }
    }
  });

  it('stays healthy: health answers and a normal delivery is stored', async () => {
    const health = await fetch(`${gateway.url}/api/health`, { headers: { authorization: `Bearer ${gateway.token}` } });
    expect(health.status).toBe(200);
    const delivery = await postPagerDuty(gateway.url, pagerDutyBody(4130), 'after-413');
    expect(await delivery.json()).toEqual({ status: 'stored', inserted: 2 });
  });
});

describe('the drain is bounded', () => {
  const BOUNDS = { maxBytes: 4 * MB, maxMs: 400 };
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = Fastify({ bodyLimit: MB });
    drainBeforeTooLarge(app, BOUNDS);
    app.post('/echo', async (request) => ({ bytes: JSON.stringify(request.body).length }));
    app.post('/refuse', async (_request, reply) => reply.code(413).send({ error: 'too large, said the handler' }));
    app.get('/health', async () => ({ ok: true }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  /** Sends the head and `bytes` of a body announced as `announced` bytes, then keeps the connection open. */
  function stallAfter(announced: number, bytes: number) {
    const url = new URL(base);
    return new Promise<{ answer: Answer; elapsedMs: number }>((resolve) => {
      const started = Date.now();
      const socket = net.connect(Number(url.port), url.hostname);
      const received: Buffer[] = [];
      const done = (failure?: string) => {
        socket.destroy();
        resolve({ answer: parseAnswer(Buffer.concat(received), failure), elapsedMs: Date.now() - started });
      };
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', (error: NodeJS.ErrnoException) => done(error.code));
      socket.on('end', () => done());
      socket.write(
        `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${announced}\r\n\r\n`
      );
      socket.write(Buffer.alloc(bytes, 'a'));
    });
  }

  it('answers a sender that stops mid-body once the time bound is up, then closes', async () => {
    const { answer, elapsedMs } = await stallAfter(5 * MB, 2 * MB);
    expectJson413(answer, 'stalled sender');
    expect(elapsedMs).toBeGreaterThanOrEqual(BOUNDS.maxMs - 50);
    expect(elapsedMs).toBeLessThan(BOUNDS.maxMs + 2_000);
  });

  it('closes on a sender that never stops, soon after the byte bound', async () => {
    const url = new URL(base);
    const result = await new Promise<{ written: number; elapsedMs: number }>((resolve) => {
      const started = Date.now();
      const socket = net.connect(Number(url.port), url.hostname);
      let written = 0;
      const piece = Buffer.alloc(CHUNK, 'a');
      const stop = () => {
        socket.destroy();
        resolve({ written, elapsedMs: Date.now() - started });
      };
      socket.on('error', stop);
      socket.on('close', stop);
      socket.on('data', () => undefined);
      socket.write(
        `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${1024 * MB}\r\n\r\n`
      );
      const pump = () => {
        // A cap on the test itself: the server must have closed long before.
        while (written < 256 * MB && !socket.destroyed) {
          written += piece.length;
          if (!socket.write(piece)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    expect(result.written).toBeLessThan(64 * MB);
    expect(result.elapsedMs).toBeLessThan(BOUNDS.maxMs + 2_000);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('does not wait when the body was read in full, and leaves other answers alone', async () => {
    const started = Date.now();
    const refused = await fetch(`${base}/refuse`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.get('connection')).toBe('close');
    expect(Date.now() - started).toBeLessThan(BOUNDS.maxMs);
    const ok = await fetch(`${base}/echo`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('connection')).not.toBe('close');
  });
});
