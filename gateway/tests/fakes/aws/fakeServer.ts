/**
 * Shared plumbing of the protocol-level AWS fakes (on FakeHttpServer): real SDK clients reach them through
 * `endpoint`, with switches to throttle, fail, delay and count. Each fake supplies the protocol details.
 */
import type http from 'node:http';
import { FakeHttpServer, type FakeHttpRequest } from '../fakeHttpServer';

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

export abstract class FakeAwsServer extends FakeHttpServer {
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

  get endpoint(): string {
    return this.url;
  }

  protected async answer(request: FakeHttpRequest): Promise<FakeResponse> {
    const partial = { headers: request.headers, body: request.body };
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
    return { ...response, headers: { ...response.headers, 'x-amzn-requestid': `fake-${this.calls.length}` } };
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
