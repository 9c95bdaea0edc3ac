/** A minimal server-sent-events reader for tests: collects messages and waits for the ones expected. */
import http from 'node:http';

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
  /** Date.now() when the message was read. */
  at: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  /** Comment lines seen (heartbeats). */
  comments: string[];
  /** Resolves once `count` messages have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Resolves when the server ends the stream or the connection breaks (not on close()). */
  ended: Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  return new Promise((resolve, reject) => {
    // node:http rather than fetch: an aborted fetch leaves its socket to undici's keep-alive timer, which then
    // holds the server's close() for seconds.
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      let closing = false;
      const ended = new Promise<void>((resolveEnd) => {
        const end = () => (closing ? undefined : resolveEnd());
        response.on('end', end);
        response.on('close', end);
        response.on('error', end);
      });
      const stream: SseStream = {
        status: response.statusCode ?? 0,
        headers: new Headers(
          Object.entries(response.headers).flatMap(([k, v]) =>
            v === undefined ? [] : [[k, String(v)] as [string, string]]
          )
        ),
        messages,
        comments,
        waitFor(count, timeoutMs = 10_000) {
          return new Promise((resolveWait, rejectWait) => {
            const check = () => {
              if (messages.length >= count) {
                waiters.delete(check);
                clearTimeout(timer);
                resolveWait(messages.slice(0, count));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              rejectWait(new Error(`expected ${count} SSE messages within ${timeoutMs} ms, got ${messages.length}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        ended,
        close: () => {
          closing = true;
          request.destroy();
        },
      };
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { data: '', at: Date.now() };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              message.data += line.slice(6);
              hasData = true;
            }
          }
          if (hasData) messages.push(message);
          for (const waiter of [...waiters]) waiter();
        }
      });
      response.on('error', () => undefined);
      resolve(stream);
    });
    request.on('error', (error) => {
      if (!request.destroyed || messages.length === 0) reject(error);
    });
  });
}
