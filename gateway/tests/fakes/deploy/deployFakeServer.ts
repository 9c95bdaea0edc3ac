/**
 * Plumbing shared by the deployment fakes: a node:http server on 127.0.0.1:0 that real SDK clients reach through
 * `endpoint`. Unlike gateway/tests/fakes/aws it hands the method and path to the fake, because Lambda is REST JSON and its
 * operation is in the URL. Each fake can refuse operations (AccessDenied in its protocol's shape), fail, delay,
 * and counts what it was asked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DeployFakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  operation: string;
}

export interface DeployFakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DeployFakeCall {
  operation: string;
  status: number;
  /** Parsed JSON body of the request (undefined for GETs), so tests can assert exactly what was sent. */
  input: unknown;
}

/** Thrown by a fake's handler to answer with the protocol's modeled error. */
export class FakeServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string
  ) {
    super(message);
  }
}

export abstract class DeployFakeServer {
  private server: http.Server | undefined;
  readonly calls: DeployFakeCall[] = [];
  private readonly refused = new Set<string>();
  private readonly failing = new Map<string, number>();
  private delayMs = 0;

  protected abstract operationOf(request: Omit<DeployFakeRequest, 'operation'>): string;
  protected abstract handle(request: DeployFakeRequest): unknown;
  /** Success body → wire response in the protocol's spelling. */
  protected abstract success(operation: string, body: unknown): DeployFakeResponse;
  protected abstract error(status: number, type: string, message: string): DeployFakeResponse;

  /** Answer these operations with AccessDeniedException from now on, as a role without the permission would. */
  refuse(...operations: string[]): this {
    for (const operation of operations) this.refused.add(operation);
    return this;
  }

  /** Answer the next `n` calls of `operation` with a 500 InternalFailure. */
  failNext(operation: string, n = 1): this {
    this.failing.set(operation, n);
    return this;
  }

  delay(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  heal(): this {
    this.refused.clear();
    this.failing.clear();
    this.delayMs = 0;
    return this;
  }

  callsTo(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  /** Inputs of successful calls to `operation`, in order. */
  inputsOf(operation: string): unknown[] {
    return this.calls.filter((c) => c.operation === operation && c.status < 300).map((c) => c.input);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    // Keep-alive sockets would hold jest open after stop(); the SDK reconnects cheaply on loopback.
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.endpoint;
  }

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake deploy server not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private respond(operation: string): DeployFakeResponse | undefined {
    if (this.refused.has(operation)) {
      return this.error(
        this.accessDeniedStatus,
        'AccessDeniedException',
        `User: arn:aws:sts::123456789012:assumed-role/opsdeck/test is not authorized to perform: ${operation}`
      );
    }
    const failing = this.failing.get(operation) ?? 0;
    if (failing > 0) {
      this.failing.set(operation, failing - 1);
      return this.error(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
    }
    return undefined;
  }

  /** JSON 1.1 services send AccessDenied as 400; REST services (Lambda) as 403. */
  protected get accessDeniedStatus(): number {
    return 400;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const partial = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const operation = this.operationOf(partial);
    let input: unknown;
    let response: DeployFakeResponse;
    try {
      input = partial.body ? JSON.parse(partial.body) : undefined;
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      response = this.respond(operation) ?? this.success(operation, this.handle({ ...partial, operation }));
    } catch (err) {
      response =
        err instanceof FakeServiceError
          ? this.error(err.status, err.type, err.message)
          : { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake crashed: ${String(err)}` };
    }
    this.calls.push({ operation, status: response.status, input });
    res.writeHead(response.status, { ...response.headers, 'x-amzn-requestid': `fake-${this.calls.length}` });
    res.end(response.body);
  }
}

/** AWS JSON 1.1: the operation is the x-amz-target suffix, errors carry __type. */
export abstract class Json11FakeServer extends DeployFakeServer {
  protected operationOf(request: Omit<DeployFakeRequest, 'operation'>): string {
    const target = String(request.headers['x-amz-target'] ?? '');
    return target.slice(target.lastIndexOf('.') + 1);
  }

  protected success(_operation: string, body: unknown): DeployFakeResponse {
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body ?? {}) };
  }

  protected error(status: number, type: string, message: string): DeployFakeResponse {
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: type, message }),
    };
  }
}

/** Epoch seconds with milliseconds, the JSON protocols' timestamp format. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
