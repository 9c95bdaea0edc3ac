/**
 * Long answers share the event loop: a handler yields between series, services and queries so /api/health and
 * every other request get their turn, and stops at the next yield once its client has gone away.
 */
import type { ServerResponse } from 'node:http';

export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('the client closed the connection before the answer was ready');
  }
}

/**
 * Waiting pieces of work, first come first served, one per event-loop turn. A plain `await setImmediate` is not
 * enough: 50 queries yielding together are all resumed in the same check phase, back to back, and a health check
 * waits for all 50 pieces. Released one per turn, it waits for one.
 */
const waiting: Array<() => void> = [];

function releaseNext(): void {
  waiting.shift()?.();
  // Queued from inside a check-phase callback, this runs on the next turn, after that turn's I/O.
  if (waiting.length > 0) setImmediate(releaseNext);
}

/** Waits for a turn of the event loop of its own, then throws ClientGoneError if the client has left. */
export async function yieldToEventLoop(signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new ClientGoneError();
  await new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(releaseNext);
  });
  if (signal?.aborted) throw new ClientGoneError();
}

/**
 * Aborts when the connection closes before the response was written. The response's 'close' is the one to watch:
 * the request's own 'close' fires as soon as its body has been read (Node 16+), long before anyone left.
 */
export function signalOnClientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
