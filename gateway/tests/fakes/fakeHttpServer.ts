/**
 * What every protocol fake shares: a node:http server on 127.0.0.1:0 that real clients reach through its URL, the
 * request read whole (method, path, query, headers, body text), and the answer written back. The AWS, deploy and
 * REST bases add their protocol's faults and records on top (`answer`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHttpRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export abstract class FakeHttpServer {
  private server: http.Server | undefined;

  /** The whole answer to one request; a throw here is the fake's own bug and becomes a 500 naming it. */
  protected abstract answer(request: FakeHttpRequest): Promise<FakeHttpResponse>;

  /**
   * Keep-alive sockets would hold jest open after stop() unless the server drops them quickly; the SDK and fetch
   * reconnect cheaply on loopback. Undefined keeps Node's default.
   */
  protected readonly keepAliveTimeoutMs: number | undefined = undefined;

  async start(): Promise<string> {
    const server = http.createServer((req, res) => void this.serve(req, res));
    if (this.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = this.keepAliveTimeoutMs;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error(`${this.constructor.name} not started`);
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeHttpRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let response: FakeHttpResponse;
    try {
      response = await this.answer(request);
    } catch (err) {
      response = { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake crashed: ${String(err)}` };
    }
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }
}
