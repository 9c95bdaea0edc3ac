/** A WebSocket client of the event stream for tests (the real `ws` client): collects events, waits for the expected. */
import WebSocket, { type ClientOptions } from 'ws';
import type { OpsdeckEvent } from '@opsdeck/contract';

export interface EventSocket {
  socket: WebSocket;
  /** Message texts as received. */
  texts: string[];
  events: OpsdeckEvent[];
  /** Resolves once `count` events have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<OpsdeckEvent[]>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a socket; rejects with the status and body when the server answers the upgrade with anything but 101. */
export function openEventSocket(
  url: string,
  headers: Record<string, string> = {},
  options: ClientOptions = {}
): Promise<EventSocket> {
  const socket = new WebSocket(url, { ...options, headers });
  const texts: string[] = [];
  const events: OpsdeckEvent[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  );
  socket.on('message', (data, isBinary) => {
    // Every message must be a text frame; a binary one shows up in `texts` for the test to see, not as an event.
    const text = isBinary ? '<binary message>' : data.toString();
    texts.push(text);
    if (!isBinary) events.push(JSON.parse(text) as OpsdeckEvent);
    for (const waiter of [...waiters]) waiter();
  });
  const stream: EventSocket = {
    socket,
    texts,
    events,
    closed,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(events.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} events within ${timeoutMs} ms, got ${events.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(stream));
    socket.once('error', reject);
    socket.once('unexpected-response', (request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        request.destroy();
        reject(new UpgradeRefused(response.statusCode ?? 0, body));
      });
    });
  });
}

export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string
  ) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

/** The refusal a socket open ends in (fails the test if the upgrade succeeded). */
export async function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<UpgradeRefused> {
  try {
    const opened = await openEventSocket(url, headers);
    opened.socket.terminate();
  } catch (error) {
    if (error instanceof UpgradeRefused) return error;
    throw error;
  }
  throw new Error(`${url} was upgraded; expected a refusal`);
}
