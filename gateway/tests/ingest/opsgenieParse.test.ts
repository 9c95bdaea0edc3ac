import { alertId, incidentId } from '../../src/upstream/alertIngest';
import { parseOpsgenieWebhook } from '../../src/sources/opsgenie/parseWebhook';
import { parseContext } from './support/context';
import { expectMalformed } from './support/expectMalformed';
import { describeWithFixtures, readFixtureJson } from './support/fixtures';

const ctx = parseContext();

describeWithFixtures('Opsgenie outgoing webhook: published bodies (zulip)', () => {
  it('maps Create to a firing alert (priority 3 → warning) and a triggered incident', () => {
    const batch = parseOpsgenieWebhook(readFixtureJson('opsgenie/zulip.opsgenie-webhook.create.json'), ctx);
    const id = alertId('opsgenie', 'ec03dad6-62c8-4c94-b38b-d88f398e900f');
    expect(batch.alerts).toEqual([
      {
        id,
        source: 'opsgenie',
        dedupKey: 'ec03dad6-62c8-4c94-b38b-d88f398e900f',
        service: undefined,
        team: undefined,
        runbookUrl: undefined,
        severity: 'warning',
        status: 'firing',
        startsAt: 1502709956288,
        endsAt: undefined,
        // updatedAt arrives in nanoseconds: 1502709956288000110 ns.
        updatedAt: 1502709956288,
        summary: 'another alert',
        description: undefined,
        labels: { alias: 'alert-alias', entity: 'Server', tags: 'vip' },
        links: [],
      },
    ]);
    expect(batch.incidents[0]).toMatchObject({
      id: incidentId('opsgenie', 'ec03dad6-62c8-4c94-b38b-d88f398e900f'),
      title: 'another alert',
      status: 'triggered',
      alertIds: [id],
      entry: { kind: 'triggered', at: 1502709956288, actor: 'test@example.com' },
    });
  });

  it('maps Acknowledge to the acknowledged state, by the acting user, at updatedAt', () => {
    const batch = parseOpsgenieWebhook(readFixtureJson('opsgenie/zulip.opsgenie-webhook.acknowledge.json'), ctx);
    expect(batch.alerts[0]).toMatchObject({
      id: alertId('opsgenie', '052652ac-5d1c-464a-812a-7dd18bbfba8c'),
      status: 'acknowledged',
      summary: 'test alert',
      startsAt: 1420452191104,
      updatedAt: 1420452224764,
      labels: { alias: 'aliastest', tags: 'tag1,tag2' },
    });
    expect(batch.incidents[0]).toMatchObject({
      status: 'acknowledged',
      entry: { kind: 'acknowledged', actor: 'fili@ifountain.com', at: 1420452224764 },
    });
  });

  it('maps Close to resolved with endsAt, on the same alert id as the acknowledgement', () => {
    const batch = parseOpsgenieWebhook(readFixtureJson('opsgenie/zulip.opsgenie-webhook.close.json'), ctx);
    expect(batch.alerts[0]).toMatchObject({
      id: alertId('opsgenie', '052652ac-5d1c-464a-812a-7dd18bbfba8c'),
      status: 'resolved',
      endsAt: 1420452374669,
    });
    expect(batch.incidents[0].entry.kind).toBe('resolved');
  });
});

function opsgenieBody(action: string, alert: Record<string, unknown>): unknown {
  return {
    action,
    alert: {
      alertId: 'og-1',
      message: 'Inventory API latency',
      createdAt: 1764237600000,
      updatedAt: 1764237660000000000,
      username: 'dave@example.com',
      ...alert,
    },
    source: { name: 'web', type: 'API' },
    integrationId: 'int-1',
    integrationName: 'Opsdeck',
  };
}

describe('Opsgenie outgoing webhook: mapping rules', () => {
  it('finds the service from a service:<name> tag and takes severity from the P-priority', () => {
    const batch = parseOpsgenieWebhook(
      opsgenieBody('Create', { tags: ['prod', 'service:inventory-api'], priority: 'P1' }),
      ctx
    );
    expect(batch.alerts[0]).toMatchObject({
      service: 'inventory-api',
      team: 'catalog',
      severity: 'critical',
      runbookUrl: '/a/opsdeck-sre-app/playbooks#inventory-api',
    });
  });

  it('finds the service from details.service or the entity', () => {
    expect(
      parseOpsgenieWebhook(opsgenieBody('Create', { details: { service: 'search-api' } }), ctx).alerts[0].service
    ).toBe('search-api');
    expect(
      parseOpsgenieWebhook(opsgenieBody('Create', { entity: 'notifications', priority: 'P5' }), ctx).alerts[0]
    ).toMatchObject({
      service: 'notifications',
      severity: 'info',
    });
  });

  it('records notes and escalations on the timeline without changing the alert state', () => {
    const note = parseOpsgenieWebhook(opsgenieBody('AddNote', { note: 'Scaling out the ASG' }), ctx);
    expect(note.alerts).toEqual([]);
    expect(note.incidents[0]).toMatchObject({
      status: undefined,
      entry: { kind: 'note', text: 'Scaling out the ASG', actor: 'dave@example.com' },
    });
    expect(parseOpsgenieWebhook(opsgenieBody('EscalateToNext', {}), ctx).incidents[0].entry.kind).toBe('escalated');
    expect(parseOpsgenieWebhook(opsgenieBody('AddTags', {}), ctx).incidents[0].entry).toMatchObject({
      kind: 'note',
      text: 'AddTags',
    });
  });

  it('brings an unacknowledged alert back to firing', () => {
    expect(parseOpsgenieWebhook(opsgenieBody('UnAcknowledge', {}), ctx).alerts[0].status).toBe('firing');
  });

  it.each([
    ['body', []],
    ['action', { alert: { alertId: 'x' } }],
    ['alert', { action: 'Create' }],
    ['alert.alertId', { action: 'Create', alert: { message: 'm' } }],
    ['alert.tags[1]', opsgenieBody('Create', { tags: ['ok', 7] })],
    ['alert.createdAt', opsgenieBody('Create', { createdAt: 'soon' })],
  ])('rejects a malformed body naming the field %s', (field, body) => {
    expectMalformed(() => parseOpsgenieWebhook(body, ctx), field);
  });
});
