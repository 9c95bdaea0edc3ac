/**
 * JSON over HTTP for the incident vendors' REST APIs, with the one retry rule they share: a 429 is retried after
 * the wait the response asks for (PagerDuty `ratelimit-reset` seconds, else `Retry-After`, else a doubling backoff),
 * a bounded number of times. Other failures are not retried: a write might have been applied.
 */

export interface JsonHttpOptions {
  baseUrl: string;
  /** Headers sent on every request (authorisation, Accept). */
  headers: Record<string, string>;
  /** 429 retries before giving up. */
  maxRetries?: number;
  /** Longest wait honoured for one retry; a longer ask fails the call instead of hanging a user's request. */
  maxWaitMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Names the vendor in errors. */
  vendor: string;
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | Array<string | number> | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface JsonResult<T> {
  status: number;
  body: T;
}

/** A vendor answered an error (or could not be reached); the message is the vendor's own, made readable. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly vendor: string,
    /** HTTP status, or 0 when the vendor could not be reached. */
    readonly status: number,
    message: string
  ) {
    super(`${vendor}: ${message}`);
  }
}

const DEFAULT_BACKOFF_MS = 500;

export class JsonHttp {
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** 429 answers seen (and retried or not), for metrics and tests. */
  rateLimited = 0;

  constructor(private readonly options: JsonHttpOptions) {
    this.maxRetries = options.maxRetries ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Any status is returned; callers decide which are errors (e.g. Opsgenie's 404 "not processed yet"). */
  async send<T>(request: JsonRequest): Promise<JsonResult<T>> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetchOnce(request);
      if (response.status !== 429 || attempt >= this.maxRetries) {
        const text = await response.text();
        return { status: response.status, body: (text ? safeJson(text) : undefined) as T };
      }
      this.rateLimited += 1;
      await response.arrayBuffer();
      const waitMs = retryWaitMs(response.headers, attempt);
      if (waitMs > this.maxWaitMs) {
        throw new UpstreamError(
          this.options.vendor,
          429,
          `rate limited; retry allowed only after ${Math.ceil(waitMs / 1000)} s`
        );
      }
      await this.sleep(waitMs);
    }
  }

  /** Like send, but a non-2xx answer throws an UpstreamError carrying the vendor's message. */
  async json<T>(request: JsonRequest): Promise<T> {
    const { status, body } = await this.send<T>(request);
    if (status < 200 || status >= 300) {
      throw new UpstreamError(this.options.vendor, status, `${status} ${vendorMessage(body)}`);
    }
    return body;
  }

  private async fetchOnce(request: JsonRequest): Promise<Response> {
    const url = new URL(request.path.replace(/^\//, ''), this.options.baseUrl.replace(/\/?$/, '/'));
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = { ...this.options.headers, ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new UpstreamError(this.options.vendor, 0, `cannot reach ${url.origin} (${cause})`);
    }
  }
}

/** PagerDuty's ratelimit-reset (seconds), then Retry-After (seconds), then a doubling backoff. */
export function retryWaitMs(headers: Headers, attempt: number): number {
  for (const name of ['ratelimit-reset', 'retry-after']) {
    const seconds = Number(headers.get(name));
    if (headers.has(name) && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  return DEFAULT_BACKOFF_MS * 2 ** attempt;
}

/** PagerDuty: {error:{message,errors[]}}; Opsgenie: {message}; JSM Operations: {errors:[{title}]}; else a dump. */
export function vendorMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const errors = (body as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((e) => typeof (e as { title?: unknown })?.title === 'string')) {
      return errors
        .map((e) => (e as { title?: unknown }).title)
        .filter((t) => typeof t === 'string')
        .join('; ');
    }
    const error = (body as { error?: { message?: unknown; errors?: unknown } }).error;
    if (error && typeof error.message === 'string') {
      const details = Array.isArray(error.errors) ? `: ${error.errors.join('; ')}` : '';
      return `${error.message}${details}`;
    }
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? null).slice(0, 200);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
