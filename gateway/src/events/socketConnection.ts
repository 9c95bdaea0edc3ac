/**
 * One WebSocket client of the event stream: one text message per event. Like SseConnection, a client that falls too
 * far behind is dropped rather than allowed to grow the gateway's memory; it reconnects with `?lastEventId=` and
 * replays from the durable log. Pings find peers that vanished without closing (a laptop lid, a dead NAT entry).
 */
import type { WebSocket } from 'ws';
import type { OpsdeckEvent } from '@opsdeck/contract';
import type { BroadcastBatch, BroadcastEvent } from './eventBroadcaster';
import type { EventSink } from './eventSubscription';
import { DEFAULT_MAX_QUEUED_FRAMES } from './sseConnection';
import { DrainWaiters } from './drainWaiters';

/** How long a closing handshake may take before the socket is cut (ws itself would wait 30 s). */
const CLOSE_GRACE_MS = 1000;

// Broadcast events are shared by every subscriber: encode each once, not once per socket.
const encoded = new WeakMap<OpsdeckEvent, Buffer>();
function message(event: OpsdeckEvent): Buffer {
  let bytes = encoded.get(event);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(event));
    encoded.set(event, bytes);
  }
  return bytes;
}

export class SocketConnection implements EventSink {
  /**
   * Messages handed to ws whose bytes have not reached the kernel yet. Counted in messages, not bytes: the buffers
   * are shared, so a lagging client costs a queue entry per message.
   */
  private unsent = 0;
  private readonly drainWaiters = new DrainWaiters();
  private answeredPing = true;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly onClose: () => void,
    private readonly maxQueuedEvents = DEFAULT_MAX_QUEUED_FRAMES
  ) {
    socket.on('close', () => this.close());
    socket.on('pong', () => {
      this.answeredPing = true;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(item: BroadcastEvent): void {
    if (this.closed) {
      return;
    }
    if (this.unsent >= this.maxQueuedEvents) {
      this.end();
      return;
    }
    this.unsent++;
    this.socket.send(message(item.event), { binary: false }, this.written);
  }

  sendBatch(batch: BroadcastBatch): void {
    for (const item of batch.events) this.send(item);
  }

  drained(): Promise<void> {
    if (this.closed || this.unsent === 0) {
      return Promise.resolve();
    }
    return this.drainWaiters.wait();
  }

  /** Called every heartbeat: a peer that has not answered the previous ping is gone. */
  ping(): void {
    if (this.closed) {
      return;
    }
    if (!this.answeredPing) {
      this.end();
      return;
    }
    this.answeredPing = false;
    this.socket.ping();
  }

  /** Drops the client at once: one that does not read would never take a close frame from its full buffers. */
  end(): void {
    this.close();
    this.socket.terminate();
  }

  /** A closing handshake (1001 at shutdown, 1011 when the replay failed), cut short if the peer does not answer. */
  closeWith(code: number, reason: string): void {
    if (this.closed) {
      return;
    }
    this.close();
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private readonly written = (): void => {
    this.unsent--;
    if (this.unsent === 0) this.drainWaiters.wake();
  };

  private close(): void {
    if (!this.closed) {
      this.closed = true;
      this.drainWaiters.wake();
      this.onClose();
    }
  }
}
