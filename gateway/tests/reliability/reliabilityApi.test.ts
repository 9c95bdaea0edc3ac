// Signed PagerDuty webhooks with chosen occurred_at times into a fresh gateway: GET /api/reliability answers exactly
// the MTTA, MTTR and MTBF those times imply, and a replay of every delivery changes nothing.
import type { QueryResponse, ReliabilityResponse } from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';
import {
  PAGERDUTY_TEST_SECRET,
  pagerDutyBody,
  postPagerDuty,
  type PagerDutyEventType,
} from '../support/pagerDutyWebhook';

const MIN = 60_000;
// Far from the demo fleet's backfilled month, so only these incidents are in the range.
const T = Date.UTC(2020, 2, 1, 10);
const at = (minutes: number) => T + minutes * MIN;
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET } });
});
afterAll(async () => {
  await gateway.close();
});

const deliveries: Array<[number, PagerDutyEventType, number, number]> = [
  // [incident, event, occurred_at, created_at] in minutes after T. 9001: ack after 4, resolved after 30.
  [9001, 'incident.triggered', 0, 0],
  [9001, 'incident.acknowledged', 4, 0],
  [9001, 'incident.resolved', 30, 0],
  // 9002: resolved after 10 with no acknowledgement (acknowledged by its resolution).
  [9002, 'incident.triggered', 90, 90],
  [9002, 'incident.resolved', 100, 90],
  // 9003: still open, acknowledged after 2.
  [9003, 'incident.triggered', 300, 300],
  [9003, 'incident.acknowledged', 302, 300],
];

async function post(): Promise<void> {
  // Out of order on purpose: the figures follow the source's times, not arrival.
  for (const [n, type, occurred, created] of [...deliveries].reverse()) {
    const response = await postPagerDuty(
      gateway.url,
      pagerDutyBody(n, type, at(occurred), at(created)),
      `rel-${n}-${type}`
    );
    expect(response.status).toBe(200);
  }
}

async function reliability(query: string): Promise<ReliabilityResponse> {
  const response = await fetch(`${gateway.url}/api/reliability?${query}`, {
    headers: { authorization: `Bearer ${gateway.token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ReliabilityResponse;
}

it('answers the MTTA, MTTR and MTBF the webhook times imply, unchanged by a replay', async () => {
  await post();
  const range = `from=${at(-60)}&to=${at(24 * 60)}`;
  const first = await reliability(`${range}&service=checkout-api`);
  expect(first.rows.map((r) => r.key)).toEqual(['checkout-api']);
  expect(first.fleet.current).toEqual({
    incidents: 3,
    inMaintenance: 0,
    mtta: { count: 3, mean: (16 / 3) * MIN, median: 4 * MIN, p90: 10 * MIN },
    mttr: { count: 2, mean: 20 * MIN, median: 20 * MIN, p90: 30 * MIN },
    mtbf: { count: 2, mean: 130 * MIN, median: 130 * MIN, p90: 200 * MIN },
  });
  expect(first.fleet.previous).toEqual({ incidents: 0, inMaintenance: 0 });

  await post();
  expect(await reliability(`${range}&service=checkout-api`)).toEqual(first);
  const byTeam = await reliability(`${range}&groupBy=team`);
  expect(byTeam.fleet.current.mttr).toEqual(first.fleet.current.mttr);
});

it('answers the same figures as the incident_stats query type, for dashboards', async () => {
  const response = await fetch(`${gateway.url}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      range: { from: at(-60), to: at(24 * 60) },
      maxDataPoints: 100,
      queries: [
        { refId: 'A', queryType: 'incident_stats', service: 'checkout-api', alertGroupBy: 'service' },
        { refId: 'B', queryType: 'incident_stats', alertGroupBy: 'source' },
        // The older mtta query type follows the same definition (a resolution acknowledges an unacknowledged one).
        { refId: 'C', queryType: 'mtta', service: 'checkout-api', alertGroupBy: 'source' },
      ],
    }),
  });
  const { results } = (await response.json()) as QueryResponse;
  const frame = results.A.frames![0];
  const column = (name: string) => frame.data!.values[frame.schema!.fields.findIndex((f) => f.name === name)];
  expect(column('service')).toEqual(['checkout-api']);
  expect(column('incidents')).toEqual([3]);
  expect(column('mtta')).toEqual([(16 / 3) * MIN]);
  expect(column('mttr')).toEqual([20 * MIN]);
  expect(column('mtbf')).toEqual([130 * MIN]);
  expect(results.B.error).toMatch(/alertGroupBy/);
  const mtta = results.C.frames![0];
  expect(mtta.schema!.fields.map((f) => f.name)).toEqual(['source', 'mtta', 'incidents', 'acknowledged']);
  expect(mtta.data!.values).toEqual([['pagerduty'], [Math.round((16 / 3) * MIN)], [3], [3]]);
});

it('refuses bad parameters by name', async () => {
  for (const [query, field] of [
    ['groupBy=alertname', 'groupBy'],
    ['severity=urgent', 'severity'],
    ['includeMaintenance=yes', 'includeMaintenance'],
    ['service=nope', 'service'],
    [`from=${at(10)}&to=${at(0)}`, 'from'],
  ]) {
    const response = await fetch(`${gateway.url}/api/reliability?${query}`, {
      headers: { authorization: `Bearer ${gateway.token}` },
    });
    expect({ query, status: response.status }).toEqual({ query, status: 400 });
    expect(((await response.json()) as { field?: string }).field).toBe(field);
  }
});
