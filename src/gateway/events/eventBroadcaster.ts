/**
 * One in-process fan-out of the durable event log. Writers call `notify()` after they commit; the broadcaster then
 * reads what is new from the log ONCE and hands each event, already encoded as an SSE frame, to every subscriber.
 * A slow timer catches events written by anything that did not notify (another process on the same database).
 * Subscribers never query the database for live events, so 500 subscribers cost one read per commit, not 500.
 */
import { sql, type Kysely } from 'kysely';
import type { OpsdeckEvent } from '@/contract';
import type { Database } from '../store/schema';
import type { Store } from '../store';

/** An event and its `text/event-stream` encoding, computed once for all subscribers. */
export interface BroadcastEvent {
  event: OpsdeckEvent;
  frame: string;
}

/**
 * One read's worth of events. `bytes` is every frame concatenated and encoded once, so a subscriber that wants all
 * of them costs one socket write of a shared buffer, not one write and one UTF-8 encoding per event.
 */
export interface BroadcastBatch {
  events: BroadcastEvent[];
  bytes: Buffer;
}

export type EventSubscriber = (batch: BroadcastBatch) => void;

const PAGE = 1000;
const DEFAULT_POLL_MS = 2000;

export function sseFrame(event: OpsdeckEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export class EventBroadcaster {
  /** Undefined until the end of the log is known (the database may be down when the gateway starts). */
  private lastId: number | undefined;
  private readonly subscribers = new Set<EventSubscriber>();
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<Store, 'listEventsSince'> & { db: Kysely<Database> },
    private readonly pollMs = DEFAULT_POLL_MS
  ) {}

  /** Starts from the end of the log: subscribers replay older events themselves (see eventsRoute). */
  async start(): Promise<void> {
    // A database that is down at start must not stop the gateway (health reports it); the poll finds the end later.
    await this.findEndOfLog().catch(() => undefined);
    this.timer = setInterval(() => this.notify(), this.pollMs);
    this.timer.unref();
  }

  private async findEndOfLog(): Promise<number> {
    const row = await sql<{ max: number | string | null }>`select max(id) as max from event_log`.execute(this.store.db);
    this.lastId = Number(row.rows[0]?.max ?? 0);
    return this.lastId;
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscribers.clear();
  }

  /** The id of the newest event handed to subscribers. */
  get deliveredId(): number {
    return this.lastId ?? 0;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Call after committing event-log rows. Calls during a read coalesce into one more read. */
  notify(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readNew().finally(() => {
      this.reading = undefined;
      if (this.readAgain) {
        this.readAgain = false;
        this.notify();
      }
    });
  }

  /** Resolves once every notify() made so far has been delivered (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.reading) {
      await this.reading;
    }
  }

  private async readNew(): Promise<void> {
    try {
      let after = this.lastId ?? (await this.findEndOfLog());
      for (;;) {
        const events = await this.store.listEventsSince(after, PAGE);
        if (events.length === 0) {
          return;
        }
        after = events[events.length - 1].id;
        this.lastId = after;
        const items = events.map((event) => ({ event, frame: sseFrame(event) }));
        const batch = { events: items, bytes: Buffer.from(items.map((i) => i.frame).join('')) };
        for (const subscriber of this.subscribers) {
          subscriber(batch);
        }
        if (events.length < PAGE) {
          return;
        }
      }
    } catch {
      // The database is briefly unavailable: the next notify or poll reads from the same point, nothing is lost.
    }
  }
}
