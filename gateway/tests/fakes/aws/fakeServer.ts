/**
 * Shared plumbing of the protocol-level AWS fakes: a node:http server on 127.0.0.1:0 that real SDK clients reach
 * through `endpoint`, with switches to throttle, fail, delay and count. Each fake supplies the protocol details.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  operation: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RecordedCall {
  operation: string;
  status: number;
}

export abstract class FakeAwsServer {
  private server: http.Server | undefined;
  readonly calls: RecordedCall[] = [];
  private throttleRemaining = 0;
  private failRemaining = 0;
  private delayMs = 0;

  /** The operation named by the request (x-amz-target suffix or the Action form field). */
  protected abstract operationOf(request: Omit<FakeRequest, 'operation'>): string;
  protected abstract handle(request: FakeRequest): FakeResponse | Promise<FakeResponse>;
  /** The protocol's own throttling error (each protocol spells it differently). */
  protected abstract throttled(): FakeResponse;
  protected abstract serverError(): FakeResponse;
  /** The protocol's AccessDenied error, for operations the test's "IAM policy" does not allow. */
  protected abstract accessDenied(operation: string): FakeResponse;
  /** Operations answered with AccessDenied, as if the caller's policy lacked them. */
  readonly denied = new Set<string>();

  /** Answer the next `n` requests with the protocol's throttling error. */
  throttleNext(n: number): this {
    this.throttleRemaining = n;
    return this;
  }

  /** Answer the next `n` requests with HTTP 503. Infinity simulates an outage. */
  failNext(n: number): this {
    this.failRemaining = n;
    return this;
  }

  delay(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  /** Back to healthy service. */
  heal(): this {
    this.throttleRemaining = 0;
    this.failRemaining = 0;
    this.delayMs = 0;
    this.denied.clear();
    return this;
  }

  callsTo(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  resetCounters(): void {
    this.calls.length = 0;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.endpoint;
  }

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake AWS server not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const partial = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    const operation = this.operationOf(partial);
    let response: FakeResponse;
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.throttleRemaining > 0) {
        this.throttleRemaining--;
        response = this.throttled();
      } else if (this.failRemaining > 0) {
        this.failRemaining--;
        response = this.serverError();
      } else if (this.denied.has(operation)) {
        response = this.accessDenied(operation);
      } else {
        response = await this.handle({ ...partial, operation });
      }
    } catch (err) {
      response = { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake crashed: ${String(err)}` };
    }
    this.calls.push({ operation, status: response.status });
    res.writeHead(response.status, { ...response.headers, 'x-amzn-requestid': `fake-${this.calls.length}` });
    res.end(response.body);
  }
}

/** Small deterministic hash → [0, 1), so fake data is stable across runs and computable by tests. */
export function unitHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 2 ** 32;
}
