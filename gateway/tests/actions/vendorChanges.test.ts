/**
 * Reassign and severity at PagerDuty and Opsgenie through the gateway's HTTP API, against their protocol fakes: the
 * request each fake received (method, path, body, PagerDuty's From header), the timeline entry with the Grafana user,
 * an upstream refusal answered 502 with nothing recorded as done, the 409 on a resolved target and the
 * Idempotency-Key. JSM Operations' are in tests/jsm/jsmUpstream.test.ts.
 */
import { actionPath } from '@opsdeck/contract';
import { START } from './support/actionsGateway';
import { useVendorGateway } from './support/vendorGateway';

type Entry = { kind: string; actor?: string; text?: string };

describe('reassign and severity at PagerDuty and Opsgenie', () => {
  const vendors = useVendorGateway();
  let sequence = 0;

  async function pdIncident(severity: 'critical' | 'warning' = 'critical') {
    sequence += 1;
    const pdId = `PCHG${sequence}`;
    vendors.pd.addIncident({ id: pdId, serviceId: 'PCHK001' });
    const alert = await vendors.gw.seedAlert({
      source: 'pagerduty',
      dedupKey: pdId,
      service: 'checkout-api',
      severity,
    });
    const incident = (await vendors.gw.read(`/api/alerts/${alert.id}`)).body.incidents[0].id as string;
    return { pdId, alert, incident };
  }

  async function ogAlert() {
    sequence += 1;
    const ogId = `og-chg-${sequence}`;
    vendors.og.addAlert({ id: ogId });
    const alert = await vendors.gw.seedAlert({ source: 'opsgenie', dedupKey: ogId, service: 'search-api' });
    const incident = (await vendors.gw.read(`/api/alerts/${alert.id}`)).body.incidents[0].id as string;
    return { ogId, alert, incident };
  }

  const timeline = async (incident: string) =>
    (await vendors.gw.read(`/api/incidents/${incident}`)).body.incident.timeline as Entry[];

  describe('PagerDuty', () => {
    it('reassigns the incident to a PagerDuty user with the From header of the Grafana user, the reason as a note', async () => {
      const { pdId, incident } = await pdIncident();
      const { status, body } = await vendors.gw.write(
        actionPath('incident', incident, 'reassign'),
        { assignee: 'PBOB', reason: 'handing over' },
        { user: 'alice' }
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ outcome: 'done', provider: 'pagerduty', user: 'alice', message: 'Bob (PBOB)' });

      const writes = vendors.pd.calls.filter((c) => c.method !== 'GET');
      expect(writes.map(({ method, path, body: sent }) => ({ method, path, body: sent }))).toEqual([
        {
          method: 'PUT',
          path: `/incidents/${pdId}`,
          body: {
            incident: {
              type: 'incident_reference',
              assignments: [{ assignee: { id: 'PBOB', type: 'user_reference' } }],
            },
          },
        },
        { method: 'POST', path: `/incidents/${pdId}/notes`, body: { note: { content: 'handing over' } } },
      ]);
      expect(writes.map((c) => c.headers.from)).toEqual(['alice@example.com', 'alice@example.com']);
      expect(vendors.pd.incidents.get(pdId)).toMatchObject({
        assigneeIds: ['PBOB'],
        notes: [{ content: 'handing over' }],
      });
      expect((await timeline(incident)).at(-1)).toEqual(
        expect.objectContaining({
          kind: 'note',
          actor: 'alice',
          text: 'Reassigned to Bob (PBOB): handing over (pagerduty)',
        })
      );
      const [audit] = await vendors.gw.store.listAudit({ target: incident });
      expect(audit).toMatchObject({ action: 'incident.reassign', outcome: 'success', user: 'alice' });
    });

    it('sets the urgency from the severity (critical high; warning and info low) and stores the severity', async () => {
      const { pdId, alert, incident } = await pdIncident('critical');
      const low = await vendors.gw.write(
        actionPath('alert', alert.id, 'severity'),
        { severity: 'warning' },
        { user: 'alice' }
      );
      expect(low.status).toBe(200);
      expect(low.body).toMatchObject({ outcome: 'done', provider: 'pagerduty', message: 'urgency set to low' });
      expect(low.body.alert.severity).toBe('warning');
      const high = await vendors.gw.write(actionPath('incident', incident, 'severity'), { severity: 'critical' });
      expect(high.status).toBe(200);
      const puts = vendors.pd.callsTo('PUT', `/incidents/${pdId}`);
      expect(puts.map((c) => c.body)).toEqual([
        { incident: { type: 'incident_reference', urgency: 'low' } },
        { incident: { type: 'incident_reference', urgency: 'high' } },
      ]);
      expect(puts.map((c) => c.headers.from)).toEqual(['alice@example.com', 'alice@example.com']);
      expect(vendors.pd.incidents.get(pdId)!.urgency).toBe('high');
      const detail = (await vendors.gw.read(`/api/incidents/${incident}`)).body.incident;
      expect(detail.severity).toBe('critical');
      expect(detail.timeline.slice(-2)).toEqual([
        expect.objectContaining({
          actor: 'alice',
          text: 'Severity changed to warning, urgency set to low (pagerduty)',
        }),
        expect.objectContaining({ text: 'Severity changed to critical, urgency set to high (pagerduty)' }),
      ]);
    });

    it('answers PagerDuty`s refusal (an unknown user) with 502 and its words, and records nothing as done', async () => {
      const { pdId, incident } = await pdIncident();
      const before = await timeline(incident);
      const { status, body } = await vendors.gw.write(actionPath('incident', incident, 'reassign'), {
        assignee: 'PNOBODY',
      });
      expect(status).toBe(502);
      expect(body.error).toBe('PagerDuty: 400 Invalid Input Provided: Assignee User Not Found');
      expect(body.result).toMatchObject({ outcome: 'failed', provider: 'pagerduty', action: 'reassign' });
      expect(vendors.pd.callsTo('PUT', `/incidents/${pdId}`)).toHaveLength(1);
      expect(vendors.pd.incidents.get(pdId)!.assigneeIds).toEqual([]);
      expect(await timeline(incident)).toEqual(before);
      expect((await vendors.gw.store.listAudit({ target: incident }))[0]).toMatchObject({ outcome: 'failure' });
    });

    it('acts once for a retried severity change with the same Idempotency-Key', async () => {
      const { pdId, incident } = await pdIncident();
      const path = actionPath('incident', incident, 'severity');
      const first = await vendors.gw.write(path, { severity: 'info' }, { idempotencyKey: 'tap-sev-1' });
      const again = await vendors.gw.write(path, { severity: 'info' }, { idempotencyKey: 'tap-sev-1' });
      expect(first.status).toBe(200);
      expect(again).toMatchObject({ status: 200, body: { auditId: first.body.auditId, replayed: true } });
      expect(vendors.pd.callsTo('PUT', `/incidents/${pdId}`)).toHaveLength(1);
    });

    it('answers 409 "already resolved at … by …" for a resolved incident, without calling PagerDuty', async () => {
      sequence += 1;
      const pdId = `PCHG${sequence}`;
      vendors.pd.addIncident({ id: pdId, serviceId: 'PCHK001', status: 'resolved' });
      const alert = await vendors.gw.seedAlert({
        source: 'pagerduty',
        dedupKey: pdId,
        status: 'resolved',
        endsAt: START - 5_000,
      });
      for (const [action, body] of [
        ['reassign', { assignee: 'PBOB' }],
        ['severity', { severity: 'info' }],
      ] as const) {
        const answer = await vendors.gw.write(actionPath('alert', alert.id, action), body);
        expect([action, answer.status]).toEqual([action, 409]);
        expect(answer.body.error).toBe(`already resolved at ${new Date(START - 5_000).toISOString()} by pagerduty`);
      }
      expect(vendors.pd.calls).toHaveLength(0);
    });
  });

  describe('Opsgenie', () => {
    it('assigns the owner by username (an email), the reason as the note, followed to completion', async () => {
      const { ogId, alert, incident } = await ogAlert();
      const { status, body } = await vendors.gw.write(
        actionPath('alert', alert.id, 'reassign'),
        { assignee: 'bob@example.com', reason: 'his service' },
        { user: 'carol' }
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ outcome: 'done', provider: 'opsgenie', user: 'carol', message: 'bob@example.com' });
      const [post] = vendors.og.callsTo('POST', `/v2/alerts/${ogId}/assign`);
      expect(post).toMatchObject({
        status: 202,
        body: { user: 'carol', source: 'Opsdeck', owner: { username: 'bob@example.com' }, note: 'his service' },
      });
      expect(post.headers.authorization).toBe(`GenieKey ${vendors.og.apiKey}`);
      expect(vendors.og.callsTo('GET', `/v2/alerts/requests/${body.upstreamRef}`).map((c) => c.status)).toEqual([
        404, 404, 200,
      ]);
      expect(vendors.og.alerts.get(ogId)!.owner).toBe('bob@example.com');
      expect((await timeline(incident)).at(-1)).toEqual(
        expect.objectContaining({ actor: 'carol', text: 'Reassigned to bob@example.com: his service (opsgenie)' })
      );
    });

    it('assigns by user id when the assignee is not an email', async () => {
      const { ogId, alert } = await ogAlert();
      expect(
        (await vendors.gw.write(actionPath('alert', alert.id, 'reassign'), { assignee: '4513b7ea-3b91' })).status
      ).toBe(200);
      expect(vendors.og.callsTo('POST', `/v2/alerts/${ogId}/assign`)[0].body).toMatchObject({
        owner: { id: '4513b7ea-3b91' },
      });
    });

    it('sets the priority with a PUT (critical P1, warning P3, info P5), the reason as a note after it', async () => {
      const { ogId, alert, incident } = await ogAlert();
      for (const [severity, priority] of [
        ['warning', 'P3'],
        ['info', 'P5'],
        ['critical', 'P1'],
      ] as const) {
        const answer = await vendors.gw.write(actionPath('alert', alert.id, 'severity'), { severity });
        expect([severity, answer.status, answer.body.message]).toEqual([severity, 200, `priority set to ${priority}`]);
      }
      expect(vendors.og.callsTo('PUT', `/v2/alerts/${ogId}/priority`).map((c) => [c.status, c.body])).toEqual([
        [202, { priority: 'P3' }],
        [202, { priority: 'P5' }],
        [202, { priority: 'P1' }],
      ]);
      expect(vendors.og.alerts.get(ogId)!.priority).toBe('P1');

      vendors.og.calls.length = 0;
      const reasoned = await vendors.gw.write(actionPath('incident', incident, 'severity'), {
        severity: 'warning',
        reason: 'only internal users',
      });
      expect(reasoned.status).toBe(200);
      expect(vendors.og.calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])).toEqual([
        ['PUT', `/v2/alerts/${ogId}/priority`, { priority: 'P3' }],
        ['POST', `/v2/alerts/${ogId}/notes`, { user: 'alice', source: 'Opsdeck', note: 'only internal users' }],
      ]);
      expect((await vendors.gw.read(`/api/alerts/${alert.id}`)).body.alert.severity).toBe('warning');
      expect((await timeline(incident)).at(-1)!.text).toBe(
        'Severity changed to warning, priority set to P3: only internal users (opsgenie)'
      );
    });

    it('answers a request Opsgenie processed as failed with 502 and its message, and records nothing as done', async () => {
      const { ogId, alert, incident } = await ogAlert();
      vendors.og.failingAlerts.add(ogId);
      const before = await timeline(incident);
      const { status, body } = await vendors.gw.write(actionPath('alert', alert.id, 'severity'), { severity: 'info' });
      expect(status).toBe(502);
      expect(body.error).toMatch(/^Opsgenie: request .+ failed: Not authorized to perform the action$/);
      expect(body.result).toMatchObject({ outcome: 'failed', provider: 'opsgenie' });
      expect(vendors.og.alerts.get(ogId)!.priority).toBeUndefined();
      expect((await vendors.gw.read(`/api/alerts/${alert.id}`)).body.alert.severity).toBe('critical');
      expect(await timeline(incident)).toEqual(before);
    });
  });
});
