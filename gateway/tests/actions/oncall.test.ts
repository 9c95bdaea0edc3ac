/** GET /api/oncall from the PagerDuty fake (oncalls + schedules + escalation policies), and the demo roster. */
import { ONCALL_PATH, type OnCallResponse } from '@opsdeck/contract';
import { PagerDutyFake } from '../fakes/pagerduty';
import { startActionsGateway, START, type ActionsGateway } from './support/actionsGateway';

const HOUR = 3_600_000;

describe('on-call', () => {
  let pd: PagerDutyFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    pd = new PagerDutyFake({ now: () => START });
    pd.users.push(
      { id: 'PU1', name: 'Alice', email: 'alice@example.com', phone: '5550100' },
      { id: 'PU2', name: 'Bob', email: 'bob@example.com' },
      { id: 'PU3', name: 'Carol', email: 'carol@example.com' }
    );
    // Alice holds the 12-hour shift that started at 12:00 on the 27th; Bob is next.
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
    gw = await startActionsGateway({ settings: { pagerdutyApiToken: pd.token, pagerdutyApiUrl: pd.url } });
  });

  afterAll(async () => {
    await gw.close();
    await pd.stop();
  });

  it('lists who is on call now and next per escalation policy and level, with contacts and steps', async () => {
    const { status, body } = (await gw.read(ONCALL_PATH)) as { status: number; body: OnCallResponse };
    expect(status).toBe(200);
    expect(body.provider).toBe('pagerduty');
    const [policy] = body.policies;
    expect(policy).toMatchObject({
      id: 'PEP1',
      name: 'Payments',
      teams: ['payments'],
      services: ['checkout-api', 'payments-worker'],
    });
    expect(policy.steps).toEqual([
      { level: 1, delayMinutes: 15, targets: [{ type: 'schedule', id: 'PS1', name: 'Payments primary' }] },
      { level: 2, delayMinutes: 30, targets: [{ type: 'user', id: 'PU3', name: 'Carol' }] },
    ]);
    const [primary, backup] = policy.layers;
    expect(primary).toMatchObject({ level: 1, scheduleId: 'PS1', scheduleName: 'Payments primary' });
    expect(primary.now).toEqual([
      {
        person: {
          id: 'PU1',
          name: 'Alice',
          email: 'alice@example.com',
          contacts: [
            { type: 'email', address: 'alice@example.com', label: 'Default' },
            { type: 'phone', address: '+1 5550100', label: 'Mobile' },
          ],
        },
        start: START,
        end: START + 12 * HOUR,
      },
    ]);
    expect(primary.next.map((s) => [s.person.name, s.start])).toEqual([['Bob', START + 12 * HOUR]]);
    expect(backup).toMatchObject({ level: 2, next: [] });
    expect(backup.now.map((s) => s.person.name)).toEqual(['Carol']);
    expect(pd.callsTo('GET', '/oncalls')[0].headers.authorization).toBe(`Token token=${pd.token}`);
  });

  it('reads every page of on-call entries', async () => {
    // 14 days of 1-hour shifts: more than one page of 100.
    pd.schedules[0].shiftHours = 1;
    pd.calls.length = 0;
    const { body } = (await gw.read(ONCALL_PATH)) as { body: OnCallResponse };
    expect(pd.callsTo('GET', '/oncalls').length).toBeGreaterThan(1);
    expect(body.policies[0].layers[0].next[0].start).toBe(START + HOUR);
    pd.schedules[0].shiftHours = 12;
  });

  it('answers a deterministic demo roster for the catalog teams in demo mode', async () => {
    const demo = await startActionsGateway({}, true);
    try {
      const first = (await demo.read(ONCALL_PATH)).body as OnCallResponse;
      const again = (await demo.read(ONCALL_PATH)).body as OnCallResponse;
      expect(first.provider).toBe('demo');
      expect(first.policies).toEqual(again.policies);
      const teams = first.policies.flatMap((p) => p.teams).sort();
      expect(teams).toEqual(['catalog', 'payments', 'platform']);
      for (const policy of first.policies) {
        expect(policy.layers[0].now).toHaveLength(1);
        expect(policy.layers[0].next[0].person.name).not.toBe(policy.layers[0].now[0].person.name);
        expect(policy.steps.length).toBeGreaterThan(0);
      }
    } finally {
      await demo.close();
    }
  });
});
