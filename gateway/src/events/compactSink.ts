/**
 * `?view=compact`: a tab showing 30 rows of a 50,000-alert storm needs to know what changed, not every body. This
 * sink folds alert.changed and incident.changed into one `alerts.delta` event per interval (the first at once), one
 * line per alert or incident, last state wins, and past DELTA_MAX_CHANGES only a count: the tab then reloads what it
 * shows. Other events pass through, after whatever is folded, so ids still only go up.
 */
import {
  DELTA_MAX_CHANGES,
  alertNameOf,
  type AlertChangedPayload,
  type AlertDelta,
  type AlertsDeltaPayload,
  type IncidentChangedPayload,
  type IncidentDelta,
  type OpsdeckEvent,
} from '@opsdeck/contract';
import { sseFrame, type BroadcastBatch, type BroadcastEvent } from './eventBroadcaster';
import type { EventSink } from './eventSubscription';

export const COMPACT_INTERVAL_MS = 1000;

export class CompactSink implements EventSink {
  private alerts = new Map<string, AlertDelta>();
  private incidents = new Map<string, IncidentDelta>();
  private overflow = 0;
  /** Id of the newest event folded and not yet sent. */
  private newestId = 0;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly inner: EventSink,
    private readonly clock: () => number = Date.now,
    private readonly intervalMs = COMPACT_INTERVAL_MS
  ) {}

  get isClosed(): boolean {
    return this.inner.isClosed;
  }

  sendBatch(batch: BroadcastBatch): void {
    for (const item of batch.events) this.send(item);
  }

  send(item: BroadcastEvent): void {
    const { event } = item;
    if (event.type === 'alert.changed') {
      const { alert } = event.payload as AlertChangedPayload;
      this.fold(this.alerts, alert.id, {
        id: alert.id,
        status: alert.status,
        severity: alert.severity,
        ...(alert.service ? { service: alert.service } : {}),
        alertName: alertNameOf(alert),
        updatedAt: alert.updatedAt,
      });
    } else if (event.type === 'incident.changed') {
      const { incident } = event.payload as IncidentChangedPayload;
      this.fold(this.incidents, incident.id, {
        id: incident.id,
        status: incident.status,
        ...(incident.service ? { service: incident.service } : {}),
        updatedAt: incident.updatedAt,
      });
    } else {
      this.flush();
      this.inner.send(item);
      return;
    }
    this.newestId = event.id;
    this.schedule();
  }

  drained(): Promise<void> {
    return this.inner.drained();
  }

  end(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inner.end();
  }

  private fold<T>(into: Map<string, T>, id: string, delta: T): void {
    if (into.has(id) || into.size < DELTA_MAX_CHANGES) into.set(id, delta);
    else this.overflow++;
  }

  /** At most one delta per interval; a due one still waits for the end of the current batch (a timer of 0). */
  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.intervalMs - this.clock());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.newestId === 0 || this.inner.isClosed) return;
    const payload: AlertsDeltaPayload = {
      alerts: [...this.alerts.values()],
      incidents: [...this.incidents.values()],
      overflow: this.overflow,
    };
    const event: OpsdeckEvent<AlertsDeltaPayload> = {
      id: this.newestId,
      type: 'alerts.delta',
      at: this.clock(),
      payload,
    };
    this.alerts = new Map();
    this.incidents = new Map();
    this.overflow = 0;
    this.newestId = 0;
    this.lastFlushAt = this.clock();
    this.inner.send({ event, frame: sseFrame(event) });
  }
}
