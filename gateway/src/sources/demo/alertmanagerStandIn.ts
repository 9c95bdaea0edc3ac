/**
 * The demo's embedded Alertmanager: it sits between the demo fleet (which fires alerts the way Prometheus would)
 * and Opsdeck's store, with Alertmanager's semantics for what Opsdeck can do to an Alertmanager alert. A silence
 * mutes the alerts its matchers match until it expires (Opsdeck shows them `suppressed`, as for maintenance); when
 * it expires and the fleet still fires the alert, it is sent again. A resolve is Alertmanager's "posted with endsAt
 * now": the alert is resolved until the fleet's next evaluation, which fires it again as a new episode if its
 * condition still holds (Prometheus re-sends firing alerts every evaluation). Everything happens at the demo clock's
 * times, so a frozen clock gives the same answers. State lives in memory: a restart forgets silences, like an
 * Alertmanager without its data directory.
 */
import type { Alert, TimelineEntry } from '@opsdeck/contract';
import type { SilenceSpec } from '../alertmanager/client';
import type { IncidentChange, WebhookDelivery } from '../../upstream/alertIngest';
import { activeSilencesFor, silenceState, type DemoSilence, type SilenceState } from './silences';

/** What the demo ingester passes its deliveries through before they are stored. */
export interface DemoRelay {
  /** A phase delivery of the fleet as Opsdeck should get it; undefined = not sent at all. */
  route(delivery: WebhookDelivery, now: number): WebhookDelivery | undefined;
  /** What this evaluation sends besides, given the fleet's alerts firing now (each one's latest phase delivery). */
  evaluate?(firing: readonly WebhookDelivery[], now: number): WebhookDelivery[];
}

export type ListedSilence = DemoSilence & { status: { state: SilenceState } };

const ACTOR = 'Alertmanager';

export class AlertmanagerStandIn implements DemoRelay {
  private readonly silences: DemoSilence[] = [];
  private sequence = 0;
  /** Alerts Opsdeck holds as suppressed, by alert id: the silence that muted them. */
  private readonly muted = new Map<string, string>();
  /** Alerts resolved from Opsdeck, by alert id: when (the next evaluation re-fires them if they still fire). */
  private readonly resolved = new Map<string, number>();
  /** Alerts re-fired after a resolve, by alert id: when their current episode started. */
  private readonly episodes = new Map<string, number>();

  /** POST /api/v2/silences: a new silence (ids count up, so a frozen clock gives the same ids). */
  createSilence(spec: SilenceSpec): string {
    this.sequence += 1;
    const id = spec.id ?? `demo-silence-${this.sequence}`;
    const silence: DemoSilence = {
      id,
      matchers: spec.matchers.map((m) => ({ isEqual: true, ...m })),
      startsAt: spec.startsAt,
      endsAt: spec.endsAt,
      createdBy: spec.createdBy,
      comment: spec.comment,
    };
    const existing = this.silences.findIndex((s) => s.id === id);
    if (existing >= 0) this.silences[existing] = silence;
    else this.silences.push(silence);
    return id;
  }

  /** DELETE /api/v2/silence/:id: it ends now (kept, as `expired`). */
  expireSilence(id: string, now: number): void {
    const silence = this.silences.find((s) => s.id === id);
    if (silence && silence.endsAt > now) silence.endsAt = Math.max(now, silence.startsAt);
  }

  /** GET /api/v2/silences, newest first. */
  listSilences(now: number): ListedSilence[] {
    return [...this.silences].reverse().map((s) => ({ ...s, status: { state: silenceState(s, now) } }));
  }

  /** The snoozed alerts are stored suppressed by the action itself; remember which silence did it. */
  muteNow(alertIds: readonly string[], silenceId: string): void {
    for (const id of alertIds) this.muted.set(id, silenceId);
  }

  /** POST /api/v2/alerts with endsAt now. */
  resolve(alertIds: readonly string[], at: number): void {
    for (const id of alertIds) {
      this.resolved.set(id, at);
      this.muted.delete(id);
    }
  }

  route(delivery: WebhookDelivery, now: number): WebhookDelivery | undefined {
    const alerts: Alert[] = [];
    for (const alert of delivery.batch.alerts) {
      const startsAt = this.episodes.get(alert.id) ?? alert.startsAt;
      if (alert.status === 'resolved') {
        this.forget(alert.id);
        alerts.push({ ...alert, startsAt });
        continue;
      }
      // Resolved from Opsdeck: the fleet's script for that episode (a responder's ack) no longer applies.
      if (this.resolved.has(alert.id)) continue;
      const silence = activeSilencesFor(this.silences, alert.labels, now)[0];
      if (silence) this.muted.set(alert.id, silence.id);
      alerts.push({ ...alert, startsAt, ...(silence ? { status: 'suppressed' as const } : {}) });
    }
    if (alerts.length === 0) return undefined;
    return { ...delivery, batch: { ...delivery.batch, alerts } };
  }

  evaluate(firing: readonly WebhookDelivery[], now: number): WebhookDelivery[] {
    return firing.flatMap((delivery) => {
      const alert = delivery.batch.alerts[0];
      if (!alert) return [];
      const silence = activeSilencesFor(this.silences, alert.labels, now)[0];
      const resolvedAt = this.resolved.get(alert.id);
      if (resolvedAt !== undefined && now > resolvedAt) {
        this.resolved.delete(alert.id);
        this.episodes.set(alert.id, now);
        if (silence) this.muted.set(alert.id, silence.id);
        const refired: Alert = { ...alert, status: silence ? 'suppressed' : 'firing', startsAt: now, updatedAt: now };
        return [
          resend(delivery, 'refired', refired, now, {
            status: 'triggered',
            entry: { kind: 'triggered', at: now, actor: ACTOR, text: 'Fires again: the condition still holds' },
          }),
        ];
      }
      if (resolvedAt !== undefined) return [];
      const mutedBy = this.muted.get(alert.id);
      if (silence && mutedBy === undefined) {
        this.muted.set(alert.id, silence.id);
        return [this.resent(delivery, alert, 'suppressed', now, { kind: 'note', text: `Silenced by ${silence.id}` })];
      }
      if (!silence && mutedBy !== undefined) {
        // A snooze ends like PagerDuty's: the alert fires again, unacknowledged (the snooze replaced the ack).
        this.muted.delete(alert.id);
        const text = `Silence ${mutedBy} expired: fires again`;
        return [this.resent(delivery, alert, 'firing', now, { kind: 'triggered', text }, 'triggered')];
      }
      return [];
    });
  }

  private resent(
    delivery: WebhookDelivery,
    alert: Alert,
    status: Alert['status'],
    now: number,
    entry: Pick<TimelineEntry, 'kind' | 'text'>,
    incidentStatus?: IncidentChange['status']
  ): WebhookDelivery {
    const startsAt = this.episodes.get(alert.id) ?? alert.startsAt;
    return resend(delivery, status, { ...alert, status, startsAt, updatedAt: now }, now, {
      ...(incidentStatus ? { status: incidentStatus } : {}),
      entry: { ...entry, at: now, actor: ACTOR },
    });
  }

  private forget(alertId: string): void {
    this.muted.delete(alertId);
    this.resolved.delete(alertId);
    this.episodes.delete(alertId);
  }
}

/** The fleet's delivery sent again with the alert's new state and one incident timeline entry. */
function resend(
  delivery: WebhookDelivery,
  what: string,
  alert: Alert,
  now: number,
  incident: Pick<IncidentChange, 'entry'> & Partial<Pick<IncidentChange, 'status'>>
): WebhookDelivery {
  const alertKey = delivery.batch.alerts[0]?.dedupKey ?? delivery.deliveryId;
  return {
    source: delivery.source,
    deliveryId: `${alertKey}:${what}:${now}`,
    receivedAt: now,
    batch: {
      alerts: [alert],
      incidents: delivery.batch.incidents.map(({ status: _status, entry: _entry, ...change }) => ({
        ...change,
        ...incident,
      })),
    },
  };
}
