import { type OpsdeckEvent, type OpsdeckEventType } from '@opsdeck/contract';

/** The part of the browser's EventSource the stream uses; tests hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export type LiveEventListener = (event: OpsdeckEvent) => void;

const EVENT_TYPES: OpsdeckEventType[] = [
  'alert.changed',
  'incident.changed',
  'deployment.changed',
  'maintenance.changed',
  'oncall.changed',
  // Only on the compact stream (`eventsUrl(id, { compact: true })`), which the Alerts page opens for itself.
  'alerts.delta',
];
const CLOSED = 2;
export const RECONNECT_DELAY_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 30_000;

const browserEventSource: EventSourceFactory = (url) => new EventSource(url) as unknown as EventSourceLike;

/**
 * One server-sent event stream from the gateway (GET /api/events through the read route) shared by a page's
 * listeners. The browser's EventSource retries dropped connections itself (sending Last-Event-ID), but gives up for
 * good when an answer is not a 200 event stream (e.g. Grafana's 502 while the gateway restarts); then this opens a
 * new one with ?lastEventId so the gateway replays what was missed.
 */
export class LiveEventStream {
  private source?: EventSourceLike;
  private readonly listeners = new Set<LiveEventListener>();
  private lastEventId?: number;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private failures = 0;

  constructor(
    private readonly urlFor: (lastEventId?: number) => string,
    private readonly factory: EventSourceFactory = browserEventSource
  ) {}

  /** Adds a listener (opening the stream for the first one); the returned function removes it. */
  subscribe(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    if (!this.source && this.retryTimer === undefined) {
      this.open();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.close();
      }
    };
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
  }

  private open(): void {
    const source = this.factory(this.urlFor(this.lastEventId));
    this.source = source;
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => this.deliver(message));
    }
    source.onerror = () => {
      if (source.readyState === CLOSED && this.source === source) {
        this.source = undefined;
        this.scheduleReconnect();
      }
    };
  }

  private scheduleReconnect(): void {
    this.failures++;
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, RECONNECT_DELAY_MS * 2 ** (this.failures - 1));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.listeners.size > 0) {
        this.open();
      }
    }, delay);
  }

  private deliver(message: MessageEvent<string>): void {
    let event: OpsdeckEvent;
    try {
      event = JSON.parse(message.data) as OpsdeckEvent;
    } catch {
      return; // A frame we cannot read is skipped; the next full reload shows the state anyway.
    }
    this.failures = 0;
    const id = Number(message.lastEventId || event.id);
    if (Number.isFinite(id)) {
      this.lastEventId = id;
    }
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
