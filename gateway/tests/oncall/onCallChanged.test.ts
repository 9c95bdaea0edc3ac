/**
 * `oncall.changed` through the real app: the watcher runs in the incident poll round (driven here), diffs the roster
 * against the previous round and appends to the event log, which the live stream (GET /api/events) delivers.
 * Demo roster (weekly handover on Monday 00:00 UTC) and the PagerDuty fake with a roster that moves between polls.
 */
import {
  GRAFANA_USER_HEADER,
  ONCALL_PATH,
  type OnCallChangedPayload,
  type OnCallResponse,
  type OpsdeckEvent,
} from '@opsdeck/contract';
import { PagerDutyFake } from '../fakes/pagerduty';
import { startActionsGateway, START, type ActionsGateway } from '../actions/support/actionsGateway';
import { openSse, type SseStream } from '../support/sseClient';

const HOUR = 3_600_000;
/** The first Monday 00:00 UTC after START (Friday 2026-11-27 12:00). */
const MONDAY = Date.parse('2026-11-30T00:00:00Z');

const streams: SseStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));

async function onCallStream(gw: ActionsGateway): Promise<SseStream> {
  const stream = await openSse(`${gw.url}/api/events?types=oncall.changed`, { authorization: `Bearer ${gw.token}` });
  streams.push(stream);
  return stream;
}

const payloads = (stream: SseStream) =>
  stream.messages.map((m) => (JSON.parse(m.data) as OpsdeckEvent<OnCallChangedPayload>).payload);

async function onCallAs(gw: ActionsGateway, login: string): Promise<OnCallResponse> {
  const response = await fetch(`${gw.url}${ONCALL_PATH}`, {
    headers: { authorization: `Bearer ${gw.token}`, [GRAFANA_USER_HEADER]: login },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as OnCallResponse;
}

describe('oncall.changed from the demo roster', () => {
  let gw: ActionsGateway;

  beforeAll(async () => {
    gw = await startActionsGateway({}, true);
  });
  afterAll(async () => gw.close());

  it('emits each team’s Monday handover once, live, when the clock passes it, and nothing on the first read', async () => {
    const before = (await gw.read(ONCALL_PATH)).body as OnCallResponse;
    const stream = await onCallStream(gw);
    await gw.app.alertActions.polling.runOnce();
    gw.clock.now = MONDAY - 1;
    await gw.app.alertActions.polling.runOnce();
    expect(stream.messages).toEqual([]);

    gw.clock.now = MONDAY + 30_000;
    await gw.app.alertActions.polling.runOnce();
    await stream.waitFor(before.policies.length);
    await gw.app.alertActions.polling.runOnce();
    gw.clock.now = MONDAY + HOUR;
    await gw.app.alertActions.polling.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const after = (await gw.read(ONCALL_PATH)).body as OnCallResponse;
    expect(payloads(stream)).toEqual(
      before.policies.map((policy, i) => ({
        change: 'handover',
        provider: 'demo',
        policy: { id: policy.id, name: policy.name },
        level: 1,
        schedule: { id: policy.layers[0].scheduleId, name: policy.layers[0].scheduleName },
        teams: policy.teams,
        services: policy.services,
        left: policy.layers[0].now,
        came: after.policies[i].layers[0].now,
      }))
    );
    // The person planned next is the one who came.
    expect(after.policies.map((p) => p.layers[0].now[0].person.id)).toEqual(
      before.policies.map((p) => p.layers[0].next[0].person.id)
    );
    const [event] = stream.messages.map((m) => JSON.parse(m.data) as OpsdeckEvent);
    expect(event).toMatchObject({
      type: 'oncall.changed',
      at: MONDAY + 30_000,
      service: before.policies[0].services[0],
    });
  });

  it('answers "you" for the demo login: admin is the first team’s lead, on call at level 2', async () => {
    const roster = await onCallAs(gw, 'admin');
    const first = roster.policies[0];
    expect(roster.you).toEqual({
      login: 'admin',
      email: first.layers[1].now[0].person.email,
      now: [{ policyId: first.id, policyName: first.name, level: 2 }],
      next: [],
    });
    expect((await onCallAs(gw, 'nobody')).you).toEqual({ login: 'nobody', now: [], next: [] });
    expect(((await gw.read(ONCALL_PATH)).body as OnCallResponse).you).toBeUndefined();
  });
});

describe('oncall.changed from PagerDuty', () => {
  let pd: PagerDutyFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    pd = new PagerDutyFake({ now: () => gw?.clock.now ?? START });
    pd.users.push(
      { id: 'PU1', name: 'Alice', email: 'alice@example.com' },
      { id: 'PU2', name: 'Bob', email: 'bob@example.com' },
      { id: 'PU3', name: 'Carol', email: 'carol@example.com' },
      { id: 'PU4', name: 'Dan', email: 'dan@example.com' }
    );
    pd.schedules.push({
      id: 'PS1',
      name: 'Payments primary',
      userIds: ['PU1', 'PU2'],
      rotationStart: START,
      shiftHours: 12,
    });
    pd.escalationPolicies.push({
      id: 'PEP1',
      name: 'Payments',
      serviceIds: ['PCHK001', 'PPAY002'],
      rules: [
        { delayMinutes: 15, targets: [{ type: 'schedule', id: 'PS1' }] },
        { delayMinutes: 30, targets: [{ type: 'user', id: 'PU3' }] },
      ],
    });
    await pd.start();
    gw = await startActionsGateway({
      settings: {
        pagerdutyApiToken: pd.token,
        pagerdutyApiUrl: pd.url,
        pagerdutyFromByUser: 'vera=alice@example.com,walt=dan@example.com',
        oncallEmailByUser: 'walt=bob@example.com',
      },
    });
  });
  afterAll(async () => {
    await gw.close();
    await pd.stop();
  });

  it('polls oncalls with since/until and emits the handover and the roster change between two polls', async () => {
    const stream = await onCallStream(gw);
    await gw.app.alertActions.polling.runOnce();
    const [firstRead] = pd.callsTo('GET', '/oncalls');
    expect(firstRead.query.get('since')).toBe(new Date(START).toISOString());
    expect(Date.parse(firstRead.query.get('until') ?? '')).toBeGreaterThan(START);

    // Alice's 12-hour shift ends and Bob's starts; meanwhile the backup level's user is replaced in the policy.
    gw.clock.now = START + 12 * HOUR + 60_000;
    pd.escalationPolicies[0].rules[1].targets = [{ type: 'user', id: 'PU4' }];
    await gw.app.alertActions.polling.runOnce();
    await stream.waitFor(2);

    const changes = payloads(stream).map((p) => ({
      change: p.change,
      level: p.level,
      left: p.left.map((s) => s.person.name),
      came: p.came.map((s) => s.person.name),
    }));
    expect(changes).toEqual([
      { change: 'handover', level: 1, left: ['Alice'], came: ['Bob'] },
      { change: 'roster-changed', level: 2, left: ['Carol'], came: ['Dan'] },
    ]);
    expect(payloads(stream)[0]).toMatchObject({
      provider: 'pagerduty',
      policy: { id: 'PEP1', name: 'Payments' },
      schedule: { id: 'PS1', name: 'Payments primary' },
      teams: ['payments'],
      services: ['checkout-api', 'payments-worker'],
    });
    expect(payloads(stream)[0].came[0]).toMatchObject({ start: START + 12 * HOUR, end: START + 24 * HOUR });
  });

  it('maps the Grafana login to an email: the on-call setting over OPSDECK_PAGERDUTY_FROM_BY_USER', async () => {
    // Now (12:01 on the 28th) Bob holds level 1 and Dan level 2; walt is Bob here, vera is Alice (next).
    const walt = await onCallAs(gw, 'walt');
    expect(walt.you).toMatchObject({ email: 'bob@example.com', next: [] });
    expect(walt.you?.now).toEqual([
      {
        policyId: 'PEP1',
        policyName: 'Payments',
        level: 1,
        scheduleName: 'Payments primary',
        start: START + 12 * HOUR,
        end: START + 24 * HOUR,
      },
    ]);
    const vera = await onCallAs(gw, 'vera');
    expect(vera.you).toMatchObject({ email: 'alice@example.com', now: [] });
    expect(vera.you?.next.map((d) => [d.level, d.start])).toEqual([[1, START + 24 * HOUR]]);
    expect((await onCallAs(gw, 'dan@example.com')).you?.now.map((d) => d.level)).toEqual([2]);
  });
});
