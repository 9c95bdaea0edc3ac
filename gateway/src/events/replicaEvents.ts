/**
 * Events other replicas commit, delivered here within milliseconds: their NOTIFY (ids only) makes this replica's
 * broadcaster read the log, which stays the truth, so order and gaps are handled by the read, never by the notice.
 * Measures the lag from the other replica's commit to the write to this replica's subscribers, for /api/health.
 */
import { type EventStreamHealth } from '@opsdeck/contract';
import { type EventNotice } from '../store/eventChannel';
import { type PostgresTarget } from '../store/postgresDialect';
import { type EventBroadcaster } from './eventBroadcaster';
import { EventLogListener } from './eventLogListener';
import { LagWindow } from './lagWindow';

/** Notices waiting for their events to reach subscribers; beyond this the oldest are dropped (lag is a sample). */
const MAX_PENDING = 4096;

export class ReplicaEvents {
  private readonly listener: EventLogListener;
  private readonly lag = new LagWindow();
  private pending: EventNotice[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly broadcaster: EventBroadcaster,
    target: PostgresTarget,
    private readonly now: () => number = Date.now,
    onDown?: (error: Error) => void
  ) {
    this.listener = new EventLogListener({
      target,
      onNotice: (notice) => this.noticed(notice),
      onListening: () => broadcaster.notify(),
      onDown,
    });
  }

  async start(): Promise<void> {
    this.unsubscribe = this.broadcaster.watchDeliveries((id) => this.delivered(id));
    await this.listener.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.listener.stop();
  }

  health(): EventStreamHealth {
    const listening = this.listener.state === 'listening';
    const lagMs = this.lag.summary();
    return {
      delivery: listening ? 'listen' : 'poll',
      ...(listening
        ? {}
        : { message: `not listening for other replicas' events (${this.listener.error ?? 'connecting'})` }),
      deliveredId: this.broadcaster.deliveredId,
      subscribers: this.broadcaster.subscriberCount,
      ...(lagMs ? { lagMs } : {}),
    };
  }

  private noticed(notice: EventNotice): void {
    // Our own commits are handed over in-process (publish) and need no read; a notice past them does.
    if (notice.lastId <= (this.broadcaster.takenId ?? 0)) return;
    this.pending.push(notice);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    this.broadcaster.notify();
  }

  private delivered(upTo: number): void {
    if (this.pending.length === 0) return;
    const at = this.now();
    const still: EventNotice[] = [];
    for (const notice of this.pending) {
      if (notice.lastId <= upTo) this.lag.add(at - notice.sentAt);
      else still.push(notice);
    }
    this.pending = still;
  }
}

/** The stream's health where no listener runs (SQLite: one process owns the database). */
export function pollingStreamHealth(broadcaster: EventBroadcaster): EventStreamHealth {
  return {
    delivery: 'poll',
    deliveredId: broadcaster.deliveredId,
    subscribers: broadcaster.subscriberCount,
  };
}
