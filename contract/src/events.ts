/**
 * Events pushed live (later: GET /api/events as server-sent events) and stored in the durable event log.
 * Each event has a monotonically increasing id so a reconnect with Last-Event-ID replays what was missed.
 */
export type OpsdeckEventType =
  | 'alert.changed'
  | 'incident.changed'
  | 'deployment.changed'
  | 'maintenance.changed'
  | 'oncall.changed'
  /** Stream-only (`?view=compact`), never stored: see AlertsDeltaPayload. */
  | 'alerts.delta';

export interface OpsdeckEvent<T = unknown> {
  id: number;
  type: OpsdeckEventType;
  /** Epoch ms when the gateway stored the event. */
  at: number;
  service?: string;
  payload: T;
}

/** A point-in-time operational event shown as an annotation (query type `events`). */
export interface TimelineEvent {
  time: number;
  timeEnd?: number;
  kind: 'deployment' | 'incident';
  service: string;
  title: string;
  text: string;
  tags: string[];
}
