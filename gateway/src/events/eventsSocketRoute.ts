/**
 * GET /api/events/ws: the stream of GET /api/events over WebSocket, for direct clients. The upgrade request passes
 * through Fastify's routing and hooks like any request, so the bearer-token guard refuses it (401 JSON) before
 * anything is upgraded, and a bad `lastEventId` gets a 400 rather than a socket that closes at once.
 */
import type { IncomingMessage } from 'node:http';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { EVENTS_HEARTBEAT_MS, EVENTS_PATH, EVENTS_SOCKET_PATH, type ApiError } from '@opsdeck/contract';
import { openStream, type StreamSource } from './eventSubscription';
import { SocketConnection } from './socketConnection';
import { isStreamRequest, parseStreamRequest, type StreamRequest } from './streamRequest';

// Clients only listen; a large message from one is refused instead of buffered.
const MAX_CLIENT_MESSAGE_BYTES = 1024;

export interface EventsSocketRouteDeps extends StreamSource {
  /** Ping interval; a peer that has not answered by the next ping is dropped. */
  heartbeatMs?: number;
  /** How far (in events) a client may fall behind before it is dropped; it then reconnects and replays. */
  maxQueuedEvents?: number;
}

type StreamQuery = { Querystring: Record<string, string | undefined> };

/** Registers @fastify/websocket on `app` (once per app) and the route. */
export async function eventsSocketRoute(app: FastifyInstance, deps: EventsSocketRouteDeps): Promise<void> {
  const connections = new Set<SocketConnection>();
  let closing = false;
  const keepalive = setInterval(() => {
    for (const connection of connections) connection.ping();
  }, deps.heartbeatMs ?? EVENTS_HEARTBEAT_MS);
  keepalive.unref();

  // Node hands the socket of a request that came through 'upgrade' over entirely, so after a plain answer (the token
  // guard's 401, a 404) nothing would close it, and an open socket holds app.close() forever. The plugin closes only
  // those that reached its own onRequest hook, which runs after the token guard's. Upgraded sockets never get here.
  const upgradeRequests = new WeakSet<IncomingMessage>();
  app.server.on('upgrade', (request: IncomingMessage) => upgradeRequests.add(request));
  app.addHook('onResponse', async (request) => {
    if (upgradeRequests.has(request.raw)) request.raw.socket.destroy();
  });

  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES },
    // Instead of the plugin's default, which closes sockets with no deadline: a peer that never answers the closing
    // handshake would hold app.close() for ws's 30 s close timeout.
    preClose: async () => {
      closing = true;
      clearInterval(keepalive);
      for (const connection of connections) connection.closeWith(1001, 'gateway shutting down');
    },
    // A peer that vanishes mid-frame is routine, not an error worth the gateway's error log.
    errorHandler: (error, socket, request) => {
      request.log.debug({ err: error }, 'event socket failed');
      socket.terminate();
    },
  });

  app.route<StreamQuery>({
    method: 'GET',
    url: EVENTS_SOCKET_PATH,
    preHandler: async (request, reply) => {
      const parsed = parseStreamRequest(request.headers, request.query);
      if (!isStreamRequest(parsed)) {
        return reply.code(400).send(parsed);
      }
    },
    handler: async (_request, reply) =>
      reply
        .code(426)
        .header('Upgrade', 'websocket')
        .send({
          error: `${EVENTS_SOCKET_PATH} needs a WebSocket upgrade; ${EVENTS_PATH} serves the stream as SSE`,
        } satisfies ApiError),
    wsHandler: (socket, request) => {
      // Validated in preHandler, before the upgrade.
      const streamRequest = parseStreamRequest(request.headers, request.query) as StreamRequest;
      const { connection, subscription } = openStream(
        deps,
        streamRequest,
        connections,
        (onClose) => new SocketConnection(socket, onClose, deps.maxQueuedEvents)
      );
      // An upgrade that completes while the gateway closes would otherwise miss the shutdown and hold it open.
      if (closing) {
        connection.closeWith(1001, 'gateway shutting down');
        return;
      }
      subscription.catchUp().catch((error: unknown) => {
        request.log.warn({ err: error }, 'event replay failed; closing the socket so the client retries');
        connection.closeWith(1011, 'event replay failed');
      });
    },
  });
}
