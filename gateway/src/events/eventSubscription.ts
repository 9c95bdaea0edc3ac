/**
 * The transport-independent half of an event stream, shared by server-sent events and the WebSocket: subscribe to
 * the broadcaster, replay from the durable log after the client's last event id, hand over to live events without
 * gap or duplicate, and keep only the types asked for. The transport only encodes and writes (an EventSink).
 */
import type { Store } from '../store';
import { sseFrame, type BroadcastBatch, type BroadcastEvent, type EventBroadcaster } from './eventBroadcaster';
import type { StreamRequest } from './streamRequest';
import { CompactSink } from './compactSink';

const REPLAY_PAGE = 1000;

/**
 * Live events held while a replay runs, before the client is dropped (it reconnects and replays from where it got
 * to). Above a page of the log, so one broadcast burst during a replay is not enough to cut a client.
 */
export const DEFAULT_MAX_PENDING_EVENTS = 20_000;

export interface EventSink {
  /** Every event of the batch is new and wanted: the sink may write the batch's shared encoding at once. */
  sendBatch(batch: BroadcastBatch): void;
  send(item: BroadcastEvent): void;
  /** Resolves once what was sent has left the process's buffers, or the sink closed: paces the replay. */
  drained(): Promise<void>;
  /** Drops the client, which reconnects with the last id it saw. */
  end(): void;
  readonly isClosed: boolean;
}

export interface StreamSource {
  store: Pick<Store, 'listEventsSince'>;
  broadcaster: EventBroadcaster;
}

export interface EventSubscription {
  /** Replays the log when the request names a last event id, then goes live. Rejects when the log cannot be read. */
  catchUp(): Promise<void>;
  unsubscribe(): void;
}

export function subscribeEvents(
  source: StreamSource,
  request: StreamRequest,
  sink: EventSink,
  maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS
): EventSubscription {
  const { types } = request;
  // Everything up to the cursor has been sent or skipped; ids only go up, so `id > cursor` is the dedup.
  let cursor = request.after ?? source.broadcaster.deliveredId;
  // Subscribed before the replay reads: events committed meanwhile wait here, so nothing falls between the two.
  let pending: BroadcastEvent[] | undefined = request.after === undefined ? undefined : [];

  const send = (items: readonly BroadcastEvent[]) => {
    for (const item of items) {
      if (item.event.id > cursor) {
        cursor = item.event.id;
        if (!types || types.has(item.event.type)) sink.send(item);
      }
    }
  };

  const unsubscribe = source.broadcaster.subscribe((batch) => {
    if (sink.isClosed) {
      return;
    }
    if (pending) {
      pending.push(...batch.events);
      if (pending.length > maxPendingEvents) {
        pending = [];
        sink.end();
      }
    } else if (!types && batch.events[0].event.id > cursor) {
      // The common case: the whole batch is new and wanted, so its shared encoding goes out as it is.
      cursor = batch.events[batch.events.length - 1].event.id;
      sink.sendBatch(batch);
    } else {
      send(batch.events);
    }
  });

  async function catchUp(): Promise<void> {
    if (!pending) {
      return;
    }
    for (;;) {
      const page = await source.store.listEventsSince(cursor, REPLAY_PAGE);
      send(page.map((event) => ({ event, frame: sseFrame(event) })));
      if (page.length < REPLAY_PAGE || sink.isClosed) break;
      // A long replay must not outrun the client: reading the whole log into its buffers would only get it dropped.
      await sink.drained();
      if (sink.isClosed) break;
    }
    const live = pending;
    pending = undefined;
    send(live);
  }

  return { catchUp, unsubscribe };
}

/**
 * Creates a transport's connection (`connect` gets the callback the connection calls when it closes), subscribes it,
 * and keeps it in `connections` (for shutdown) until it closes.
 */
export function openStream<C extends EventSink>(
  source: StreamSource & { maxQueuedEvents?: number },
  request: StreamRequest,
  connections: Set<C>,
  connect: (onClose: () => void) => C
): { connection: C; subscription: EventSubscription } {
  const connection = connect(() => {
    subscription.unsubscribe();
    connections.delete(connection);
  });
  const sink = request.compact ? new CompactSink(connection) : connection;
  const subscription = subscribeEvents(source, request, sink, source.maxQueuedEvents);
  connections.add(connection);
  return { connection, subscription };
}
