/**
 * GET /api/events: the durable event log as server-sent events. `Last-Event-ID` (or `?lastEventId=`, for clients
 * such as Grafana's proxy path where EventSource cannot set headers on a fresh connection) replays every event after
 * that id from the database, then the stream goes live from the in-process broadcaster without gap or duplicate.
 */
import type { FastifyInstance } from 'fastify';
import {
  EVENTS_HEARTBEAT_MS,
  EVENTS_LAST_EVENT_ID_PARAM,
  EVENTS_PATH,
  type ApiError,
  type OpsdeckEventType,
} from '@/contract';
import type { Store } from '../store';
import { sseFrame, type BroadcastBatch, type BroadcastEvent, type EventBroadcaster } from './eventBroadcaster';
import { SseConnection } from './sseConnection';

const REPLAY_PAGE = 1000;
// Tells EventSource how long to wait before reconnecting after the stream drops.
const RETRY_MS = 2000;

export interface EventsRouteDeps {
  store: Pick<Store, 'listEventsSince'>;
  broadcaster: EventBroadcaster;
  heartbeatMs?: number;
  /** How far (in events) a client may fall behind before it is dropped; it then reconnects and replays. */
  maxQueuedEvents?: number;
}

export function eventsRoute(app: FastifyInstance, deps: EventsRouteDeps): void {
  const connections = new Set<SseConnection>();
  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.write(': heartbeat\n\n', 0);
  }, deps.heartbeatMs ?? EVENTS_HEARTBEAT_MS);
  heartbeat.unref();
  // Open streams would keep app.close() waiting forever; end them first (clients reconnect to the next process).
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const connection of connections) connection.end();
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(EVENTS_PATH, async (request, reply) => {
    const after = parseLastEventId(request.headers['last-event-id'], request.query[EVENTS_LAST_EVENT_ID_PARAM]);
    if (after === 'invalid') {
      return reply
        .code(400)
        .send({ error: 'Last-Event-ID must be a whole number', field: 'lastEventId' } satisfies ApiError);
    }
    const types = parseTypes(request.query.types);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // The socket lives exactly as long as the stream: ending it (shutdown, slow client) then frees the socket at
      // once instead of leaving an idle keep-alive connection that would hold app.close() open.
      Connection: 'close',
      // Reverse proxies (nginx) otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    raw.socket?.setNoDelay(true);

    // Subscribe before replaying: events committed during the replay wait in `pending` and are deduplicated by id.
    let cursor = after ?? deps.broadcaster.deliveredId;
    let pending: BroadcastEvent[] | undefined = after === undefined ? undefined : [];
    const send = (items: BroadcastEvent[]) => {
      for (const { event, frame } of items) {
        if (event.id > cursor) {
          cursor = event.id;
          if (!types || types.has(event.type)) connection.write(frame);
        }
      }
    };
    const receive = (batch: BroadcastBatch) => {
      if (pending) {
        pending.push(...batch.events);
      } else if (!types && batch.events[0].event.id > cursor) {
        // The common case: the whole batch is new and wanted, so the shared encoded bytes go out as they are.
        cursor = batch.events[batch.events.length - 1].event.id;
        connection.write(batch.bytes, batch.events.length);
      } else {
        send(batch.events);
      }
    };
    const unsubscribe = deps.broadcaster.subscribe(receive);
    const connection = new SseConnection(
      raw,
      () => {
        unsubscribe();
        connections.delete(connection);
      },
      deps.maxQueuedEvents
    );
    connections.add(connection);
    connection.write(`retry: ${RETRY_MS}\n: connected\n\n`, 0);

    if (pending) {
      try {
        for (;;) {
          const page = await deps.store.listEventsSince(cursor, REPLAY_PAGE);
          send(page.map((event) => ({ event, frame: sseFrame(event) })));
          if (page.length < REPLAY_PAGE || connection.isClosed) break;
        }
      } catch (error) {
        request.log.warn({ err: error }, 'event replay failed; closing the stream so the client retries');
        connection.end();
        return;
      }
      const live = pending;
      pending = undefined;
      send(live);
    }
  });
}

function parseLastEventId(
  header: string | string[] | undefined,
  query: string | undefined
): number | undefined | 'invalid' {
  const value = (Array.isArray(header) ? header[0] : header) ?? query;
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : 'invalid';
}

/** `?types=alert.changed,incident.changed` narrows the stream; absent = every type. */
function parseTypes(value: string | undefined): Set<OpsdeckEventType> | undefined {
  const types = value
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return types && types.length > 0 ? new Set(types as OpsdeckEventType[]) : undefined;
}
