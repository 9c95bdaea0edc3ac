/**
 * Actions applied at the source, then audited: a real gateway over HTTP, PagerDuty and Opsgenie fakes over HTTP.
 */
import { actionPath, BULK_ACKNOWLEDGE_PATH, type AlertChangedPayload } from '@opsdeck/contract';
import { PagerDutyClient } from '../../src/sources/pagerduty/client';
import { UpstreamError } from '../../src/sources/rest/jsonHttp';
import type { OpsgenieFake } from '../fakes/opsgenie';
import type { PagerDutyFake } from '../fakes/pagerduty';
import { START, type ActionsGateway } from './support/actionsGateway';
import { startVendorGateway, type VendorGateway } from './support/vendorGateway';

describe('alert and incident actions', () => {
  let pd: PagerDutyFake;
  let og: OpsgenieFake;
  let gw: ActionsGateway;
  let vendors: VendorGateway;

  beforeAll(async () => {
    vendors = await startVendorGateway();
    ({ pd, og, gw } = vendors);
  });

  afterAll(() => vendors.stop());

  beforeEach(() => {
    pd.calls.length = 0;
    og.calls.length = 0;
    pd.heal();
    og.heal();
  });

  async function pdAlert(id: string) {
    pd.addIncident({ id, serviceId: 'PCHK001', escalationPolicyId: 'PEP1' });
    return gw.seedAlert({ source: 'pagerduty', dedupKey: id, service: 'checkout-api', team: 'payments' });
  }

  it('acknowledges a PagerDuty incident with the From header of the Grafana user, then audits and stores it', async () => {
    const alert = await pdAlert('PINC1');
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'acknowledge'), {}, { user: 'alice' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'done', provider: 'pagerduty', user: 'alice', upstreamRef: 'PINC1' });
    expect(body.alert.status).toBe('acknowledged');
    const put = pd.callsTo('PUT', '/incidents/PINC1');
    expect(put).toHaveLength(1);
    expect(put[0].headers.from).toBe('alice@example.com');
    expect(put[0].body).toEqual({ incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(pd.incidents.get('PINC1')!.status).toBe('acknowledged');

    const [audit] = await gw.store.listAudit({ target: alert.id });
    expect(audit).toMatchObject({ user: 'alice', action: 'alert.acknowledge', outcome: 'success', id: body.auditId });
    const events = await gw.store.listEventsSince(0, 1000);
    expect(
      events.some(
        (e) => e.type === 'alert.changed' && (e.payload as AlertChangedPayload).alert.status === 'acknowledged'
      )
    ).toBe(true);
    const incidentId = (await gw.read(`/api/alerts/${alert.id}`)).body.incidents[0].id;
    const incident = await gw.read(`/api/incidents/${incidentId}`);
    expect(incident.body.incident.timeline.at(-1)).toMatchObject({ kind: 'acknowledged', actor: 'alice' });
  });

  it('uses the service email for users without their own PagerDuty identity', async () => {
    const alert = await pdAlert('PINC2');
    const { status } = await gw.write(actionPath('alert', alert.id, 'resolve'), {}, { user: 'bob' });
    expect(status).toBe(200);
    expect(pd.callsTo('PUT', '/incidents/PINC2')[0].headers.from).toBe('opsdeck@example.com');
    expect(pd.incidents.get('PINC2')!.status).toBe('resolved');
    expect((await gw.read(`/api/alerts/${alert.id}`)).body.alert.status).toBe('resolved');
  });

  it('adds notes, escalates and snoozes (acknowledging first) on PagerDuty', async () => {
    const alert = await pdAlert('PINC3');
    pd.escalationPolicies.push({
      id: 'PEP1',
      name: 'Payments',
      serviceIds: ['PCHK001'],
      rules: [
        { delayMinutes: 15, targets: [] },
        { delayMinutes: 30, targets: [] },
      ],
    });
    const incidentId = (await gw.read(`/api/alerts/${alert.id}`)).body.incidents[0].id;

    const note = await gw.write(actionPath('incident', incidentId, 'note'), { text: 'Rolling back 1.4.2' });
    expect(note.status).toBe(200);
    expect(pd.incidents.get('PINC3')!.notes[0]).toMatchObject({
      content: 'Rolling back 1.4.2',
      userEmail: 'alice@example.com',
    });

    const escalate = await gw.write(actionPath('incident', incidentId, 'escalate'), { level: 2, reason: 'needs DB' });
    expect(escalate.status).toBe(200);
    expect(pd.incidents.get('PINC3')!.escalationLevel).toBe(2);

    const until = START + 30 * 60_000;
    const snooze = await gw.write(actionPath('alert', alert.id, 'snooze'), { until });
    expect(snooze.status).toBe(200);
    expect(pd.incidents.get('PINC3')!.snoozedUntil).toBe(new Date(until).toISOString());
    expect(pd.callsTo('PUT', '/incidents/PINC3').map((c) => c.body)).toContainEqual({
      incident: { type: 'incident_reference', status: 'acknowledged' },
    });

    const detail = await gw.read(`/api/incidents/${incidentId}`);
    const kinds = detail.body.incident.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['note', 'escalated']));
  });

  it('retries a 429 after the ratelimit-reset the response asks for', async () => {
    const alert = await pdAlert('PINC4');
    pd.rateLimitNext(1);
    const started = Date.now();
    const { status } = await gw.write(actionPath('alert', alert.id, 'acknowledge'));
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(pd.callsTo('PUT', '/incidents/PINC4').map((c) => c.status)).toEqual([429, 200]);
  });

  it('answers a failed upstream action as failed, audits it as a failure and leaves the alert as it was', async () => {
    const alert = await pdAlert('PINC5');
    pd.forbiddenIncidents.add('PINC5');
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'acknowledge'), {}, { user: 'alice' });
    expect(status).toBe(502);
    expect(body.error).toMatch(/PagerDuty: 403 Access Denied/);
    expect(body.result).toMatchObject({ outcome: 'failed', provider: 'pagerduty', user: 'alice' });
    const [audit] = await gw.store.listAudit({ target: alert.id });
    expect(audit).toMatchObject({ outcome: 'failure', user: 'alice', action: 'alert.acknowledge' });
    expect((await gw.read(`/api/alerts/${alert.id}`)).body.alert.status).toBe('firing');
  });

  it('refuses a request that did not come through the Editor write route, and calls nothing upstream', async () => {
    const alert = await pdAlert('PINC6');
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'acknowledge'), {}, { viewer: true });
    expect(status).toBe(403);
    expect(body.error).toMatch(/X-Opsdeck-Write/);
    expect(pd.calls).toHaveLength(0);
    expect(await gw.store.listAudit({ target: alert.id })).toHaveLength(0);
  });

  it('honours the Idempotency-Key: a repeat acts once and replays the first answer', async () => {
    const alert = await pdAlert('PINC7');
    const path = actionPath('alert', alert.id, 'acknowledge');
    const first = await gw.write(path, {}, { idempotencyKey: 'tap-1' });
    const again = await gw.write(path, {}, { idempotencyKey: 'tap-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ auditId: first.body.auditId, replayed: true });
    expect(pd.callsTo('PUT', '/incidents/PINC7')).toHaveLength(1);
  });

  it('the PagerDuty fake and client: a write without From is refused with 400, as documented', async () => {
    pd.addIncident({ id: 'PINC8', serviceId: 'PCHK001' });
    const client = new PagerDutyClient({ token: pd.token, baseUrl: pd.url });
    const error = await client.updateIncident('PINC8', { status: 'acknowledged' }, '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).status).toBe(400);
    expect((error as Error).message).toMatch(/From/);
  });

  it('follows an Opsgenie request until it is processed before answering done', async () => {
    og.addAlert({ id: 'og-1', alias: 'disk-full' });
    const alert = await gw.seedAlert({ source: 'opsgenie', dedupKey: 'og-1', service: 'search-api', team: 'catalog' });
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'acknowledge'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'done', provider: 'opsgenie', message: 'Acknowledged' });
    expect(og.alerts.get('og-1')!.acknowledged).toBe(true);
    const polls = og.callsTo('GET', `/v2/alerts/requests/${body.upstreamRef}`);
    expect(polls.map((c) => c.status)).toEqual([404, 404, 200]);
    expect(og.callsTo('POST', '/v2/alerts/og-1/acknowledge')[0].headers.authorization).toBe(`GenieKey ${og.apiKey}`);
  });

  it('reports an Opsgenie request that was processed as a failure as failed', async () => {
    og.addAlert({ id: 'og-2' });
    og.failingAlerts.add('og-2');
    const alert = await gw.seedAlert({ source: 'opsgenie', dedupKey: 'og-2' });
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'resolve'), {}, { user: 'carol' });
    expect(status).toBe(502);
    expect(body.result).toMatchObject({ outcome: 'failed', provider: 'opsgenie' });
    expect(body.error).toMatch(/Not authorized/);
    expect((await gw.store.listAudit({ target: alert.id }))[0]).toMatchObject({ outcome: 'failure', user: 'carol' });
    expect(og.alerts.get('og-2')!.status).toBe('open');
  });

  it('escalates an Opsgenie alert to a named escalation, and refuses without one', async () => {
    og.addAlert({ id: 'og-3' });
    const alert = await gw.seedAlert({ source: 'opsgenie', dedupKey: 'og-3' });
    const refused = await gw.write(actionPath('alert', alert.id, 'escalate'), { reason: 'no answer' });
    expect(refused.status).toBe(409);
    expect(og.calls).toHaveLength(0);
    const done = await gw.write(actionPath('alert', alert.id, 'escalate'), { escalation: 'Payments managers' });
    expect(done.status).toBe(200);
    expect(og.alerts.get('og-3')!.escalatedTo).toEqual(['Payments managers']);
  });

  it('holds an Alertmanager ack in Opsdeck for the firing episode and drops it when the alert resolves', async () => {
    const labels = { alertname: 'HighLatency', service: 'checkout-api' };
    const seed = {
      source: 'alertmanager' as const,
      dedupKey: '{alertname="HighLatency",service="checkout-api"}',
      labels,
      service: 'checkout-api',
    };
    const alert = await gw.seedAlert(seed);
    const ack = await gw.write(actionPath('alert', alert.id, 'acknowledge'), {}, { user: 'dana' });
    expect(ack.body).toMatchObject({ outcome: 'done', provider: 'opsdeck' });
    // No incident holds this alert, so the detail carries the action itself, from the audit log.
    const detail = (await gw.read(`/api/alerts/${alert.id}`)).body;
    expect(detail.incidents).toEqual([]);
    expect(detail.history).toEqual([
      expect.objectContaining({ kind: 'acknowledged', actor: 'dana', at: gw.clock.now }),
    ]);

    gw.clock.now += 60_000;
    const refired = await gw.seedAlert({ ...seed, startsAt: alert.startsAt, updatedAt: gw.clock.now });
    expect(refired.status).toBe('acknowledged');

    gw.clock.now += 60_000;
    const resolved = await gw.seedAlert({
      ...seed,
      status: 'resolved',
      startsAt: alert.startsAt,
      updatedAt: gw.clock.now,
      endsAt: gw.clock.now,
    });
    expect(resolved.status).toBe('resolved');

    gw.clock.now += 60_000;
    const nextEpisode = await gw.seedAlert({ ...seed, startsAt: gw.clock.now, updatedAt: gw.clock.now });
    expect(nextEpisode.status).toBe('firing');
  });

  it('refuses what a source cannot do with 409, audited as denied', async () => {
    const alert = await gw.seedAlert({
      source: 'alertmanager',
      dedupKey: '{alertname="X"}',
      labels: { alertname: 'X' },
    });
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'escalate'), {});
    expect(status).toBe(409);
    expect(body.result.outcome).toBe('failed');
    expect((await gw.store.listAudit({ target: alert.id }))[0].outcome).toBe('denied');
  });

  it('validates bodies and unknown targets', async () => {
    expect((await gw.write(actionPath('alert', 'nope', 'acknowledge'))).status).toBe(404);
    const alert = await pdAlert('PINC9');
    const past = await gw.write(actionPath('alert', alert.id, 'snooze'), { until: START - 1 });
    expect(past).toMatchObject({ status: 400, body: { field: 'until' } });
    const empty = await gw.write(actionPath('alert', alert.id, 'note'), { text: '  ' });
    expect(empty).toMatchObject({ status: 400, body: { field: 'text' } });
    expect(pd.calls).toHaveLength(0);
  });

  it('bulk-acknowledges, one result per alert whatever each outcome', async () => {
    const a = await pdAlert('PINC10');
    const b = await gw.seedAlert({ source: 'sns', dedupKey: 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:cpu' });
    const { status, body } = await gw.write(BULK_ACKNOWLEDGE_PATH, { alertIds: [a.id, b.id, 'missing'] });
    expect(status).toBe(200);
    expect(body.results.map((r: { targetId: string; outcome: string }) => [r.targetId, r.outcome])).toEqual([
      [a.id, 'done'],
      [b.id, 'done'],
      ['missing', 'failed'],
    ]);
    expect(body).toMatchObject({ done: 2, failed: 1 });
    expect(pd.incidents.get('PINC10')!.status).toBe('acknowledged');
  });
});
