/** What a client asks of the event stream, read the same way for GET /api/events and its WebSocket twin. */
import type { IncomingHttpHeaders } from 'node:http';
import {
  EVENTS_LAST_EVENT_ID_PARAM,
  EVENTS_VIEW_COMPACT,
  EVENTS_VIEW_PARAM,
  type ApiError,
  type OpsdeckEventType,
} from '@opsdeck/contract';

export interface StreamRequest {
  /** Replay every event after this id from the durable log first; absent = live events only. */
  after?: number;
  /** Only these types; absent = every type. */
  types?: ReadonlySet<OpsdeckEventType>;
  /** `?view=compact`: alert and incident changes folded into `alerts.delta` events (compactSink.ts). */
  compact?: boolean;
}

/**
 * `Last-Event-ID` header, or `?lastEventId=` where the client cannot set headers (EventSource's first connection,
 * browsers' WebSocket); `?types=alert.changed,incident.changed` narrows the stream.
 */
export function parseStreamRequest(
  headers: IncomingHttpHeaders,
  query: Record<string, string | undefined>
): StreamRequest | ApiError {
  const header = headers['last-event-id'];
  const value = ((Array.isArray(header) ? header[0] : header) ?? query[EVENTS_LAST_EVENT_ID_PARAM])?.trim();
  if (value !== undefined && value !== '' && !/^\d+$/.test(value)) {
    return { error: 'Last-Event-ID must be a whole number', field: EVENTS_LAST_EVENT_ID_PARAM };
  }
  // Event ids are read as JS numbers, exact up to 2^53; a larger one was never issued and would not compare exactly.
  if (value && !Number.isSafeInteger(Number(value))) {
    return {
      error: `Last-Event-ID must be at most ${Number.MAX_SAFE_INTEGER}`,
      field: EVENTS_LAST_EVENT_ID_PARAM,
    };
  }
  const view = query[EVENTS_VIEW_PARAM];
  if (view !== undefined && view !== EVENTS_VIEW_COMPACT) {
    return { error: `${EVENTS_VIEW_PARAM} must be ${EVENTS_VIEW_COMPACT} or absent`, field: EVENTS_VIEW_PARAM };
  }
  const types = query.types
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    after: value ? Number(value) : undefined,
    types: types && types.length > 0 ? new Set(types as OpsdeckEventType[]) : undefined,
    ...(view ? { compact: true } : {}),
  };
}

export function isStreamRequest(parsed: StreamRequest | ApiError): parsed is StreamRequest {
  return !('error' in parsed);
}
