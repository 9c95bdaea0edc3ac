/**
 * A minimal HTTP/1.1 client on a raw socket: the request line goes out exactly as written (fetch and http.request
 * normalise or refuse odd paths, which is what an attacker's client does not do). One request per connection.
 * Streams (SSE, a WebSocket upgrade) are cut once their headers arrived.
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** Sent verbatim: percent-escapes, dot segments and double slashes included. */
  path: string;
  headers?: Record<string, string>;
  /** Headers that may repeat (two X-Grafana-User lines, say). */
  repeatedHeaders?: ReadonlyArray<readonly [string, string]>;
  body?: string | Buffer;
  /** The answer must have arrived by then, else the promise rejects (a stalled gateway is a failure). */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
  elapsedMs: number;
}

export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const lines = [`${request.method} ${request.path} HTTP/1.1`, `host: ${hostname}:${port}`, 'connection: close'];
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
  for (const [name, value] of request.repeatedHeaders ?? []) lines.push(`${name}: ${value}`);
  if (body) lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      try {
        resolve(parse(received, performance.now() - started));
      } catch (parseError) {
        reject(parseError as Error);
      }
    };
    const timer = setTimeout(
      () =>
        finish(new Error(`no answer to ${request.method} ${request.path} within ${request.timeoutMs ?? 10_000} ms`)),
      request.timeoutMs ?? 10_000
    );
    socket.on('connect', () => {
      socket.write(head);
      if (body) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (complete(received)) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    // A reset after the answer arrived still leaves the answer to read.
    socket.on('error', (error) => (received.length > 0 ? finish() : finish(error)));
  });
}

function headerEnd(data: Buffer): number {
  return data.indexOf('\r\n\r\n');
}

/** True once the answer is whole, or once the headers of a stream (SSE, 101) are in. */
function complete(data: Buffer): boolean {
  const end = headerEnd(data);
  if (end === -1) return false;
  const head = data.subarray(0, end).toString('latin1').toLowerCase();
  if (/^http\/1\.1 101/.test(head) || head.includes('content-type: text/event-stream')) return true;
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  return length !== null && data.length - end - 4 >= Number(length[1]);
}

function parse(data: Buffer, elapsedMs: number): RawResponse {
  const end = headerEnd(data);
  if (end === -1) throw new Error(`incomplete answer: ${JSON.stringify(data.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...headerLines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = data.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') rest = dechunk(rest);
  const text = rest.toString('utf8');
  return {
    status,
    headers,
    text,
    elapsedMs,
    json() {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
