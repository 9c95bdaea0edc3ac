/**
 * The `jsm` upstream end to end through the gateway's HTTP API: JSM Operations webhooks in (shared header value),
 * actions out to a protocol fake of its REST API (each request the fake received is asserted), async requests
 * followed to completion, the 409 on an alert that closed meanwhile, Idempotency-Key, and on-call from schedules.
 */
import { actionPath, ONCALL_PATH, type OnCallResponse } from '@opsdeck/contract';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/config/ConfigError';
import { alertId, incidentId } from '../../src/upstream/alertIngest';
import { JsmFake } from '../fakes/jsm';
import { opsgenieDelivery } from '../support/opsgenieDelivery';
import { startActionsGateway, START, type ActionsGateway, type JsonBody } from '../actions/support/actionsGateway';

const HOOK_TOKEN = 'jsm-hook-secret-0123456789';

/** A JSM Operations Webhook integration delivery of an alert created two minutes before START. */
const delivery = (action: string, jsmId: string, at: number, alert: Record<string, unknown> = {}) =>
  opsgenieDelivery(action, jsmId, at, { createdAt: START - 120_000, ...alert });

describe('JSM Operations upstream', () => {
  let jsm: JsmFake;
  let gw: ActionsGateway;
  let sequence = 0;

  beforeAll(async () => {
    jsm = new JsmFake({ pollsBeforeDone: 2 });
    await jsm.start();
    gw = await startActionsGateway(
      {
        settings: { jsmCloudId: jsm.cloudId, jsmEmail: jsm.email, jsmApiToken: jsm.apiToken, jsmApiUrl: jsm.url },
        clientOverrides: { jsmPollIntervalMs: 10 },
      },
      false,
      { jsmWebhookToken: `old-token,${HOOK_TOKEN}` }
    );
  });

  afterAll(async () => {
    await gw.close();
    await jsm.stop();
  });

  beforeEach(() => {
    jsm.calls.length = 0;
    jsm.queries.length = 0;
    jsm.heal();
  });

  async function hook(body: unknown, headers: Record<string, string> = { 'x-opsdeck-token': HOOK_TOKEN }) {
    const response = await fetch(`${gw.url}/webhooks/jsm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as JsonBody };
  }

  /** An alert known to the fake and created in Opsdeck by JSM's Create webhook. */
  async function jsmAlert(): Promise<{ jsmId: string; id: string }> {
    sequence += 1;
    const jsmId = `9b251e07-73c9-4907-9996-8cb53a6a20d${sequence}-1704440650350`;
    jsm.addAlert({ id: jsmId, alias: `alias-${jsmId}` });
    const created = await hook(delivery('Create', jsmId, START - 60_000));
    expect(created).toMatchObject({ status: 200, body: { status: 'stored' } });
    return { jsmId, id: alertId('jsm', jsmId) };
  }

  const actionCall = (jsmId: string, action: string) => jsm.callsTo('POST', `${jsm.prefix}/alerts/${jsmId}/${action}`);
  const timelineOf = async (jsmId: string) =>
    (await gw.read(`/api/incidents/${incidentId('jsm', jsmId)}`)).body.incident.timeline as Array<{
      kind: string;
      actor?: string;
      text?: string;
    }>;

  describe('webhooks in', () => {
    it('stores a delivery with the shared header value as a jsm alert and incident; a replay stores nothing', async () => {
      const body = delivery('Create', 'jsm-hook-1', START - 60_000);
      const first = await hook(body);
      expect(first).toEqual({ status: 200, body: { status: 'stored', inserted: 2 } });
      const again = await hook(body);
      expect(again).toEqual({ status: 200, body: { status: 'stored', inserted: 0 } });

      const detail = await gw.read(`/api/alerts/${alertId('jsm', 'jsm-hook-1')}`);
      expect(detail.body.alert).toMatchObject({
        source: 'jsm',
        dedupKey: 'jsm-hook-1',
        status: 'firing',
        service: 'search-api',
        summary: 'Disk full (jsm-hook-1)',
        startsAt: START - 120_000,
      });
      expect(detail.body.incidents[0]).toMatchObject({ source: 'jsm', externalId: 'jsm-hook-1' });

      const acked = await hook(delivery('Acknowledge', 'jsm-hook-1', START - 30_000, { username: 'dana@example.com' }));
      expect(acked.body).toEqual({ status: 'stored', inserted: 2 });
      expect((await gw.read(`/api/alerts/${alertId('jsm', 'jsm-hook-1')}`)).body.alert.status).toBe('acknowledged');
      expect((await timelineOf('jsm-hook-1')).at(-1)).toMatchObject({
        kind: 'acknowledged',
        actor: 'dana@example.com',
      });
    });

    it('answers 401 to a missing or wrong header value and stores nothing', async () => {
      const body = delivery('Create', 'jsm-hook-2', START - 60_000);
      const attempts: Array<Record<string, string>> = [
        {},
        { 'x-opsdeck-token': 'wrong' },
        { authorization: `Bearer ${HOOK_TOKEN}` },
      ];
      for (const headers of attempts) {
        const answer = await hook(body, headers);
        expect(answer.status).toBe(401);
        expect(JSON.stringify(answer.body)).not.toContain(HOOK_TOKEN);
      }
      expect((await gw.read(`/api/alerts/${alertId('jsm', 'jsm-hook-2')}`)).status).toBe(404);
      // The Opsgenie route does not take JSM's value: each route authenticates with its own settings.
      const viaOpsgenie = await fetch(`${gw.url}/webhooks/opsgenie`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-opsdeck-token': HOOK_TOKEN },
        body: JSON.stringify(body),
      });
      expect(viaOpsgenie.status).toBe(401);
    });

    it('answers 400 naming the field for a malformed delivery', async () => {
      const answer = await hook({ action: 'Create', alert: { message: 'no id' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/alert\.alertId/);
    });
  });

  describe('actions out', () => {
    it('acknowledges at JSM with Basic auth and no body, follows the request, then records it', async () => {
      const { jsmId, id } = await jsmAlert();
      const { status, body } = await gw.write(actionPath('alert', id, 'acknowledge'), {}, { user: 'alice' });
      expect(status).toBe(200);
      expect(body).toMatchObject({ outcome: 'done', provider: 'jsm', user: 'alice', message: 'Acknowledged' });
      expect(body.alert.status).toBe('acknowledged');

      const [post] = actionCall(jsmId, 'acknowledge');
      expect(post).toMatchObject({ method: 'POST', status: 202, body: undefined });
      expect(post.headers.authorization).toBe(jsm.basicAuth);
      expect(post.headers.authorization).toBe(
        `Basic ${Buffer.from('opsdeck@example.com:ATATT-test-token').toString('base64')}`
      );
      const polls = jsm.callsTo('GET', `${jsm.prefix}/alerts/requests/${body.upstreamRef}`);
      expect(polls.map((c) => c.status)).toEqual([404, 404, 200]);
      expect(jsm.alerts.get(jsmId)!.acknowledged).toBe(true);

      const [audit] = await gw.store.listAudit({ target: id });
      expect(audit).toMatchObject({ action: 'alert.acknowledge', outcome: 'success', user: 'alice' });
      expect((await timelineOf(jsmId)).at(-1)).toMatchObject({ kind: 'acknowledged', actor: 'alice' });
    });

    it('closes on resolve, and adds the comment as a note after it', async () => {
      const { jsmId, id } = await jsmAlert();
      const { status, body } = await gw.write(actionPath('alert', id, 'resolve'), { comment: 'disk cleaned' });
      expect(status).toBe(200);
      expect(body.alert.status).toBe('resolved');
      expect(actionCall(jsmId, 'close')).toEqual([expect.objectContaining({ status: 202, body: undefined })]);
      expect(actionCall(jsmId, 'notes').map((c) => c.body)).toEqual([{ note: 'disk cleaned' }]);
      expect(jsm.alerts.get(jsmId)).toMatchObject({ status: 'closed', notes: ['disk cleaned'] });
    });

    it('adds a note and snoozes with the bodies the API declares', async () => {
      const { jsmId, id } = await jsmAlert();
      const note = await gw.write(actionPath('alert', id, 'note'), { text: 'Rolling back 1.4.2' });
      expect(note.status).toBe(200);
      expect(actionCall(jsmId, 'notes').map((c) => c.body)).toEqual([{ note: 'Rolling back 1.4.2' }]);

      const until = START + 30 * 60_000;
      const snooze = await gw.write(actionPath('alert', id, 'snooze'), { until });
      expect(snooze.status).toBe(200);
      expect(actionCall(jsmId, 'snooze').map((c) => c.body)).toEqual([{ endTime: new Date(until).toISOString() }]);
      expect(jsm.alerts.get(jsmId)!.snoozedUntil).toBe(new Date(until).toISOString());
      expect((await timelineOf(jsmId)).map((e) => e.kind)).toEqual(['triggered', 'note', 'note']);
    });

    it('escalates to an escalation id (the reason as a note), and refuses without one before calling JSM', async () => {
      const { jsmId, id } = await jsmAlert();
      jsm.escalations.add('esc-7a24e9d7');
      const refused = await gw.write(actionPath('alert', id, 'escalate'), { reason: 'no answer' });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatch(/id of the escalation/);
      expect(jsm.calls).toHaveLength(0);

      const done = await gw.write(actionPath('incident', incidentId('jsm', jsmId), 'escalate'), {
        escalation: 'esc-7a24e9d7',
        reason: 'needs the DB team',
      });
      expect(done.status).toBe(200);
      expect(actionCall(jsmId, 'escalate').map((c) => c.body)).toEqual([{ escalationId: 'esc-7a24e9d7' }]);
      expect(actionCall(jsmId, 'notes').map((c) => c.body)).toEqual([{ note: 'needs the DB team' }]);
      expect(jsm.alerts.get(jsmId)!.escalatedTo).toEqual(['esc-7a24e9d7']);
      expect((await timelineOf(jsmId)).at(-1)).toMatchObject({ kind: 'escalated' });
    });

    it('answers a request JSM processed as failed with 502 and its message, and records nothing as done', async () => {
      const { jsmId, id } = await jsmAlert();
      jsm.failingAlerts.add(jsmId);
      const { status, body } = await gw.write(actionPath('alert', id, 'resolve'), {}, { user: 'carol' });
      expect(status).toBe(502);
      expect(body.error).toMatch(/^JSM Operations: request .+ failed: Not authorized to perform the action$/);
      expect(body.result).toMatchObject({ outcome: 'failed', provider: 'jsm', user: 'carol' });
      expect(actionCall(jsmId, 'close')).toHaveLength(1);
      expect(jsm.alerts.get(jsmId)!.status).toBe('open');
      expect((await gw.read(`/api/alerts/${id}`)).body.alert.status).toBe('firing');
      expect((await timelineOf(jsmId)).map((e) => e.kind)).toEqual(['triggered']);
      expect((await gw.store.listAudit({ target: id }))[0]).toMatchObject({ outcome: 'failure', user: 'carol' });
    });

    it('reads the status text too: "isSuccess": true with "Alert does not exist" is a failure', async () => {
      await hook(delivery('Create', 'gone-at-jsm', START - 60_000));
      const { status, body } = await gw.write(actionPath('alert', alertId('jsm', 'gone-at-jsm'), 'acknowledge'));
      expect(status).toBe(502);
      expect(body.error).toMatch(/Alert does not exist/);
      expect((await gw.read(`/api/alerts/${alertId('jsm', 'gone-at-jsm')}`)).body.alert.status).toBe('firing');
    });

    it('answers a refusal at the write itself (422) with 502 and JSM`s own words', async () => {
      const { jsmId, id } = await jsmAlert();
      const { status, body } = await gw.write(actionPath('alert', id, 'escalate'), { escalation: 'team-not-esc' });
      expect(status).toBe(502);
      expect(body.error).toBe('JSM Operations: 422 escalationId must be the id of an escalation');
      expect(jsm.alerts.get(jsmId)!.escalatedTo).toEqual([]);
      expect(jsm.callsTo('GET', /\/alerts\/requests\//)).toHaveLength(0);
    });

    it('answers 409 "already resolved at … by …" for an alert that closed meanwhile, without calling JSM', async () => {
      const { jsmId, id } = await jsmAlert();
      const closedAt = START - 10_000;
      await hook(delivery('Close', jsmId, closedAt, { username: 'bob@example.com' }));
      jsm.calls.length = 0;
      for (const action of ['acknowledge', 'resolve', 'snooze', 'escalate'] as const) {
        const body = action === 'snooze' ? { until: START + 60_000 } : action === 'escalate' ? { escalation: 'x' } : {};
        const answer = await gw.write(actionPath('alert', id, action), body);
        expect(answer.status).toBe(409);
        expect(answer.body.error).toBe(`already resolved at ${new Date(closedAt).toISOString()} by bob@example.com`);
      }
      const viaIncident = await gw.write(actionPath('incident', incidentId('jsm', jsmId), 'acknowledge'));
      expect(viaIncident.status).toBe(409);
      expect(viaIncident.body.error).toMatch(/already resolved at .* by bob@example\.com/);
      expect(jsm.calls).toHaveLength(0);
      expect((await gw.store.listAudit({ target: id }))[0]).toMatchObject({ outcome: 'denied' });
      // A post-mortem note on the closed alert still goes through.
      expect((await gw.write(actionPath('alert', id, 'note'), { text: 'post-mortem: PM-12' })).status).toBe(200);
    });

    it('acts once for a retried request with the same Idempotency-Key', async () => {
      const { jsmId, id } = await jsmAlert();
      const path = actionPath('alert', id, 'note');
      const first = await gw.write(path, { text: 'on it' }, { idempotencyKey: 'tap-jsm-1' });
      const again = await gw.write(path, { text: 'on it' }, { idempotencyKey: 'tap-jsm-1' });
      expect(first.status).toBe(200);
      expect(again).toMatchObject({ status: 200, body: { auditId: first.body.auditId, replayed: true } });
      expect(actionCall(jsmId, 'notes')).toHaveLength(1);
      expect(jsm.alerts.get(jsmId)!.notes).toEqual(['on it']);
    });

    it('reassigns to an Atlassian accountId (the reason as a note after it), followed to completion', async () => {
      const { jsmId } = await jsmAlert();
      const accountId = '712020:2c2f1e4a-93b1-4f61-a2f3-5c6b7d8e9f00';
      const { status, body } = await gw.write(
        actionPath('incident', incidentId('jsm', jsmId), 'reassign'),
        { assignee: accountId, reason: 'owns the queue' },
        { user: 'dana' }
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ outcome: 'done', provider: 'jsm', user: 'dana', message: accountId });
      const [post] = actionCall(jsmId, 'assign');
      expect(post).toMatchObject({ method: 'POST', status: 202, body: { accountId } });
      expect(post.headers.authorization).toBe(jsm.basicAuth);
      expect(actionCall(jsmId, 'notes').map((c) => c.body)).toEqual([{ note: 'owns the queue' }]);
      expect(jsm.callsTo('GET', `${jsm.prefix}/alerts/requests/${body.upstreamRef}`).map((c) => c.status)).toEqual([
        404, 404, 200,
      ]);
      expect(jsm.alerts.get(jsmId)!.owner).toBe(accountId);
      expect((await timelineOf(jsmId)).at(-1)).toMatchObject({
        kind: 'note',
        actor: 'dana',
        text: `Reassigned to ${accountId}: owns the queue (jsm)`,
      });
      expect((await gw.store.listAudit({ target: incidentId('jsm', jsmId) }))[0]).toMatchObject({
        action: 'incident.reassign',
        outcome: 'success',
      });
    });

    it('sets the priority with a PATCH (critical P1, warning P3, info P5) and stores the severity', async () => {
      const { jsmId, id } = await jsmAlert();
      for (const [severity, priority] of [
        ['info', 'P5'],
        ['warning', 'P3'],
        ['critical', 'P1'],
      ] as const) {
        const answer = await gw.write(actionPath('alert', id, 'severity'), { severity });
        expect([severity, answer.status, answer.body.message]).toEqual([severity, 200, `priority set to ${priority}`]);
        expect(answer.body.alert.severity).toBe(severity);
      }
      expect(jsm.callsTo('PATCH', `${jsm.prefix}/alerts/${jsmId}/priority`).map((c) => [c.status, c.body])).toEqual([
        [202, { priority: 'P5' }],
        [202, { priority: 'P3' }],
        [202, { priority: 'P1' }],
      ]);
      expect(jsm.alerts.get(jsmId)!.priority).toBe('P1');
      expect((await timelineOf(jsmId)).at(-1)).toMatchObject({
        text: 'Severity changed to critical, priority set to P1 (jsm)',
      });
    });

    it('answers a reassign JSM refused with 502 and its message, and records nothing as done', async () => {
      const { jsmId, id } = await jsmAlert();
      jsm.failingAlerts.add(jsmId);
      const { status, body } = await gw.write(actionPath('alert', id, 'reassign'), { assignee: '712020:someone' });
      expect(status).toBe(502);
      expect(body.error).toMatch(/^JSM Operations: request .+ failed: Not authorized to perform the action$/);
      expect(body.result).toMatchObject({ outcome: 'failed', provider: 'jsm', action: 'reassign' });
      expect(jsm.alerts.get(jsmId)!.owner).toBeUndefined();
      expect((await timelineOf(jsmId)).map((e) => e.kind)).toEqual(['triggered']);
    });
  });

  describe('on-call', () => {
    it('reads every schedule page and who is on call now and next (flat, at the gateway`s clock)', async () => {
      jsm.schedules.push(
        { id: 'sch-payments', name: 'payments_schedule', onCall: ['712020:alice'], next: ['712020:bob'] },
        { id: 'sch-off', name: 'Old rota', enabled: false, onCall: ['712020:zed'], next: [] },
        ...Array.from({ length: 100 }, (_, i) => ({
          id: `sch-${String(i).padStart(3, '0')}`,
          name: `Rota ${String(i).padStart(3, '0')}`,
          onCall: [],
          next: [],
        }))
      );
      const { status, body } = (await gw.read(ONCALL_PATH)) as { status: number; body: OnCallResponse };
      expect(status).toBe(200);
      expect(body.provider).toBe('jsm');
      expect(body.policies).toHaveLength(101);
      expect(body.policies.find((p) => p.id === 'sch-off')).toBeUndefined();
      const payments = body.policies.find((p) => p.id === 'sch-payments')!;
      expect(payments).toMatchObject({ name: 'payments_schedule', teams: ['payments'] });
      expect(payments.services).toContain('checkout-api');
      expect(payments.layers).toEqual([
        {
          level: 1,
          scheduleId: 'sch-payments',
          scheduleName: 'payments_schedule',
          now: [{ person: { id: '712020:alice', name: '712020:alice', contacts: [] } }],
          next: [{ person: { id: '712020:bob', name: '712020:bob', contacts: [] } }],
        },
      ]);

      const queriesOf = (path: string) => jsm.queries.filter((q) => q.path === path).map((q) => q.query);
      expect(queriesOf(`${jsm.prefix}/schedules`)).toEqual([
        { offset: '0', size: '100' },
        { offset: '100', size: '100' },
      ]);
      const at = { flat: 'true', date: new Date(START).toISOString() };
      expect(queriesOf(`${jsm.prefix}/schedules/sch-payments/on-calls`)).toEqual([at]);
      expect(queriesOf(`${jsm.prefix}/schedules/sch-payments/next-on-calls`)).toEqual([at]);
      const [onCalls] = jsm.callsTo('GET', `${jsm.prefix}/schedules/sch-payments/on-calls`);
      expect(onCalls).toMatchObject({ status: 200, headers: { authorization: jsm.basicAuth } });
    });

    it('answers 502 with JSM`s message when the schedules cannot be read', async () => {
      jsm.failNext(1);
      const { status, body } = await gw.read(ONCALL_PATH);
      expect(status).toBe(502);
      expect(body.error).toMatch(/^JSM Operations: 500/);
    });
  });
});

describe('JSM Operations settings', () => {
  it('refuses a partial set of credentials, naming the missing key and never the token', () => {
    const attempt = () =>
      loadConfig({
        OPSDECK_JSM_CLOUD_ID: 'a436116f-02ce-4520-8fbb-7301462a1674',
        OPSDECK_JSM_API_TOKEN: 'ATATT-secret',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/OPSDECK_JSM_EMAIL: required with OPSDECK_JSM_CLOUD_ID, OPSDECK_JSM_API_TOKEN/);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('ATATT-secret');
    }
  });

  it('names the key of a malformed value without echoing secrets', () => {
    expect(() => loadConfig({ OPSDECK_JSM_EMAIL: 'not an email' })).toThrow(/OPSDECK_JSM_EMAIL/);
    expect(() => loadConfig({ OPSDECK_JSM_API_URL: 'ftp://x' })).toThrow(/OPSDECK_JSM_API_URL/);
    const config = loadConfig({
      OPSDECK_JSM_CLOUD_ID: 'a436116f-02ce-4520-8fbb-7301462a1674',
      OPSDECK_JSM_EMAIL: 'ops@example.com',
      OPSDECK_JSM_API_TOKEN: 'ATATT-secret',
      OPSDECK_JSM_WEBHOOK_TOKEN: 'hook',
      OPSDECK_JSM_WEBHOOK_HEADER: 'X-Jsm-Token',
    });
    expect(config.incidents).toMatchObject({
      jsmCloudId: 'a436116f-02ce-4520-8fbb-7301462a1674',
      jsmEmail: 'ops@example.com',
    });
    expect(config.webhooks).toMatchObject({ jsmWebhookToken: 'hook', jsmWebhookHeader: 'X-Jsm-Token' });
  });
});
