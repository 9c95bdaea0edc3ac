import { type IncidentDetailResponse } from '@opsdeck/contract';
import { alertFixture, ALERT_NOW } from '@/pages/Alerts/alertFixtures';

/** GET /api/incidents/:id as the gateway answers it, for unit tests of the Incidents page. */
export function incidentDetailFixture(): IncidentDetailResponse {
  return {
    incident: {
      id: 'i1',
      source: 'pagerduty',
      externalId: 'PD123',
      title: 'Checkout | errors',
      service: 'checkout-api',
      team: 'payments',
      severity: 'critical',
      status: 'resolved',
      createdAt: ALERT_NOW - 3_600_000,
      updatedAt: ALERT_NOW,
      alertIds: ['a1', 'a2'],
      links: [],
      timeline: [
        { kind: 'triggered', at: ALERT_NOW - 3_600_000, actor: 'pagerduty' },
        { kind: 'acknowledged', at: ALERT_NOW - 3_000_000, actor: 'erin' },
        { kind: 'note', at: ALERT_NOW - 2_000_000, actor: 'erin', text: 'rolled back\ndeploy 42' },
        { kind: 'resolved', at: ALERT_NOW - 600_000, actor: 'erin' },
      ],
    },
    alerts: [
      alertFixture({ id: 'a1', summary: 'Checkout 5xx', startsAt: ALERT_NOW - 3_600_000, status: 'resolved', endsAt: ALERT_NOW - 600_000 }),
      alertFixture({ id: 'a2', summary: 'DB pool full', service: 'orders-db', startsAt: ALERT_NOW - 3_500_000, status: 'resolved' }),
    ],
  };
}
