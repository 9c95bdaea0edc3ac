import { alertId, incidentId } from '../../src/upstream/alertIngest';
import { parsePagerDutyWebhook } from '../../src/sources/pagerduty/parseWebhook';
import { parseContext } from './support/context';
import { expectMalformed } from './support/expectMalformed';
import { describeWithFixtures, readFixtureJson } from './support/fixtures';

const ctx = parseContext();

describeWithFixtures('PagerDuty v3: published deliveries', () => {
  it('maps incident.triggered (aldaviva) to a firing alert and a triggered timeline entry', () => {
    const batch = parsePagerDutyWebhook(
      readFixtureJson('pagerduty/aldaviva.webhookv3.incident.triggered.body.json'),
      ctx
    );
    expect(batch.alerts).toEqual([
      {
        id: alertId('pagerduty', 'Q2CKYRLH85UNN4'),
        source: 'pagerduty',
        dedupKey: 'Q2CKYRLH85UNN4',
        service: undefined,
        team: undefined,
        runbookUrl: undefined,
        severity: 'warning',
        status: 'firing',
        startsAt: Date.parse('2025-04-07T03:47:13Z'),
        endsAt: undefined,
        updatedAt: Date.parse('2025-04-07T03:47:13.414Z'),
        summary: 'Test',
        labels: {
          pagerduty_service: 'Webhook Tester',
          urgency: 'low',
          incident_key: 'dfead9d88e0649e8b7dee514b1875756',
        },
        links: [{ title: 'PagerDuty incident', url: 'https://aldaviva.pagerduty.com/incidents/Q2CKYRLH85UNN4' }],
      },
    ]);
    expect(batch.incidents).toHaveLength(1);
    expect(batch.incidents[0]).toMatchObject({
      id: incidentId('pagerduty', 'Q2CKYRLH85UNN4'),
      externalId: 'Q2CKYRLH85UNN4',
      title: 'Test',
      status: 'triggered',
      severity: 'warning',
      createdAt: Date.parse('2025-04-07T03:47:13Z'),
      alertIds: [alertId('pagerduty', 'Q2CKYRLH85UNN4')],
      entry: { kind: 'triggered', at: Date.parse('2025-04-07T03:47:13.414Z'), actor: 'Ben' },
    });
  });

  it('maps incident.acknowledged (aldaviva) to the same alert, now acknowledged', () => {
    const batch = parsePagerDutyWebhook(
      readFixtureJson('pagerduty/aldaviva.webhookv3.incident.acknowledged.body.json'),
      ctx
    );
    expect(batch.alerts[0]).toMatchObject({ id: alertId('pagerduty', 'Q2CKYRLH85UNN4'), status: 'acknowledged' });
    expect(batch.incidents[0].entry).toEqual({
      kind: 'acknowledged',
      at: Date.parse('2025-04-07T03:47:13.546Z'),
      actor: 'Ben',
      text: undefined,
    });
  });

  it('maps incident.priority_updated (go-pagerduty): P1 makes it critical, team from PagerDuty, a note on the timeline', () => {
    const batch = parsePagerDutyWebhook(
      readFixtureJson('pagerduty/go-pagerduty.webhookv3.incident.priority_updated.body.json'),
      ctx
    );
    expect(batch.alerts[0]).toMatchObject({
      dedupKey: 'PGR0VU2',
      severity: 'critical',
      status: 'firing',
      team: 'Engineering',
      summary: 'A little bump in the road',
      startsAt: Date.parse('2021-04-26T17:36:27.458Z'),
    });
    expect(batch.incidents[0].entry).toEqual({
      kind: 'note',
      at: Date.parse('2021-04-26T17:36:27.458Z'),
      actor: 'Tenex Engineer',
      text: 'Priority set to P1',
    });
  });
});

function incidentEvent(eventType: string, data: Record<string, unknown>): unknown {
  return {
    event: {
      id: '01TESTEVENT',
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: '2026-11-27T10:05:00.000Z',
      agent: { id: 'PUSER1', summary: 'Alice Example', type: 'user_reference' },
      data,
    },
  };
}

const checkoutIncident = {
  id: 'PINC123',
  type: 'incident',
  title: 'Checkout 5xx above 2%',
  status: 'resolved',
  urgency: 'high',
  created_at: '2026-11-27T09:58:00Z',
  html_url: 'https://acme.pagerduty.com/incidents/PINC123',
  service: { id: 'PCHK001', summary: 'Checkout API', type: 'service_reference' },
  teams: [],
  priority: null,
};

describe('PagerDuty v3: mapping rules', () => {
  it('resolves the catalog service by PagerDuty service id, with its team and runbook; resolved sets endsAt', () => {
    const batch = parsePagerDutyWebhook(incidentEvent('incident.resolved', checkoutIncident), ctx);
    expect(batch.alerts[0]).toMatchObject({
      service: 'checkout-api',
      team: 'payments',
      runbookUrl: '/a/opsdeck-sre-app/playbooks#checkout-api',
      severity: 'critical',
      status: 'resolved',
      startsAt: Date.parse('2026-11-27T09:58:00Z'),
      endsAt: Date.parse('2026-11-27T10:05:00Z'),
    });
    expect(batch.incidents[0]).toMatchObject({
      service: 'checkout-api',
      team: 'payments',
      status: 'resolved',
      entry: { kind: 'resolved' },
    });
  });

  it.each([
    ['incident.escalated', 'escalated'],
    ['incident.delegated', 'escalated'],
    ['incident.reopened', 'triggered'],
    ['incident.unacknowledged', 'note'],
    ['incident.reassigned', 'note'],
  ])('%s becomes a %s timeline entry', (eventType, kind) => {
    const batch = parsePagerDutyWebhook(incidentEvent(eventType, { ...checkoutIncident, status: 'triggered' }), ctx);
    expect(batch.incidents[0].entry.kind).toBe(kind);
  });

  it('records a note (incident.annotated) on the referenced incident without touching the alert', () => {
    const note = {
      id: 'PNOTE1',
      type: 'incident_note',
      content: 'Rolled back checkout-api to v41',
      trimmed: false,
      incident: { id: 'PINC123', type: 'incident_reference', html_url: 'https://acme.pagerduty.com/incidents/PINC123' },
    };
    const batch = parsePagerDutyWebhook(incidentEvent('incident.annotated', note), ctx);
    expect(batch.alerts).toEqual([]);
    expect(batch.incidents[0]).toMatchObject({
      id: incidentId('pagerduty', 'PINC123'),
      status: undefined,
      title: undefined,
      alertIds: [],
      entry: { kind: 'note', actor: 'Alice Example', text: 'Rolled back checkout-api to v41' },
    });
  });

  it('ignores non-incident events (service.updated) without error', () => {
    const body = {
      event: {
        ...(incidentEvent('service.updated', { id: 'PSVC1', type: 'service' }) as { event: object }).event,
        resource_type: 'service',
      },
    };
    expect(parsePagerDutyWebhook(body, ctx)).toEqual({
      alerts: [],
      incidents: [],
      ignored: 'PagerDuty service.updated events are not tracked',
    });
  });

  it.each([
    ['body', null],
    ['event', {}],
    ['event.event_type', { event: { resource_type: 'incident' } }],
    ['event.data.status', incidentEvent('incident.triggered', { ...checkoutIncident, status: 'on-fire' })],
    ['event.data.id', incidentEvent('incident.triggered', { ...checkoutIncident, id: 42 })],
    ['event.data.incident', incidentEvent('incident.annotated', { type: 'incident_note', content: 'x' })],
    [
      'event.occurred_at',
      {
        event: {
          ...(incidentEvent('incident.triggered', checkoutIncident) as { event: object }).event,
          occurred_at: 'yesterday',
        },
      },
    ],
  ])('rejects a malformed body naming the field %s', (field, body) => {
    expectMalformed(() => parsePagerDutyWebhook(body, ctx), field);
  });
});
