/** GET /api/oncall from the Opsgenie fake's schedules and on-call participants, "you", and its handovers. */
import { GRAFANA_USER_HEADER, ONCALL_PATH, type OnCallChangedPayload, type OnCallResponse } from '@opsdeck/contract';
import { OpsgenieFake } from '../fakes/opsgenie';
import { startActionsGateway, START, type ActionsGateway } from '../actions/support/actionsGateway';
import { openSse } from '../support/sseClient';

describe('on-call from Opsgenie', () => {
  let og: OpsgenieFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    og = new OpsgenieFake();
    og.schedules.add({
      id: 'sch-1',
      name: 'Payments rotation',
      ownerTeam: { id: 'team-1', name: 'Payments' },
      onCall: ['alice@example.com'],
      next: ['bob@example.com'],
    });
    og.schedules.add({ id: 'sch-2', name: 'catalog_schedule', onCall: ['carol@example.com'], next: [] });
    og.schedules.add({ id: 'sch-3', name: 'Retired', enabled: false, onCall: ['dan@example.com'] });
    await og.start();
    gw = await startActionsGateway({
      settings: { opsgenieApiKey: og.apiKey, opsgenieApiUrl: og.url, oncallEmailByUser: 'vera=bob@example.com' },
    });
  });
  afterAll(async () => {
    await gw.close();
    await og.stop();
  });

  it('reads enabled schedules with who is on call now and next, tied to catalog teams', async () => {
    const { status, body } = (await gw.read(ONCALL_PATH)) as { status: number; body: OnCallResponse };
    expect(status).toBe(200);
    expect(body.provider).toBe('opsgenie');
    expect(body.policies.map((p) => [p.id, p.name, p.teams])).toEqual([
      ['sch-2', 'catalog_schedule', ['catalog']],
      ['sch-1', 'Payments rotation', ['payments']],
    ]);
    const payments = body.policies[1];
    expect(payments.services).toEqual(['checkout-api', 'fraud-scoring', 'payments-worker']);
    expect(payments.layers).toEqual([
      {
        level: 1,
        scheduleId: 'sch-1',
        scheduleName: 'Payments rotation',
        now: [
          {
            person: {
              id: 'alice@example.com',
              name: 'alice@example.com',
              email: 'alice@example.com',
              contacts: [{ type: 'email', address: 'alice@example.com' }],
            },
          },
        ],
        next: [expect.objectContaining({ person: expect.objectContaining({ email: 'bob@example.com' }) })],
      },
    ]);
    const onCalls = og.callsTo('GET', '/v2/schedules/sch-1/on-calls')[0];
    expect(onCalls.headers.authorization).toBe(`GenieKey ${og.apiKey}`);
    expect(Object.fromEntries(onCalls.query)).toEqual({
      scheduleIdentifierType: 'id',
      flat: 'true',
      date: new Date(START).toISOString().replace('.000Z', 'Z'),
    });
    expect(og.callsTo('GET', '/v2/schedules/sch-3/on-calls')).toEqual([]);
  });

  it('says where the signed-in user is on call next', async () => {
    const response = await fetch(`${gw.url}${ONCALL_PATH}`, {
      headers: { authorization: `Bearer ${gw.token}`, [GRAFANA_USER_HEADER]: 'vera' },
    });
    const body = (await response.json()) as OnCallResponse;
    expect(body.you).toEqual({
      login: 'vera',
      email: 'bob@example.com',
      now: [],
      next: [{ policyId: 'sch-1', policyName: 'Payments rotation', level: 1, scheduleName: 'Payments rotation' }],
    });
  });

  it('emits a handover when the planned next participant takes over', async () => {
    const stream = await openSse(`${gw.url}/api/events?types=oncall.changed`, { authorization: `Bearer ${gw.token}` });
    try {
      await gw.app.alertActions.polling.runOnce();
      const [payments] = og.schedules.schedules;
      payments.onCall = ['bob@example.com'];
      payments.next = ['alice@example.com'];
      await gw.app.alertActions.polling.runOnce();
      const [message] = await stream.waitFor(1);
      const { payload } = JSON.parse(message.data) as { payload: OnCallChangedPayload };
      expect(payload).toMatchObject({ change: 'handover', provider: 'opsgenie', policy: { id: 'sch-1' }, level: 1 });
      expect([payload.left[0].person.email, payload.came[0].person.email]).toEqual([
        'alice@example.com',
        'bob@example.com',
      ]);
    } finally {
      stream.close();
    }
  });
});
