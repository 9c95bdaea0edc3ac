/**
 * GET /api/events: the durable event log as server-sent events. `Last-Event-ID` (or `?lastEventId=`, for clients
 * such as Grafana's proxy path where EventSource cannot set headers on a fresh connection) replays every event after
 * that id from the database, then the stream goes live from the in-process broadcaster without gap or duplicate.
 */
import type { FastifyInstance } from 'fastify';
import { EVENTS_HEARTBEAT_MS, EVENTS_PATH } from '@opsdeck/contract';
import { openStream, type StreamSource } from './eventSubscription';
import { SseConnection } from './sseConnection';
import { isStreamRequest, parseStreamRequest } from './streamRequest';

// Tells EventSource how long to wait before reconnecting after the stream drops.
const RETRY_MS = 2000;

export interface EventsRouteDeps extends StreamSource {
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
    const streamRequest = parseStreamRequest(request.headers, request.query);
    if (!isStreamRequest(streamRequest)) {
      return reply.code(400).send(streamRequest);
    }

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

    const { connection, subscription } = openStream(
      deps,
      streamRequest,
      connections,
      (onClose) => new SseConnection(raw, onClose, deps.maxQueuedEvents)
    );
    connection.write(`retry: ${RETRY_MS}\n: connected\n\n`, 0);
    try {
      await subscription.catchUp();
    } catch (error) {
      request.log.warn({ err: error }, 'event replay failed; closing the stream so the client retries');
      connection.end();
    }
  });
}
