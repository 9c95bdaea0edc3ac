// One signed PagerDuty incident on checkout-api, in live mode (CloudWatch through the protocol fakes, no demo fleet),
// reaches every page and panel that shows incidents: the service's status, the Overview's fleet_health, the Service
// page's answers, the events annotations, DORA, the suspect deploy's evidence and the post-mortem's timeline. Demo
// mode reads the same alert store (the demo ingester fills it); its counterparts are named in incidentStatus,
// storedIncidents and demoSuspects.
import '../aws/fakeCredentials';
import type {
  DataFrameJSON,
  DoraResponse,
  IncidentDetailResponse,
  IncidentListResponse,
  PostmortemResponse,
  QueryResponse,
  ReliabilityResponse,
  SloResponse,
  SuspectDeploysResponse,
} from '@opsdeck/contract';
import { awsConfigFor, SimulatedClock, startAwsFakes, type AwsFakes } from '../aws/harness';
import { call, postCiDeploy } from '../deployments/http';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SERVICE = 'checkout-api';
const INGEST_TOKEN = 'ingest-token-for-ci-0123456789';
const INCIDENT = 8101;

let fakes: AwsFakes;
let clock: SimulatedClock;
let gateway: TestGateway;
/** Two hours ago, on a whole minute: the incident starts here and the 5xx share steps up with it. */
let paged: number;

const query = async (queryType: string, extra: object, range = { from: paged - 3 * HOUR, to: clock.nowMs }) => {
  const { status, body } = await call<QueryResponse>(gateway, '/api/query', {
    body: { range, queries: [{ refId: 'A', queryType, services: [SERVICE], ...extra }] },
  });
  expect(status).toBe(200);
  expect(body.results.A.error).toBeUndefined();
  const frame = body.results.A.frames![0] as DataFrameJSON;
  const names = frame.schema.fields.map((f) => f.name);
  return frame.data.values[0]!.map((_, row) =>
    Object.fromEntries(names.map((name, column) => [name, frame.data.values[column]![row]]))
  );
};
const get = async <T>(path: string) => {
  const { status, body } = await call<T>(gateway, path);
  expect(status).toBe(200);
  return body;
};

const overviewRow = async () => (await query('fleet_health', {})).find((row) => row.service === SERVICE)!;
const sloRow = async () => (await get<SloResponse>(`/api/slo?service=${SERVICE}`)).services[0]!;
const incidentRows = async () =>
  (await query('events', { eventKinds: ['incident'] })).filter((row) => row.kind === 'incident');
const dora = async () =>
  (await get<DoraResponse>(`/api/deployments/dora?service=${SERVICE}&from=${paged - 3 * HOUR}&to=${clock.nowMs}`))
    .rows[0]!.figures;
const storedIncident = async () =>
  (await get<IncidentListResponse>(`/api/incidents?service=${SERVICE}&status=all`)).incidents.find(
    (i) => i.externalId === `PTEST${INCIDENT}`
  );

beforeAll(async () => {
  clock = new SimulatedClock(Math.floor(Date.now() / 300_000) * 300_000);
  paged = clock.nowMs - 2 * HOUR;
  fakes = await startAwsFakes(clock);
  // Healthy but for half an hour of 1 % 5xx from the page on: a jump the suspect ranking sees, too small and too
  // long ago to spend the day's budget or burn now, so only the incident moves the status.
  fakes.cloudwatch.metricValue = (m, t) => {
    if (m.metricName === 'RequestCount') return 1000;
    if (/5XX|Error/.test(m.metricName)) return t * 1000 >= paged && t * 1000 < paged + 30 * MINUTE ? 10 : 0;
    if (m.metricName === 'TargetResponseTime') return 0.05;
    if (/Latency|Duration/.test(m.metricName)) return 50;
    return undefined;
  };
  gateway = await startTestGateway({
    aws: awsConfigFor(fakes, '/tmp/opsdeck-live-consumers-test'),
    awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
    clock: clock.now,
    webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET },
    // Only CI deploys: the one below is the whole deploy history.
    deployments: { mode: { kind: 'none' }, settings: { ingestToken: INGEST_TOKEN, pollIntervalMs: 0 } },
  });
  await postCiDeploy(gateway, INGEST_TOKEN, {
    service: SERVICE,
    version: '4.2.0',
    startedAt: paged - 20 * MINUTE,
    succeededAt: paged - 10 * MINUTE,
  });
});
afterAll(async () => {
  await gateway?.close();
  await fakes?.stop();
});

test('before the page: live mode, nothing open, the deploy has not failed', async () => {
  expect((await get<SloResponse>('/api/slo')).demo).toBe(false);
  expect(await overviewRow()).toMatchObject({ status: 'ok', open_incidents: 0 });
  expect(await sloRow()).toMatchObject({ status: 'ok', openIncidents: 0 });
  expect(await incidentRows()).toEqual([]);
  expect(await dora()).toMatchObject({ deployments: 1, changeFailureRate: 0 });
});

test('an open incident: status, Overview, Service page, annotations, DORA and the suspect deploy see it', async () => {
  const body = pagerDutyBody(INCIDENT, 'incident.triggered', paged);
  expect((await postPagerDuty(gateway.url, body, 'live-consumers-t')).status).toBe(200);

  // Status and Overview: a critical (high-urgency) incident open means down.
  expect(await overviewRow()).toMatchObject({ status: 'down', open_incidents: 1 });
  expect(await sloRow()).toMatchObject({ status: 'down', openIncidents: 1 });
  // Service page: its incident list, and the reliability section counting it.
  expect(await storedIncident()).toMatchObject({ source: 'pagerduty', service: SERVICE, status: 'triggered' });
  const reliability = await get<ReliabilityResponse>(`/api/reliability?service=${SERVICE}&from=${paged - HOUR}`);
  expect(reliability.fleet.current.incidents).toBe(1);
  // Annotations: a region from the page to now.
  expect(await incidentRows()).toEqual([
    expect.objectContaining({
      time: paged,
      timeEnd: clock.nowMs,
      title: `Test incident ${INCIDENT}`,
      service: SERVICE,
    }),
  ]);
  // DORA: the deploy that ended ten minutes before failed; nothing has recovered yet.
  const failing = await dora();
  expect(failing.changeFailureRate).toBe(1);
  expect(failing.recoveryTimeMs).toBeUndefined();
  // Suspects: the jump at the page, that deploy first, with the incident that followed it as evidence.
  const suspects = await get<SuspectDeploysResponse>(
    `/api/deployments/suspects?service=${SERVICE}&metric=error_rate&from=${paged - 90 * MINUTE}&to=${paged + 20 * MINUTE}`
  );
  expect(Math.abs(suspects.jump!.at - paged)).toBeLessThanOrEqual(2 * MINUTE);
  expect(suspects.suspects[0]!.deployment).toMatchObject({ service: SERVICE, version: '4.2.0' });
  expect(suspects.suspects[0]!.evidence).toMatchObject({ ownService: true, incidentMinutesAfter: 10 });
});

test('acknowledged and resolved: the status recovers, DORA recovers, the post-mortem has the timeline', async () => {
  for (const [type, at] of [
    ['incident.acknowledged', paged + 5 * MINUTE],
    ['incident.resolved', paged + 30 * MINUTE],
  ] as const) {
    const body = pagerDutyBody(INCIDENT, type, at, paged);
    expect((await postPagerDuty(gateway.url, body, `live-consumers-${type}`)).status).toBe(200);
  }

  expect(await overviewRow()).toMatchObject({ status: 'ok', open_incidents: 0 });
  expect(await sloRow()).toMatchObject({ status: 'ok', openIncidents: 0 });
  expect(await storedIncident()).toMatchObject({ status: 'resolved' });
  expect(await incidentRows()).toEqual([expect.objectContaining({ time: paged, timeEnd: paged + 30 * MINUTE })]);
  // Recovered when the incident was resolved: 40 minutes after the deploy ended.
  expect(await dora()).toMatchObject({ changeFailureRate: 1, recoveryTimeMs: 40 * MINUTE });
  const reliability = await get<ReliabilityResponse>(`/api/reliability?service=${SERVICE}&from=${paged - HOUR}`);
  expect(reliability.fleet.current).toMatchObject({
    incidents: 1,
    mtta: expect.objectContaining({ mean: 5 * MINUTE }),
    mttr: expect.objectContaining({ mean: 30 * MINUTE }),
  });

  // The post-mortem draft (postmortemDraft in the app) tabulates the detail's timeline; the incident takes one.
  const { id } = (await storedIncident())!;
  const detail = await get<IncidentDetailResponse>(`/api/incidents/${encodeURIComponent(id)}`);
  expect(detail.incident.timeline.map((e) => [e.kind, e.at])).toEqual([
    ['triggered', paged],
    ['acknowledged', paged + 5 * MINUTE],
    ['resolved', paged + 30 * MINUTE],
  ]);
  expect(detail.incident.timeline[1]!.actor).toBe('alice@example.com');
  const path = `/api/incidents/${encodeURIComponent(id)}/postmortem`;
  const saved = await call<PostmortemResponse>(gateway, path, {
    method: 'PUT',
    role: 'editor',
    user: 'alice',
    body: { markdown: '# Checkout 5xx after 4.2.0' },
  });
  expect(saved.status).toBe(200);
  expect((await get<PostmortemResponse>(path)).postmortem).toMatchObject({ markdown: '# Checkout 5xx after 4.2.0' });
});
