/**
 * Issue 9, defect 4: text with U+0000 (JSON's \u0000) in a correctly signed delivery must be stored, not answered
 * 500 on every retry (Postgres text refuses NUL) until the sender gives up. Both databases store U+FFFD in its
 * place, so a real gateway on SQLite and one on Postgres answer the same values through the read API and the event
 * log; a replay changes nothing. Other writers (post-mortems, maintenance reasons, the audit log) go through the
 * same connection layer and are checked too: post-mortems, maintenance reasons, CI deploy ingest, the audit log.
 */
import type {
  AlertListResponse,
  DeploymentListResponse,
  IncidentDetailResponse,
  IncidentListResponse,
  MaintenanceListResponse,
  PostmortemResponse,
} from '@opsdeck/contract';
import { WRITE_ROLE_HEADER } from '@opsdeck/contract';
import { incidentId } from '../../src/upstream/alertIngest';
import type { Store } from '../../src/store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, postPagerDuty } from '../support/pagerDutyWebhook';
import { openSse } from '../support/sseClient';
import { postgresBackend, sqliteBackend, type StoreBackend } from '../support/storeBackends';
import { sameDatabase } from './support/sameDatabase';

jest.setTimeout(30_000);

const WEBHOOK_TOKEN = 'nul-test-token';
const FFFD = '\ufffd';

const pagerDutyBody = JSON.stringify({
  event: {
    id: 'EV-nul\u0000-1',
    event_type: 'incident.triggered',
    resource_type: 'incident',
    occurred_at: '2026-11-27T10:00:00Z',
    agent: { summary: 'ali\u0000ce' },
    data: {
      id: 'PNUL\u00001',
      type: 'incident',
      status: 'triggered',
      title: 'Checkout\u0000down',
      urgency: 'high',
      incident_key: 'key\u0000',
      service: { id: 'PCHK001', summary: 'Check\u0000out' },
    },
  },
});

const alertmanagerBody = JSON.stringify({
  version: '4',
  status: 'firing',
  receiver: 'opsdeck',
  groupKey: '{}:{alertname="Nul\u0000Rate"}',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'Nul\u0000Rate', service: 'checkout-api', 'we\u0000ird': 'v\u0000' },
      annotations: { summary: 'Errors\u0000high', description: 'a\u0000b\u0000c' },
      startsAt: '2026-11-27T10:00:00Z',
      generatorURL: 'http://prometheus/graph?g0.expr=x\u0000',
    },
  ],
});

/** What each database answered, compared across them once both suites ran. */
const answered = new Map<string, unknown>();

describe.each([sqliteBackend(), postgresBackend()])('NUL in stored text on $name', (backend: StoreBackend) => {
  let store: Store;
  let gateway: TestGateway;

  beforeAll(async () => {
    store = await backend.open();
    gateway = await startTestGateway({
      ...(await sameDatabase(store)),
      webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET, webhookToken: WEBHOOK_TOKEN },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
    await backend.cleanup();
  });

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${gateway.token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const write = (method: string, path: string, body: unknown) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${gateway.token}`,
        [WRITE_ROLE_HEADER]: gateway.token,
        'content-type': 'application/json',
        'x-grafana-user': 'nul-tester',
      },
      body: JSON.stringify(body),
    });
  const postAlertmanager = () =>
    fetch(`${gateway.url}/webhooks/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
      body: alertmanagerBody,
    });

  it('stores a signed PagerDuty delivery with NUL in its text, once', async () => {
    const first = await postPagerDuty(gateway.url, pagerDutyBody, 'unused-header');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored', inserted: 2 });
    const replay = await postPagerDuty(gateway.url, pagerDutyBody, 'unused-header');
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'stored', inserted: 0 });

    const { alerts } = await get<AlertListResponse>('/api/alerts?source=pagerduty&status=all');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      dedupKey: `PNUL${FFFD}1`,
      summary: `Checkout${FFFD}down`,
      labels: { pagerduty_service: `Check${FFFD}out`, incident_key: `key${FFFD}` },
    });
    const { incidents } = await get<IncidentListResponse>('/api/incidents?source=pagerduty&status=all');
    expect(incidents.map((i) => [i.externalId, i.title])).toEqual([[`PNUL${FFFD}1`, `Checkout${FFFD}down`]]);
    const detail = await get<IncidentDetailResponse>(`/api/incidents/${incidents[0].id}`);
    expect(detail.incident.timeline).toEqual([expect.objectContaining({ kind: 'triggered', actor: `ali${FFFD}ce` })]);
    const [delivery] = await store.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('source', '=', 'pagerduty')
      .execute();
    expect(delivery.delivery_id).toBe(`EV-nul${FFFD}-1`);
    answered.set(`${backend.name}:pagerduty`, {
      alerts: stable(alerts),
      incidents: stable(incidents),
      detail: stable(detail),
    });
  });

  it('stores an Alertmanager delivery with NUL in labels and annotations, once', async () => {
    const first = await postAlertmanager();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored', inserted: 1 });
    expect(await (await postAlertmanager()).json()).toEqual({ status: 'stored', inserted: 0 });

    const { alerts } = await get<AlertListResponse>('/api/alerts?source=alertmanager&status=all&limit=1000');
    const mine = alerts.filter((a) => a.labels.alertname === `Nul${FFFD}Rate`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      summary: `Errors${FFFD}high`,
      description: `a${FFFD}b${FFFD}c`,
      labels: { [`we${FFFD}ird`]: `v${FFFD}` },
      links: [{ title: 'Source', url: `http://prometheus/graph?g0.expr=x${FFFD}` }],
    });
    answered.set(`${backend.name}:alertmanager`, stable(mine));
  });

  it('replays the same values from the event log as the read API answers', async () => {
    const events = await openSse(`${gateway.url}/api/events?lastEventId=0&types=alert.changed`, {
      authorization: `Bearer ${gateway.token}`,
    });
    try {
      const summaries = async () =>
        events.messages.map(
          (m) => (JSON.parse(m.data) as { payload: { alert: { summary: string } } }).payload.alert.summary
        );
      await waitUntil(async () => {
        const seen = await summaries();
        return seen.includes(`Checkout${FFFD}down`) && seen.includes(`Errors${FFFD}high`);
      });
      expect((await summaries()).some((s) => s.includes('\u0000'))).toBe(false);
    } finally {
      events.close();
    }
  });

  it('stores post-mortems, maintenance reasons and audit entries with NUL the same way', async () => {
    const incident = incidentId('pagerduty', 'PNUL\u00001');
    const saved = await write('PUT', `/api/incidents/${incident}/postmortem`, { markdown: '# Root\u0000cause' });
    expect(saved.status).toBe(200);
    const { postmortem } = await get<PostmortemResponse>(`/api/incidents/${incident}/postmortem`);
    expect(postmortem?.markdown).toBe(`# Root${FFFD}cause`);

    const created = await write('POST', '/api/maintenance', {
      services: ['checkout-api'],
      reason: 'DB\u0000upgrade',
      endsAt: Date.now() + 3_600_000,
    });
    expect(created.status).toBeLessThan(300);
    const { windows } = await get<MaintenanceListResponse>('/api/maintenance?state=all');
    expect(windows.map((w) => w.reason)).toContain(`DB${FFFD}upgrade`);

    const deploy = {
      service: 'checkout-api',
      version: 'v1',
      status: 'succeeded',
      actor: 'ci\u0000bot',
      commit: 'c\u0000',
    };
    // The fields that make a deployment's id refuse control characters outright; free text is stored.
    const badVersion = await write('POST', '/api/deployments', { ...deploy, version: 'v\u00001' });
    expect(badVersion.status).toBe(400);
    expect((await write('POST', '/api/deployments', deploy)).status).toBe(201);
    expect((await write('POST', '/api/deployments', deploy)).status).toBe(200);
    const { deployments } = await get<DeploymentListResponse>('/api/deployments?service=checkout-api&limit=1000');
    const ingested = deployments.filter((d) => d.source === 'ci');
    expect(ingested.map((d) => [d.version, d.actor, d.commit])).toEqual([['v1', `ci${FFFD}bot`, `c${FFFD}`]]);

    const entry = await store.appendAudit({
      at: 1,
      user: 'bo\u0000b',
      action: 'test.nul',
      target: 't\u0000',
      detail: { note: 'n\u0000' },
      outcome: 'success',
    });
    const [listed] = await store.listAudit({ user: 'bo\u0000b' });
    expect(listed).toEqual({ ...entry, user: `bo${FFFD}b`, target: `t${FFFD}`, detail: { note: `n${FFFD}` } });
    answered.set(`${backend.name}:writers`, [
      postmortem?.markdown,
      windows.map((w) => w.reason),
      ingested.map((d) => [d.id, d.actor, d.commit]),
      stable(listed),
    ]);
  });
});

it('answers the same values on SQLite and on Postgres', () => {
  for (const part of ['pagerduty', 'alertmanager', 'writers']) {
    expect(answered.get(`postgres:${part}`)).toEqual(answered.get(`sqlite:${part}`));
    expect(answered.get(`sqlite:${part}`)).toBeDefined();
  }
});

/** The answer without what legitimately differs between two runs (times of receipt, audit ids). */
function stable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, entry) => (['updatedAt', 'id', 'at'].includes(key) ? undefined : entry))
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
