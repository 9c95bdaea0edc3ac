/**
 * Posting normalised events to the gateway: batches of at most AWS_EVENTS_MAX_BATCH events and MAX_BODY_BYTES,
 * each retried with capped exponential backoff (full jitter, the gateway's Retry-After as the floor) on a network
 * error, a timeout, a 5xx, 408 or 429 (API Gateway's throttling answers 429, and a throttled event is not a bad one).
 * Any other 4xx is final: retrying the same bytes gets the same answer. A 400 or 413 on a batch of several is split
 * in halves and retried, so one event the gateway refuses does not take the others down with it.
 */
import type { AwsEvent, AwsEventsResponse } from '@opsdeck/contract';

/** contract/src/awsEvents.ts AWS_EVENTS_WEBHOOK_PATH and AWS_EVENTS_MAX_BATCH (a test holds them equal): no runtime import. */
export const WEBHOOK_PATH = '/webhooks/aws-events';
export const MAX_BATCH = 100;
/** Well under the gateway's default webhook body limit (1 MiB); one EventBridge event is at most 256 KiB. */
export const MAX_BODY_BYTES = 512 * 1024;

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface DeliveryOptions {
  /** The gateway's base URL (a path prefix such as an API Gateway stage is kept). */
  gatewayUrl: string;
  token: string;
  log: Logger;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1): the jitter. */
  random?: () => number;
  /** Tries per batch, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  /** Milliseconds left in the invocation: no retry is started that could not finish in time. */
  remainingMs?: () => number;
}

/** One event and what it stands for to the caller (the SQS message id, or the raw event's id). */
export interface Item {
  key: string;
  event: AwsEvent;
}

export type PostOutcome =
  | { kind: 'delivered'; response: AwsEventsResponse | undefined }
  | { kind: 'rejected'; status: number; error: string }
  | { kind: 'failed'; reason: string };

export interface DeliveryResult {
  delivered: string[];
  /** Refused by the gateway with a final 4xx: logged, not retried. */
  dropped: string[];
  /** Still undelivered after the retries (or not tried once the gateway proved unreachable): retry later. */
  failed: string[];
}

const DEFAULTS = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, requestTimeoutMs: 10_000 };
const RETRYABLE_4XX = new Set([408, 429]);
/** Left for the function to answer after the last try. */
const SAFETY_MS = 1_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function endpoint(gatewayUrl: string): string {
  return `${gatewayUrl.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
}

/** Retry-After in seconds (the gateway's 503) or an HTTP date, as milliseconds from now. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function errorOf(text: string): string {
  try {
    // The gateway's JSON errors name the field at fault in the message.
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: the text itself, cut
  }
  return text.slice(0, 300);
}

/** One batch, retried until delivered, refused for good, or out of tries or time. */
export async function postBatch(events: readonly AwsEvent[], options: DeliveryOptions): Promise<PostOutcome> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const body = JSON.stringify({ events });
  let reason = 'not tried';
  for (let attempt = 1; ; attempt++) {
    let floorMs: number | undefined;
    try {
      const response = await doFetch(endpoint(options.gatewayUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (response.ok) {
        let parsed: AwsEventsResponse | undefined;
        try {
          parsed = JSON.parse(text) as AwsEventsResponse;
        } catch {
          parsed = undefined;
        }
        return { kind: 'delivered', response: parsed };
      }
      if (response.status < 500 && !RETRYABLE_4XX.has(response.status)) {
        return { kind: 'rejected', status: response.status, error: errorOf(text) };
      }
      reason = `HTTP ${response.status}: ${errorOf(text)}`;
      floorMs = retryAfterMs(response.headers.get('retry-after'));
    } catch (error) {
      reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (attempt >= maxAttempts) return { kind: 'failed', reason: `${reason} (after ${attempt} tries)` };
    const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.min(maxDelayMs, Math.max(backoff, floorMs ?? 0));
    const left = options.remainingMs?.();
    if (left !== undefined && left - delay - timeoutMs < SAFETY_MS) {
      return { kind: 'failed', reason: `${reason} (no time left for try ${attempt + 1})` };
    }
    options.log.warn('gateway did not take the batch; retrying', { attempt, delayMs: Math.round(delay), reason });
    await sleep(delay);
  }
}

/** Splits into batches of at most MAX_BATCH events and MAX_BODY_BYTES of JSON, in order. */
export function batches(items: readonly Item[]): Item[][] {
  const out: Item[][] = [];
  let current: Item[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item.event)) + 1;
    if (current.length > 0 && (current.length >= MAX_BATCH || bytes + size > MAX_BODY_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Delivers every item: batch by batch, in order. Once one batch fails after its retries the gateway is taken to be
 * unreachable and the rest are failed without a try, so the invocation ends instead of retrying each in turn.
 */
export async function deliver(items: readonly Item[], options: DeliveryOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: [], dropped: [], failed: [] };
  const queue = batches(items);
  let unreachable = false;
  while (queue.length > 0) {
    const batch = queue.shift()!;
    const keys = batch.map((item) => item.key);
    if (unreachable) {
      result.failed.push(...keys);
      continue;
    }
    const outcome = await postBatch(
      batch.map((item) => item.event),
      options
    );
    if (outcome.kind === 'delivered') {
      result.delivered.push(...keys);
      const results = outcome.response?.results ?? [];
      const count = (what: string) => results.filter((r) => r.outcome === what).length;
      options.log.info('delivered', {
        events: batch.length,
        stored: count('stored'),
        duplicate: count('duplicate'),
        ignored: results.filter((r) => r.outcome === 'ignored').map((r) => ({ id: r.id, reason: r.reason })),
      });
    } else if (outcome.kind === 'rejected' && (outcome.status === 400 || outcome.status === 413) && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      options.log.warn('gateway refused a batch; sending it in halves', {
        status: outcome.status,
        error: outcome.error,
      });
      queue.unshift(batch.slice(0, half), batch.slice(half));
    } else if (outcome.kind === 'rejected') {
      result.dropped.push(...keys);
      options.log.error('gateway refused the events; dropped', {
        status: outcome.status,
        error: outcome.error,
        events: batch.map((item) => ({ id: item.event.id, kind: item.event.kind, detailType: item.event.detailType })),
      });
    } else {
      unreachable = true;
      result.failed.push(...keys);
      options.log.error('gateway unreachable; the events are left to be retried', { reason: outcome.reason });
    }
  }
  return result;
}
