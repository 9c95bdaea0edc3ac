/**
 * One server-sent-events client. Writes go straight to the socket while it keeps up; when the socket's buffer is
 * full, frames wait here until 'drain'. A client that falls too far behind is disconnected rather than allowed to
 * grow the gateway's memory: its EventSource reconnects with Last-Event-ID and replays from the durable log.
 */
import type { ServerResponse } from 'node:http';

const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

export class SseConnection {
  private readonly queue: string[] = [];
  private queuedBytes = 0;
  private waitingForDrain = false;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly onClose: () => void
  ) {
    response.on('close', () => this.close());
    response.on('drain', () => this.flush());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  write(text: string): void {
    if (this.closed) {
      return;
    }
    if (this.waitingForDrain) {
      this.queue.push(text);
      this.queuedBytes += text.length;
      if (this.queuedBytes > MAX_QUEUED_BYTES) {
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
      this.close();
    }
  }

  private flush(): void {
    this.waitingForDrain = false;
    while (this.queue.length > 0 && !this.waitingForDrain && !this.closed) {
      const text = this.queue.shift() as string;
      this.queuedBytes -= text.length;
      if (!this.response.write(text)) {
        this.waitingForDrain = true;
      }
    }
  }

  private close(): void {
    if (!this.closed) {
      this.closed = true;
      this.queue.length = 0;
      // A client gone mid-stream may leave a half-open socket; free it now rather than at the OS's timeout.
      if (!this.response.writableEnded) {
        this.response.destroy();
      }
      this.onClose();
    }
  }
}
