/**
 * Safety net for missed PagerDuty webhooks: lists incidents changed since the last poll and feeds each one whose
 * status Opsdeck does not have yet through the same parser and persist path as a webhook delivery. The delivery id
 * names the incident, status and update time, so repeated polls change nothing.
 */
import { alertId, type PollerDeps } from '../../upstream/alertIngest';
import { parsePagerDutyWebhook } from './parseWebhook';
import type { PagerDutyClient } from './client';
import type { PdIncident } from './types';

const ALERT_STATUS = { triggered: 'firing', acknowledged: 'acknowledged', resolved: 'resolved' } as const;
/** Re-read this much before the last poll: PagerDuty's `since` filter and clocks are not exact. */
const OVERLAP_MS = 5 * 60_000;

export class PagerDutyPoller {
  private lastPollAt: number | undefined;

  constructor(
    private readonly client: PagerDutyClient,
    private readonly deps: PollerDeps,
    /** First poll looks back this far. */
    private readonly initialLookbackMs = 24 * 3_600_000
  ) {}

  /** One poll; returns how many incidents were persisted. */
  async poll(): Promise<number> {
    const now = this.deps.clock();
    const since = (this.lastPollAt ?? now - this.initialLookbackMs) - OVERLAP_MS;
    const incidents = await this.client.listIncidents({ since: new Date(since).toISOString() });
    let persisted = 0;
    for (const incident of incidents) {
      if (await this.alreadyKnown(incident)) continue;
      const updatedAt = incident.last_status_change_at ?? incident.updated_at ?? incident.created_at;
      const envelope = {
        event: {
          id: `poll-${incident.id}-${updatedAt}`,
          event_type: `incident.${incident.status}`,
          resource_type: 'incident',
          occurred_at: updatedAt,
          agent: { summary: 'PagerDuty poll' },
          data: { ...incident, type: 'incident' },
        },
      };
      const batch = parsePagerDutyWebhook(envelope, { catalog: this.deps.catalog, receivedAt: now });
      const { inserted } = await this.deps.alerts.persist({
        source: 'pagerduty',
        deliveryId: `poll:${incident.id}:${incident.status}:${updatedAt}`,
        receivedAt: now,
        batch,
      });
      if (inserted > 0) persisted += 1;
    }
    this.lastPollAt = now;
    return persisted;
  }

  private async alreadyKnown(incident: PdIncident): Promise<boolean> {
    const stored = await this.deps.alerts.getAlert(alertId('pagerduty', incident.id));
    return stored?.alert.status === ALERT_STATUS[incident.status];
  }
}
