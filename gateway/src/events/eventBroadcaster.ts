/**
 * One in-process fan-out of the durable event log. Subscribers never query the database for live events.
 *
 * Events enter the stream two ways: writers in this process hand over what they just committed (`publish`), and
 * `notify()` reads what is new from the log: called on another replica's NOTIFY (replicaEvents.ts), and by a slow
 * timer as the safety net for writes no notice announced (SQLite shared by another process, a listener down).
 * Handed-over events are taken as they are only when their ids follow on from the last id taken; anything else
 * (a gap: another writer's commit, a rolled-back sequence value) falls back to reading the log, which is the truth.
 *
 * Deliveries are paced: at most one broadcast per `flushMs`, the first at once. Each broadcast costs one socket
 * write per subscriber whatever it carries, so under load many events share each write, while a lone event is
 * still sent immediately.
 */
import { sql, type Kysely } from 'kysely';
import type { OpsdeckEvent } from '@opsdeck/contract';
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
/** Longest an event waits for the next broadcast under load; see the class comment. */
export const DEFAULT_FLUSH_MS = 10;

export function sseFrame(event: OpsdeckEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export class EventBroadcaster {
  /** Newest id taken into the stream (buffered or delivered); undefined until the end of the log is known. */
  private lastId: number | undefined;
  /** Newest id handed to subscribers. */
  private delivered = 0;
  private buffer: BroadcastEvent[] = [];
  private readonly subscribers = new Set<EventSubscriber>();
  private readonly deliveryWatchers = new Set<(deliveredId: number) => void>();
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Pick<Store, 'listEventsSince'> & { db: Kysely<Database> },
    private readonly pollMs = DEFAULT_POLL_MS,
    private readonly flushMs = DEFAULT_FLUSH_MS
  ) {}

  /** Starts from the end of the log: subscribers replay older events themselves (see eventsRoute). */
  async start(): Promise<void> {
    // A database that is down at start must not stop the gateway (health reports it); the poll finds the end later.
    await this.findEndOfLog().catch(() => undefined);
    this.pollTimer = setInterval(() => this.notify(), this.pollMs);
    this.pollTimer.unref();
  }

  private async findEndOfLog(): Promise<number> {
    const row = await sql<{ max: number | string | null }>`select max(id) as max from event_log`.execute(this.store.db);
    const end = Number(row.rows[0]?.max ?? 0);
    if (this.lastId === undefined) {
      this.lastId = end;
      this.delivered = end;
    }
    return this.lastId;
  }

  stop(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.buffer = [];
    this.subscribers.clear();
    this.deliveryWatchers.clear();
  }

  /** The id of the newest event taken into the stream, delivered or about to be; undefined before the log is read. */
  get takenId(): number | undefined {
    return this.lastId;
  }

  /** The id of the newest event handed to subscribers. */
  get deliveredId(): number {
    return this.delivered;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** `watch` learns the newest id after each broadcast; not a subscriber (not counted, gets no bytes). */
  watchDeliveries(watch: (deliveredId: number) => void): () => void {
    this.deliveryWatchers.add(watch);
    return () => this.deliveryWatchers.delete(watch);
  }

  /** Call with the event-log rows a commit of this process wrote, oldest first, after the commit. */
  publish(events: OpsdeckEvent[]): void {
    if (this.lastId === undefined) {
      this.notify();
      return;
    }
    // A read of the log may already have taken some of them.
    const fresh = events.filter((e) => e.id > (this.lastId as number));
    if (fresh.length === 0) return;
    if (fresh.every((e, i) => e.id === (i === 0 ? (this.lastId as number) : fresh[i - 1].id) + 1)) {
      this.take(fresh);
    } else {
      this.notify();
    }
  }

  /** Call after committing event-log rows by any other means. Calls during a read coalesce into one more read. */
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

  /** Resolves once everything published or notified so far has been handed to subscribers (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.reading) {
      await this.reading;
    }
    this.flush();
  }

  private take(events: OpsdeckEvent[]): void {
    for (const event of events) {
      if (this.lastId !== undefined && event.id <= this.lastId) continue;
      this.buffer.push({ event, frame: sseFrame(event) });
      this.lastId = event.id;
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.buffer.length === 0) return;
    const wait = Math.max(0, this.lastFlushAt + this.flushMs - Date.now());
    // Even "now" waits for the timers phase: commits finishing in the same turn of the event loop share the write.
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    this.lastFlushAt = Date.now();
    this.delivered = events[events.length - 1].event.id;
    const batch = { events, bytes: Buffer.from(events.map((i) => i.frame).join('')) };
    for (const subscriber of this.subscribers) {
      subscriber(batch);
    }
    for (const watch of this.deliveryWatchers) watch(this.delivered);
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
        this.take(events);
        if (events.length < PAGE) {
          return;
        }
      }
    } catch {
      // The database is briefly unavailable: the next notify or poll reads from the same point, nothing is lost.
    }
  }
}
