/**
 * Plumbing shared by the deployment fakes, on FakeHttpServer: real SDK clients reach them through `endpoint`.
 * Unlike gateway/tests/fakes/aws it hands the method and path to the fake, because Lambda is REST JSON and its
 * operation is in the URL. Each fake can refuse operations (AccessDenied in its protocol's shape), fail, delay,
 * and counts what it was asked.
 */
import { FakeHttpServer, type FakeHttpRequest, type FakeHttpResponse } from '../fakeHttpServer';

export interface DeployFakeRequest extends FakeHttpRequest {
  operation: string;
}

export type DeployFakeResponse = FakeHttpResponse;

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

export abstract class DeployFakeServer extends FakeHttpServer {
  protected override readonly keepAliveTimeoutMs = 1;
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

  get endpoint(): string {
    return this.url;
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

  protected async answer(request: FakeHttpRequest): Promise<DeployFakeResponse> {
    const operation = this.operationOf(request);
    let input: unknown;
    let response: DeployFakeResponse;
    try {
      input = request.body ? JSON.parse(request.body) : undefined;
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      response = this.respond(operation) ?? this.success(operation, this.handle({ ...request, operation }));
    } catch (err) {
      response =
        err instanceof FakeServiceError
          ? this.error(err.status, err.type, err.message)
          : { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake crashed: ${String(err)}` };
    }
    this.calls.push({ operation, status: response.status, input });
    return { ...response, headers: { ...response.headers, 'x-amzn-requestid': `fake-${this.calls.length}` } };
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
