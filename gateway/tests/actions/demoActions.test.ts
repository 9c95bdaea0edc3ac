/**
 * Every action on demo alerts and incidents, through the HTTP API of a demo gateway: each succeeds (escalate and
 * reassign on the demo roster, severity held), a retried request with the same Idempotency-Key acts once, an action
 * on what is already resolved is refused 409 without acting (notes excepted), bulk resolve resolves several and they
 * re-fire while their condition holds; and sources that cannot reassign or change severity say so.
 */
import {
  actionPath,
  ALERT_BULK_PATH,
  BULK_ACKNOWLEDGE_PATH,
  alertBulkJobPath,
  type ActionKind,
  type ActionTargetKind,
} from '@opsdeck/contract';
import { startActionsGateway, type ActionsGateway, type JsonBody } from './support/actionsGateway';
import { demoIds, overlappingDemoIncidents, upcomingDemoIncidents } from './support/demoFleet';

const MINUTE = 60_000;
const USER = 'maria';

describe('demo actions', () => {
  let gw: ActionsGateway;
  // Two demo incidents open at once (the most the fleet has) for the per-target suites and bulk, a later one for
  // escalation and severity.
  const { at: T, open } = overlappingDemoIncidents(2);
  const later = upcomingDemoIncidents().find((i) => i.start > T + 60 * MINUTE)!;
  const atLater = async () => {
    gw.clock.now = later.start + MINUTE;
    await gw.app.demoAlerts!.ingester.runOnce();
  };

  beforeAll(async () => {
    gw = await startActionsGateway({}, true);
    gw.clock.now = T;
    await gw.app.demoAlerts!.ingester.runOnce();
  });
  afterAll(() => gw?.close());

  const act = (target: ActionTargetKind, id: string, action: ActionKind, body: unknown, key?: string) =>
    gw.write(actionPath(target, id, action), body, { user: USER, idempotencyKey: key });
  const audited = async (id: string, action: string) =>
    (await gw.store.listAudit({ target: id })).filter((e) => e.action.endsWith(`.${action}`));

  const roster = async (): Promise<JsonBody> => (await gw.read('/api/oncall')).body;

  describe.each(['alert', 'incident'] as const)('on a demo %s', (target) => {
    const incident = target === 'alert' ? open[0] : open[1];
    const ids = demoIds(incident);
    const id = target === 'alert' ? ids.alert : ids.incident;

    const bodies = async (): Promise<Array<[ActionKind, unknown]>> => {
      const policies = (await roster()).policies;
      return [
        ['acknowledge', { comment: 'on it' }],
        ['note', { text: 'looking at the dashboards' }],
        ['escalate', { reason: 'need the lead' }],
        ['reassign', { assignee: policies[0].layers[0].now[0].person.id }],
        ['severity', { severity: 'critical', reason: 'customers notice' }],
        // Expired by the bulk test's evaluation, where a silenced alert would re-fire suppressed (not resolvable).
        ['snooze', { until: T + 30_000 }],
        ['resolve', { comment: 'fixed' }],
      ];
    };

    it('does each action once per Idempotency-Key, recorded with the user', async () => {
      for (const [action, body] of await bodies()) {
        const key = `${target}-${action}`;
        const first = await act(target, id, action, body, key);
        expect([action, first.status, first.body.outcome, first.body.user]).toEqual([action, 200, 'done', USER]);
        const again = await act(target, id, action, body, key);
        expect([action, again.status]).toEqual([action, 200]);
        expect(again.body).toEqual({ ...first.body, replayed: true });
        expect([action, (await audited(id, action)).length]).toEqual([action, 1]);
      }
      const detail = (await gw.read(`/api/incidents/${ids.incident}`)).body.incident;
      const mine = detail.timeline.filter((e: JsonBody) => e.actor === USER);
      expect(mine.map((e: JsonBody) => e.kind)).toEqual([
        'acknowledged',
        'note',
        'escalated',
        'note',
        'note',
        'note',
        'resolved',
      ]);
      const own = (await roster()).policies.find((p: JsonBody) => p.services.includes(incident.service));
      expect(mine[2].text).toBe(`Escalated to ${own.name}, level 2: need the lead (demo)`);
      expect(mine[3].text).toMatch(/^Reassigned to /);
      expect(mine[4].text).toContain('Severity changed to critical');
      expect(detail).toMatchObject({ status: 'resolved', severity: 'critical' });
      const alert = (await gw.read(`/api/alerts/${ids.alert}`)).body.alert;
      expect(alert).toMatchObject({ status: 'resolved', severity: 'critical' });
    });

    it('refuses every action but notes on what is already resolved, without acting', async () => {
      for (const [action, body] of await bodies()) {
        const before = (await audited(id, action)).length;
        const { status, body: answer } = await act(target, id, action, body);
        if (action === 'note') {
          expect(status).toBe(200);
          continue;
        }
        expect([action, status]).toEqual([action, 409]);
        expect(answer.error).toMatch(new RegExp(`^already resolved at .+ by ${USER}$`));
        const after = await audited(id, action);
        expect(after).toHaveLength(before + 1);
        expect(after.filter((e) => e.outcome === 'denied')).toHaveLength(1);
      }
    });
  });

  it('bulk-resolves several, which fire again at the next evaluation while their condition holds', async () => {
    // The first two were resolved above; re-fire them, then resolve every open demo alert in one job.
    gw.clock.now = T + MINUTE;
    await gw.app.demoAlerts!.ingester.runOnce();
    const started = await gw.write(
      ALERT_BULK_PATH,
      { action: 'resolve', filter: { source: 'alertmanager' } },
      { user: USER }
    );
    expect(started.status).toBe(202);
    let job = started.body.job;
    while (job.state === 'running') job = (await gw.read(alertBulkJobPath(job.id))).body.job;
    expect(job).toMatchObject({ state: 'done', failed: 0 });
    expect(job.done).toBeGreaterThanOrEqual(open.length);
    for (const incident of open) {
      const alert = (await gw.read(`/api/alerts/${demoIds(incident).alert}`)).body.alert;
      expect([incident.id, alert.status]).toEqual([incident.id, 'resolved']);
      const entry = (await gw.read(`/api/incidents/${demoIds(incident).incident}`)).body.incident.timeline.at(-1);
      expect(entry).toMatchObject({ kind: 'resolved', actor: USER });
    }
    const alertIds = open.map((i) => demoIds(i).alert);
    const acks = await gw.write(BULK_ACKNOWLEDGE_PATH, { alertIds }, { user: USER });
    expect(acks.body).toMatchObject({ done: 0, failed: open.length });
    for (const result of acks.body.results) expect(result.message).toMatch(/^already resolved at .+ by maria$/);
    gw.clock.now = T + 2 * MINUTE;
    await gw.app.demoAlerts!.ingester.runOnce();
    for (const incident of open) {
      const alert = (await gw.read(`/api/alerts/${demoIds(incident).alert}`)).body.alert;
      expect([incident.id, alert.status, alert.startsAt]).toEqual([incident.id, 'firing', T + 2 * MINUTE]);
    }
  });

  it('escalates to the next level or a chosen policy; refuses past the last level and unknown names', async () => {
    await atLater();
    const ids = demoIds(later);
    const policies = (await roster()).policies;
    const own = policies.find((p: JsonBody) => p.services.includes(later.service));
    const other = policies.find((p: JsonBody) => p.id !== own.id);
    const next = await act('incident', ids.incident, 'escalate', {});
    expect(next.status).toBe(200);
    expect(next.body.message).toBe(`escalated to level 2 of ${own.name}: ${own.layers[1].now[0].person.name}`);
    expect(next.body.incident.status).toBe('triggered');
    const last = await act('incident', ids.incident, 'escalate', {});
    expect([last.status, last.body.error]).toEqual([409, `already at the last level (2) of ${own.name}`]);
    const chosen = await act('alert', ids.alert, 'escalate', { escalation: other.id });
    expect(chosen.body.message).toBe(`escalated to level 1 of ${other.name}: ${other.layers[0].now[0].person.name}`);
    const escalations = (await gw.read(`/api/incidents/${ids.incident}`)).body.incident.timeline
      .filter((e: JsonBody) => e.kind === 'escalated')
      .map((e: JsonBody) => e.text);
    expect(escalations).toEqual([
      `Escalated to ${own.name}, level 2 (demo)`,
      `Escalated to ${other.name}, level 1 (demo)`,
    ]);
    expect((await act('alert', ids.alert, 'escalate', { escalation: 'nope' })).status).toBe(400);
    expect((await act('alert', ids.alert, 'escalate', { level: 7 })).status).toBe(400);
    const stranger = await act('alert', ids.alert, 'reassign', { assignee: 'demo-nobody' });
    expect([stranger.status, stranger.body.error]).toEqual([
      400,
      'assignee: no demo-nobody on the demo on-call roster (see GET /api/oncall)',
    ]);
  });

  it('keeps a severity set by hand over the fleet’s later deliveries', async () => {
    const ids = demoIds(later);
    expect((await act('incident', ids.incident, 'severity', { severity: 'info' })).status).toBe(200);
    gw.clock.now = later.end + MINUTE;
    await gw.app.demoAlerts!.ingester.runOnce();
    expect((await gw.read(`/api/incidents/${ids.incident}`)).body.incident).toMatchObject({
      status: 'resolved',
      severity: 'info',
    });
  });

  it('acts on a non-demo Alertmanager alert as the real provider does', async () => {
    const alert = await gw.seedAlert({ source: 'alertmanager', dedupKey: 'real-1', labels: { alertname: 'X' } });
    const resolve = await act('alert', alert.id, 'resolve', {});
    expect([resolve.status, resolve.body.error]).toEqual([
      409,
      'cannot resolve an Alertmanager alert: OPSDECK_ALERTMANAGER_URL is not set',
    ]);
    const reassign = await act('alert', alert.id, 'reassign', { assignee: 'someone' });
    expect([reassign.status, reassign.body.error]).toEqual([409, 'reassign is not supported by alertmanager']);
    expect((await act('alert', alert.id, 'acknowledge', {})).status).toBe(200);
  });
});

describe('reassign and severity at sources that do not support them', () => {
  let gw: ActionsGateway;
  beforeAll(async () => {
    gw = await startActionsGateway({ settings: { pagerdutyApiToken: 'token', pagerdutyFromEmail: 'ops@example.com' } });
  });
  afterAll(() => gw?.close());

  it.each(['grafana', 'sns'] as const)('%s answers 409 not supported', async (source) => {
    const alert = await gw.seedAlert({ source, dedupKey: `${source}-1` });
    for (const [action, body] of [
      ['reassign', { assignee: 'someone' }],
      ['severity', { severity: 'info' }],
    ] as const) {
      const answer = await gw.write(actionPath('alert', alert.id, action), body);
      expect([answer.status, answer.body.error]).toEqual([409, `${action} is not supported by ${source}`]);
      expect(answer.body.result).toMatchObject({ outcome: 'failed', action });
    }
  });
});
