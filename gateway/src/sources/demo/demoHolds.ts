/**
 * What Opsdeck holds for demo alerts that no Alertmanager has: the escalation level an incident is at, who it is
 * assigned to, and a severity set by hand. Keyed by alert id (one demo incident has one alert). The severity is laid
 * over the fleet's later deliveries, or the next phase (a responder's ack, the resolution) would set it back.
 */
import type { AlertSeverity, OnCallPerson } from '@opsdeck/contract';
import type { WebhookDelivery } from '../../upstream/alertIngest';
import type { DemoRelay } from './alertmanagerStandIn';
import type { EscalationPosition } from './demoEscalation';

export class DemoHolds implements DemoRelay {
  readonly escalations = new Map<string, EscalationPosition>();
  readonly assignees = new Map<string, OnCallPerson>();
  readonly severities = new Map<string, AlertSeverity>();

  route(delivery: WebhookDelivery): WebhookDelivery {
    const alerts = delivery.batch.alerts;
    const severity = alerts.map((a) => this.severities.get(a.id)).find((s) => s !== undefined);
    if (!severity) return delivery;
    return {
      ...delivery,
      batch: {
        ...delivery.batch,
        alerts: alerts.map((a) => ({ ...a, severity: this.severities.get(a.id) ?? a.severity })),
        incidents: delivery.batch.incidents.map((i) => ({ ...i, severity })),
      },
    };
  }
}
