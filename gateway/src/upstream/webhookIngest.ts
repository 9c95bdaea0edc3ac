/**
 * What an upstream that sends webhooks provides (its descriptor's `webhook`): a check on the raw bytes and headers,
 * and a parser into the vendor-neutral model. The route itself (alerts/webhookRoutes.ts) is the same for all.
 */
import { createHash } from 'node:crypto';
import type { IngestBatch, ParseContext } from './alertIngest';
import { WebhookAuthError } from './parse/errors';
import { verifyBearer } from './sharedSecret';

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface ParsedDelivery {
  /** The idempotency key: from authenticated bytes only, and what the sender repeats on a retry. */
  deliveryId: string;
  batch?: IngestBatch;
  confirmed?: boolean;
}

export interface WebhookIngest {
  /** Throws WebhookAuthError when the request is not from the configured sender. */
  authenticate(headers: RequestHeaders, raw: Buffer): void;
  /** Gets the body alone, never the request, so no header can reach the key, the alerts or the timeline. */
  parse(raw: Buffer, ctx: ParseContext): Promise<ParsedDelivery>;
}

/** A header's value as one string (repeated headers joined), or undefined. */
export function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** A delivery identified by its bytes alone, for senders that give no delivery id. */
export function bodyHash(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** The Alertmanager and Grafana check: the bearer token authenticates the whole request, body included. */
export function requireWebhookBearer(headers: RequestHeaders, accepted: string[]): void {
  if (!verifyBearer(header(headers, 'authorization'), accepted)) {
    throw new WebhookAuthError('missing or wrong Authorization: Bearer <OPSDECK_WEBHOOK_TOKEN>');
  }
}
