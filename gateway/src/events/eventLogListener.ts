/**
 * One Postgres connection of its own, outside the pool, that LISTENs on the event-log channel (store/eventChannel.ts)
 * and hands each notice on. It only says "the log grew up to id N": the broadcaster then reads the log, so a notice
 * lost while this connection was down costs nothing but time — on every (re)connect the log is read again, and the
 * broadcaster's slow poll covers the gap until then.
 */
import pg from 'pg';
import { EVENT_CHANNEL_QUERY, parseEventNotice, type EventNotice } from '../store/eventChannel';
import { postgresClientConfig, type PostgresTarget } from '../store/postgresDialect';

export type ListenerState = 'connecting' | 'listening' | 'down' | 'stopped';

export interface EventLogListenerOptions {
  target: PostgresTarget;
  onNotice: (notice: EventNotice) => void;
  /** Listening again after a start or a lost connection: whatever was committed meanwhile must be read. */
  onListening: () => void;
  onDown?: (error: Error) => void;
  /** Wait before reconnecting: doubles from `minRetryMs` up to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
}

export class EventLogListener {
  private client: pg.Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private current: ListenerState = 'connecting';
  private lastError: string | undefined;

  constructor(private readonly options: EventLogListenerOptions) {
    this.retryMs = options.minRetryMs ?? 500;
  }

  get state(): ListenerState {
    return this.current;
  }

  /** Why the listener is down, when it is. */
  get error(): string | undefined {
    return this.current === 'down' ? this.lastError : undefined;
  }

  /** Resolves after the first attempt, listening or not: a database down at start must not stop the gateway. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.current = 'stopped';
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.current === 'stopped') return;
    this.current = 'connecting';
    // keepAlive: a connection cut without a FIN (a failed-over database, a dropped NAT entry) is noticed by TCP.
    const client = new pg.Client({ ...postgresClientConfig(this.options.target), keepAlive: true });
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the listening connection to Postgres closed')));
    try {
      await client.connect();
      const channel = (await client.query<{ channel: string }>(EVENT_CHANNEL_QUERY)).rows[0].channel;
      client.on('notification', (message) => {
        const notice = message.channel === channel ? parseEventNotice(message.payload) : undefined;
        if (notice) this.options.onNotice(notice);
      });
      // The channel is 'opsdeck_events_' and hex digits (eventChannel.ts): safe to quote as it is.
      await client.query(`listen "${channel}"`);
      if (this.client !== client) return;
      this.current = 'listening';
      this.retryMs = this.options.minRetryMs ?? 500;
      this.options.onListening();
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.current === 'stopped') return;
    this.client = undefined;
    this.current = 'down';
    this.lastError = error.message;
    this.options.onDown?.(error);
    client.end().catch(() => undefined);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 10_000);
  }
}
