// Alert fatigue through a real gateway: Alertmanager notifications with chosen times (a flapping rule, one that is
// acknowledged through the API) in, GET /api/alert-fatigue and the alert_fatigue query type out.
import {
  GRAFANA_USER_HEADER,
  WRITE_ROLE_HEADER,
  type AlertFatigueResponse,
  type AlertListResponse,
  type QueryResponse,
} from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';

const TOKEN = 'fatigue-webhook-token';
const MIN = 60_000;
let gateway: TestGateway;
const now = Date.now();
const at = (minutes: number) => now + minutes * MIN;
// The gateway's clock, moved to each notification's moment: Alertmanager sends a resolution when it happens.
let clock = at(-120);

beforeAll(async () => {
  gateway = await startTestGateway({ webhooks: { webhookToken: TOKEN }, clock: () => clock });
});
afterAll(async () => {
  await gateway.close();
});

const auth = () => ({ authorization: `Bearer ${gateway.token}` });

async function notify(
  alertname: string,
  severity: string,
  status: 'firing' | 'resolved',
  startsAt: number,
  endsAt?: number
) {
  clock = endsAt ?? startsAt;
  const labels = { alertname, service: 'checkout-api', severity, instance: 'i-1' };
  const response = await fetch(`${gateway.url}/webhooks/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '4',
      groupKey: `{}:{alertname="${alertname}"}`,
      status,
      receiver: 'opsdeck',
      groupLabels: { alertname },
      commonLabels: labels,
      commonAnnotations: {},
      alerts: [
        {
          status,
          labels,
          annotations: { summary: `${alertname} on checkout-api` },
          startsAt: new Date(startsAt).toISOString(),
          endsAt: endsAt ? new Date(endsAt).toISOString() : '0001-01-01T00:00:00Z',
        },
      ],
    }),
  });
  expect(response.status).toBe(200);
}

it('counts a flapping, self-resolving rule as fatiguing and an acknowledged one as not', async () => {
  // FlappyDisk fires three times within 40 minutes; the first two resolve by themselves within 2 minutes.
  await notify('FlappyDisk', 'critical', 'firing', at(-60));
  await notify('FlappyDisk', 'critical', 'resolved', at(-60), at(-58));
  await notify('FlappyDisk', 'critical', 'firing', at(-40));
  await notify('FlappyDisk', 'critical', 'resolved', at(-40), at(-38));
  await notify('FlappyDisk', 'critical', 'firing', at(-20));
  // CalmQueue fires once and an Editor acknowledges it.
  await notify('CalmQueue', 'warning', 'firing', at(-30));
  clock = at(-5);
  const { alerts } = (await (
    await fetch(`${gateway.url}/api/alerts?alertname=CalmQueue`, { headers: auth() })
  ).json()) as AlertListResponse;
  const ack = await fetch(`${gateway.url}/api/alerts/${encodeURIComponent(alerts[0].id)}/acknowledge`, {
    method: 'POST',
    headers: {
      ...auth(),
      [WRITE_ROLE_HEADER]: gateway.token,
      [GRAFANA_USER_HEADER]: 'erin',
      'content-type': 'application/json',
    },
    body: '{}',
  });
  expect(ack.status).toBe(200);
  clock = at(10);

  const response = await fetch(`${gateway.url}/api/alert-fatigue?service=checkout-api&from=${at(-120)}&to=${at(10)}`, {
    headers: auth(),
  });
  expect(response.status).toBe(200);
  const report = (await response.json()) as AlertFatigueResponse;
  const rule = (name: string) => report.rules.find((r) => r.rule.name === name)!;
  expect(rule('FlappyDisk')).toMatchObject({
    rule: { kind: 'alertname', name: 'FlappyDisk' },
    team: 'payments',
    services: ['checkout-api'],
    receivers: ['opsdeck'],
    figures: { alerts: 3, interruptions: 3, flapping: 1, duplicates: 0, neverAcknowledged: 1, autoResolved: 2 / 3 },
  });
  expect(rule('CalmQueue').figures).toMatchObject({ alerts: 1, interruptions: 0, neverAcknowledged: 0 });
  // Fired at -30, acknowledged at -5 (the gateway's clock then).
  expect(rule('CalmQueue').figures.mtta).toBe(25 * MIN);
  expect(rule('FlappyDisk').figures.score.score).toBeGreaterThan(rule('CalmQueue').figures.score.score);
  const { business, off, sleep } = rule('FlappyDisk').figures.interruptionsByHours;
  expect(business + off + sleep).toBe(3);
  expect(report.truncated).toBe(false);
  // Both rules came through the "opsdeck" receiver.
  const receiver = report.receivers.find((r) => r.receiver === 'opsdeck')!;
  expect(receiver.figures.alerts).toBeGreaterThanOrEqual(4);

  const query = await fetch(`${gateway.url}/api/query`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({
      range: { from: at(-120), to: at(10) },
      maxDataPoints: 100,
      queries: [{ refId: 'A', queryType: 'alert_fatigue', service: 'checkout-api' }],
    }),
  });
  const frame = ((await query.json()) as QueryResponse).results.A.frames![0];
  const column = (name: string) => frame.data!.values[frame.schema!.fields.findIndex((f) => f.name === name)];
  const row = (column('rule') as string[]).indexOf('FlappyDisk');
  expect(column('flapping')[row]).toBe(1);
  expect(column('score')[row]).toBe(rule('FlappyDisk').figures.score.score);

  const bad = await fetch(`${gateway.url}/api/alert-fatigue?team=nobody`, { headers: auth() });
  expect(bad.status).toBe(400);
});
