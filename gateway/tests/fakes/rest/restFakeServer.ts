/**
 * Shared plumbing of the REST fakes (PagerDuty, Opsgenie), on FakeHttpServer: parses JSON bodies, records every
 * call, and answers a vendor's rate-limit response on demand.
 */
import type http from 'node:http';
import { FakeHttpServer, type FakeHttpRequest, type FakeHttpResponse } from '../fakeHttpServer';

export interface RestRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface RestResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RestCall {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export abstract class RestFakeServer extends FakeHttpServer {
  readonly calls: RestCall[] = [];
  private rateLimitRemaining = 0;
  private failRemaining = 0;

  protected abstract handle(request: RestRequest): RestResponse;
  /** The vendor's 429 answer, headers included. */
  protected abstract rateLimited(): RestResponse;
  /** The vendor's answer to missing or wrong credentials, or undefined when the request is authorised. */
  protected abstract unauthorised(request: RestRequest): RestResponse | undefined;

  /** Answer the next `n` requests with 429. */
  rateLimitNext(n: number): this {
    this.rateLimitRemaining = n;
    return this;
  }

  /** Answer the next `n` requests with HTTP 500; Infinity simulates an outage. */
  failNext(n: number): this {
    this.failRemaining = n;
    return this;
  }

  heal(): this {
    this.rateLimitRemaining = 0;
    this.failRemaining = 0;
    return this;
  }

  /** Calls whose method and path match, e.g. callsTo('PUT', /^\/incidents\//). */
  callsTo(method: string, path: RegExp | string): RestCall[] {
    return this.calls.filter(
      (c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path))
    );
  }

  protected async answer(raw: FakeHttpRequest): Promise<FakeHttpResponse> {
    let body: unknown;
    let response: RestResponse;
    try {
      body = raw.body ? JSON.parse(raw.body) : undefined;
      const request: RestRequest = { method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body };
      response = this.unauthorised(request) ?? this.nextFault() ?? this.handle(request);
    } catch (error) {
      response = { status: 400, body: { message: `fake could not read the request: ${(error as Error).message}` } };
    }
    this.calls.push({
      method: raw.method,
      path: raw.path,
      query: raw.query,
      status: response.status,
      headers: raw.headers,
      body,
    });
    return {
      status: response.status,
      headers: { 'content-type': 'application/json', ...response.headers },
      body: response.body === undefined ? '' : JSON.stringify(response.body),
    };
  }

  private nextFault(): RestResponse | undefined {
    if (this.rateLimitRemaining > 0) {
      this.rateLimitRemaining -= 1;
      return this.rateLimited();
    }
    if (this.failRemaining > 0) {
      this.failRemaining -= 1;
      return { status: 500, body: { error: { message: 'Internal Server Error' } } };
    }
    return undefined;
  }
}

/** Classic offset pagination as PagerDuty documents it: limit ≤ 100 (default 25), offset + limit ≤ 10,000. */
export function pageOf<T>(
  items: T[],
  query: URLSearchParams
): { page: T[]; offset: number; limit: number; more: boolean; total: number | null } | { error: string } {
  const limit = query.has('limit') ? Number(query.get('limit')) : 25;
  const offset = query.has('offset') ? Number(query.get('offset')) : 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
    return { error: 'Invalid limit or offset' };
  }
  if (offset + limit > 10_000) {
    return { error: 'Offset must be less than 10000' };
  }
  const page = items.slice(offset, offset + limit);
  return {
    page,
    offset,
    limit,
    more: offset + limit < items.length,
    total: query.get('total') === 'true' ? items.length : null,
  };
}
