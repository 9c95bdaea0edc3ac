/**
 * A sender whose body is over a limit must be able to read the 413. Fastify answers as soon as the limit is
 * crossed and closes the connection while the sender is still writing; closing a socket with unread input makes
 * the kernel reset the connection, and a sender that reads only once its body is written never sees the answer.
 * So a 413 goes out only after the rest of the body has been read and thrown away, with `Connection: close`; the
 * reading comes first because Node closes the socket as soon as such an answer is written. The wait is bounded
 * (bytes and time) so a sender cannot hold the connection: past the bound the 413 goes anyway and the connection
 * is closed, reset or not.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface DrainBounds {
  maxBytes: number;
  maxMs: number;
}

export const DEFAULT_DRAIN_BOUNDS: DrainBounds = { maxBytes: 64 * 1024 * 1024, maxMs: 10_000 };

/** Registers the root hook; call before any route or plugin so every route inherits it. */
export function drainBeforeTooLarge(app: FastifyInstance, bounds: DrainBounds = DEFAULT_DRAIN_BOUNDS): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 413) {
      reply.header('connection', 'close');
      await drain(request.raw, bounds);
    }
    return payload;
  });
}

function drain(request: IncomingMessage, { maxBytes, maxMs }: DrainBounds): Promise<void> {
  if (request.complete || request.destroyed) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let read = 0;
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > maxBytes) finish();
    };
    const finish = () => {
      clearTimeout(timer);
      request.off('data', onData).off('end', finish).off('close', finish).off('error', finish);
      resolve();
    };
    const timer = setTimeout(finish, maxMs);
    timer.unref();
    request.on('data', onData).once('end', finish).once('close', finish).once('error', finish);
  });
}
