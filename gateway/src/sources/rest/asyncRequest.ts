/**
 * Asynchronous alert actions as Opsgenie and its successor Jira Service Management Operations do them: the write
 * answers 2xx with a `requestId`, and only the request-status endpoint says whether the action was applied (404 until
 * it is processed). `submitAndFollow` sends the write and follows its request until it is done, so a caller never
 * reports an action as done that the vendor refused. The vendors differ only in paths and in the status body's
 * envelope (Opsgenie wraps it in `data`, JSM does not), which each client passes in.
 */
import { UpstreamError, vendorMessage, type JsonHttp, type JsonRequest } from './jsonHttp';

export interface RequestOutcome {
  requestId: string;
  isSuccess: boolean;
  /** The vendor's words, e.g. "Acknowledged" or "Alert does not exist". */
  status: string;
  polls: number;
}

export interface RequestStatus {
  isSuccess?: boolean;
  success?: boolean;
  status?: string;
}

export interface AsyncRequestOptions {
  http: JsonHttp;
  vendor: string;
  /** GET path of a request's status. */
  statusPath: (requestId: string) => string;
  /** The status fields out of a 200 answer's body. */
  readStatus: (body: unknown) => RequestStatus | undefined;
  sleep: (ms: number) => Promise<void>;
  pollIntervalMs: number;
  pollTimeoutMs: number;
}

/** How a client follows its requests; each has a default. */
export interface PollingOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Between request polls; default 500 ms. */
  pollIntervalMs?: number;
  /** Give up following a request after this long; default 20 s. */
  pollTimeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The follower's options with the polling defaults filled in. */
export function asyncRequests(
  vendor: Omit<AsyncRequestOptions, 'sleep' | 'pollIntervalMs' | 'pollTimeoutMs'>,
  polling: PollingOptions
): AsyncRequestOptions {
  return {
    ...vendor,
    sleep: polling.sleep ?? defaultSleep,
    pollIntervalMs: polling.pollIntervalMs ?? 500,
    pollTimeoutMs: polling.pollTimeoutMs ?? 20_000,
  };
}

/** Sends the write and follows its request until the vendor has processed it. */
export async function submitAndFollow(options: AsyncRequestOptions, request: JsonRequest): Promise<RequestOutcome> {
  const accepted = await options.http.json<{ requestId?: string } | undefined>(request);
  if (!accepted?.requestId) throw new UpstreamError(options.vendor, 202, 'accepted the action without a requestId');
  return followRequest(options, accepted.requestId);
}

export async function followRequest(options: AsyncRequestOptions, requestId: string): Promise<RequestOutcome> {
  const deadline = Date.now() + options.pollTimeoutMs;
  for (let polls = 1; ; polls++) {
    const { status, body } = await options.http.send<unknown>({ path: options.statusPath(requestId) });
    if (status === 200) {
      const data = options.readStatus(body) ?? {};
      return { requestId, isSuccess: data.isSuccess ?? data.success ?? false, status: data.status ?? '', polls };
    }
    // 404 is "not processed yet"; anything else is a real error.
    if (status !== 404) throw new UpstreamError(options.vendor, status, `${status} ${vendorMessage(body)}`);
    if (Date.now() + options.pollIntervalMs > deadline) {
      throw new UpstreamError(
        options.vendor,
        504,
        `request ${requestId} not processed within ${options.pollTimeoutMs} ms`
      );
    }
    await options.sleep(options.pollIntervalMs);
  }
}

/** A processed request the vendor did not apply, as the error the action pipeline answers 502 with. */
export function requestFailed(vendor: string, outcome: RequestOutcome): UpstreamError {
  return new UpstreamError(vendor, 200, `request ${outcome.requestId} failed: ${outcome.status || 'no reason given'}`);
}
