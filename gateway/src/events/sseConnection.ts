/**
 * One server-sent-events client. Writes go straight to the socket while it keeps up; when the socket's buffer is
 * full, frames wait here until 'drain'. A client that falls too far behind is disconnected rather than allowed to
 * grow the gateway's memory: its EventSource reconnects with Last-Event-ID and replays from the durable log.
 */
import type { ServerResponse } from 'node:http';
import type { BroadcastBatch, BroadcastEvent } from './eventBroadcaster';
import type { EventSink } from './eventSubscription';
import { DrainWaiters } from './drainWaiters';

/**
 * Frames a client may lag behind before it is dropped. Counted in frames, not bytes: the frame strings are shared
 * by every subscriber, so a lagging client costs an array slot per frame. It must exceed the largest burst a single
 * broadcast delivers at once (a page of the log), or a healthy client would be cut during a burst.
 */
export const DEFAULT_MAX_QUEUED_FRAMES = 20_000;

export class SseConnection implements EventSink {
  private readonly queue: Array<string | Buffer> = [];
  /** Events held in `queue` (one entry may carry a whole broadcast batch). */
  private queuedEvents = 0;
  private readonly queuedCounts: number[] = [];
  private waitingForDrain = false;
  private closed = false;
  private readonly drainWaiters = new DrainWaiters();

  constructor(
    private readonly response: ServerResponse,
    private readonly onClose: () => void,
    private readonly maxQueuedFrames = DEFAULT_MAX_QUEUED_FRAMES
  ) {
    response.on('close', () => this.close());
    response.on('drain', () => this.flush());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(item: BroadcastEvent): void {
    this.write(item.frame);
  }

  sendBatch(batch: BroadcastBatch): void {
    this.write(batch.bytes, batch.events.length);
  }

  drained(): Promise<void> {
    if (this.closed || !this.waitingForDrain) {
      return Promise.resolve();
    }
    return this.drainWaiters.wait();
  }

  /** `events`: how many events `text` carries (0 for comments), for the lag limit. */
  write(text: string | Buffer, events = 1): void {
    if (this.closed) {
      return;
    }
    if (this.waitingForDrain) {
      this.queue.push(text);
      this.queuedCounts.push(events);
      this.queuedEvents += events;
      if (this.queuedEvents > this.maxQueuedFrames) {
        this.end();
      }
      return;
    }
    if (!this.response.write(text)) {
      this.waitingForDrain = true;
    }
  }

  end(): void {
    if (!this.closed) {
      this.response.end();
      // A client that is not reading never lets the end flush; do not let it hold the socket (or a shutdown) open.
      setTimeout(() => this.response.socket?.destroy(), 1000).unref();
      this.close();
    }
  }

  private flush(): void {
    this.waitingForDrain = false;
    let next = 0;
    while (next < this.queue.length && !this.waitingForDrain && !this.closed) {
      if (!this.response.write(this.queue[next++])) {
        this.waitingForDrain = true;
      }
    }
    this.queue.splice(0, next);
    for (const events of this.queuedCounts.splice(0, next)) this.queuedEvents -= events;
    if (!this.waitingForDrain) {
      this.drainWaiters.wake();
    }
  }

  private close(): void {
    if (!this.closed) {
      this.closed = true;
      this.queue.length = 0;
      this.queuedCounts.length = 0;
      this.queuedEvents = 0;
      this.drainWaiters.wake();
      // A client gone mid-stream may leave a half-open socket; free it now rather than at the OS's timeout.
      if (!this.response.writableEnded) {
        this.response.destroy();
      }
      this.onClose();
    }
  }
}
