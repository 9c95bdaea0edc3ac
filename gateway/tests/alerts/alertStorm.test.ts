// An alert storm through a real gateway over loopback: Alertmanager notifications in, then the calls a responder's
// page makes: groups with counts, a group's members page by page, acting on a whole group by its filter, the
// whole-set export, and the compact live stream.
import {
  ALERT_BULK_PATH,
  ALERT_GROUPS_PATH,
  ALERTS_EXPORT_PATH,
  GRAFANA_USER_HEADER,
  NO_VALUE,
  WRITE_ROLE_HEADER,
  type AlertBulkJob,
  type AlertBulkResponse,
  type AlertGroupsResponse,
  type AlertListQuery,
  type AlertListResponse,
  type AlertsDeltaPayload,
  type OpsdeckEvent,
} from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { openSse, type SseStream } from '../support/sseClient';

const TOKEN = 'storm-webhook-token';
const SERVICES = ['checkout-api', 'payments-worker', 'search-api'];
const NAMES = ['HighLatency', 'ErrorBudgetBurn', 'PodCrashLooping', 'DiskFull'];
let gateway: TestGateway;
const streams: SseStream[] = [];

beforeAll(async () => {
  gateway = await startTestGateway({ webhooks: { webhookToken: TOKEN } });
});
afterEach(() => streams.splice(0).forEach((s) => s.close()));
afterAll(async () => {
  await gateway.close();
});

const auth = () => ({ authorization: `Bearer ${gateway.token}` });
const editor = () => ({ ...auth(), [WRITE_ROLE_HEADER]: gateway.token, [GRAFANA_USER_HEADER]: 'storm-sre' });

function query(q: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    for (const one of [v].flat()) if (one !== undefined) params.append(k, String(one));
  return params.toString();
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${gateway.url}${path}`, { headers: auth() });
  return { status: response.status, body: (await response.json()) as T };
}

/** One Alertmanager notification: `count` firing alerts of one alertname, spread over SERVICES (and none). */
async function notify(batch: string, alertname: string, count: number, extra: Record<string, string> = {}) {
  const alerts = Array.from({ length: count }, (_, i) => ({
    status: 'firing',
    labels: {
      alertname,
      storm: '1',
      instance: `${batch}-${i}`,
      severity: i % 3 === 0 ? 'critical' : 'warning',
      zone: i % 2 ? 'eu-west-1a' : 'eu-west-1b',
      // Every fifth alert names no catalog service.
      ...(i % 5 === 4 ? {} : { service: SERVICES[i % SERVICES.length] }),
      ...extra,
    },
    annotations: { summary: `${alertname} on ${batch}-${i}` },
    startsAt: '2026-12-04T10:00:00Z',
    endsAt: '0001-01-01T00:00:00Z',
  }));
  const response = await fetch(`${gateway.url}/webhooks/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '4',
      groupKey: `{}:{alertname="${alertname}"}`,
      status: 'firing',
      receiver: 'opsdeck',
      groupLabels: { alertname },
      commonLabels: { alertname },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example:9093',
      alerts,
    }),
  });
  expect(response.status).toBe(200);
}

async function listAll(filter: AlertListQuery, limit = 37) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  do {
    const page = await getJson<AlertListResponse>(`/api/alerts?${query({ ...filter, limit, cursor })}`);
    expect(page.status).toBe(200);
    total = page.body.total;
    ids.push(...page.body.alerts.map((a) => a.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return { ids, total };
}

async function waitForJob(id: string): Promise<AlertBulkJob> {
  for (let i = 0; i < 200; i++) {
    const { body } = await getJson<AlertBulkResponse>(`${ALERT_BULK_PATH}/${id}`);
    if (body.job.state !== 'running') return body.job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`bulk job ${id} still running`);
}

describe('an alert storm, as the Alerts page works it', () => {
  beforeAll(async () => {
    for (const [i, name] of NAMES.entries()) await notify(`b${i}`, name, 60 + i * 10);
  });

  it('folds the storm into groups whose filters list exactly their members, page by page', async () => {
    const grouped = await getJson<AlertGroupsResponse>(`${ALERT_GROUPS_PATH}?label.storm=1`);
    expect(grouped.status).toBe(200);
    const { groups, total, groupCount, by } = grouped.body;
    expect(by).toEqual(['alertname', 'service']);
    expect(total).toBe(60 + 70 + 80 + 90);
    expect(groupCount).toBe(NAMES.length * (SERVICES.length + 1));
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(total);
    // Biggest first.
    expect(groups.map((g) => g.count)).toEqual([...groups.map((g) => g.count)].sort((a, b) => b - a));

    const noService = groups.find((g) => g.key[1] === '')!;
    expect(noService.filter).toMatchObject({ service: NO_VALUE });
    for (const group of [groups[0], noService, groups.at(-1)!]) {
      const members = await listAll({ 'label.storm': '1', ...group.filter });
      expect(members.total).toBe(group.count);
      expect(new Set(members.ids).size).toBe(group.count);
      expect(group.count).toBe((group.byStatus.firing ?? 0) + (group.byStatus.acknowledged ?? 0));
      expect(group.summary).toMatch(new RegExp(`^${group.key[0]} on `));
    }
  });

  it('groups by Alertmanager’s group key and by any label', async () => {
    const byKey = await getJson<AlertGroupsResponse>(`${ALERT_GROUPS_PATH}?label.storm=1&by=groupKey`);
    expect(byKey.body.groups.map((g) => g.key[0]).sort()).toEqual(NAMES.map((n) => `{}:{alertname="${n}"}`).sort());
    const byZone = await getJson<AlertGroupsResponse>(
      `${ALERT_GROUPS_PATH}?${query({ 'label.storm': '1', by: 'label:zone,severity' })}`
    );
    expect(byZone.body.groupCount).toBe(4);
    const zoneGroup = byZone.body.groups[0];
    const members = await listAll({ 'label.storm': '1', ...zoneGroup.filter });
    expect(members.total).toBe(zoneGroup.count);

    const bad = await getJson<{ field: string }>(`${ALERT_GROUPS_PATH}?by=alertname,nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('by');
    // Repeated parameters are one comma-separated list to the gateway.
    const twice = await getJson<{ field: string }>(`${ALERT_GROUPS_PATH}?by=service&by=service`);
    expect(twice.status).toBe(400);
    // An empty value is no label: the demo fleet's alerts, never the storm's (each has a zone).
    const noZone = await getJson<AlertListResponse>(
      `/api/alerts?${query({ 'label.zone': '', status: 'all', limit: 1000 })}`
    );
    expect(noZone.body.alerts.filter((a) => 'zone' in a.labels)).toEqual([]);
    expect(noZone.body.alerts.length).toBeGreaterThan(0);
    const oneZone = await listAll({ 'label.storm': '1', 'label.zone': 'eu-west-1a', 'label.severity': 'critical' });
    expect(oneZone.total).toBe(
      zoneGroup.key[0] === 'eu-west-1a' && zoneGroup.key[1] === 'critical' ? zoneGroup.count : oneZone.total
    );
    const viaIncidents = await getJson<{ field: string }>('/api/incidents?label.zone=x');
    expect(viaIncidents.status).toBe(400);
  });

  it('acknowledges a whole group by its filter, refuses when more match than the user saw, leaves others alone', async () => {
    const { groups } = (await getJson<AlertGroupsResponse>(`${ALERT_GROUPS_PATH}?label.storm=1`)).body;
    const target = groups.find((g) => g.key[0] === 'DiskFull' && g.key[1] === 'search-api')!;
    const filter = { 'label.storm': '1', ...target.filter };
    const post = (body: object, headers = editor()) =>
      fetch(`${gateway.url}${ALERT_BULK_PATH}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const viewer = await post({ action: 'acknowledge', filter }, auth() as ReturnType<typeof editor>);
    expect(viewer.status).toBe(403);
    const tooFew = await post({ action: 'acknowledge', filter, expected: target.count - 1 });
    expect(tooFew.status).toBe(409);
    expect(await tooFew.json()).toMatchObject({ field: 'expected', matching: target.count });
    const unknownField = await post({ action: 'acknowledge', filter: { ...filter, cursor: 'x' } });
    expect(unknownField.status).toBe(400);

    const started = await post({ action: 'acknowledge', filter, expected: target.count });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as AlertBulkResponse;
    expect(job).toMatchObject({ state: 'running', total: target.count, user: 'storm-sre' });
    const finished = await waitForJob(job.id);
    expect(finished).toMatchObject({ state: 'done', done: target.count, failed: 0 });

    const acked = await listAll({ ...filter, status: 'acknowledged' });
    expect(acked.total).toBe(target.count);
    const stillFiring = await listAll({ ...filter, status: 'firing' });
    expect(stillFiring.total).toBe(0);
    // The neighbouring group (same name, other service) is untouched.
    const neighbour = await listAll({
      'label.storm': '1',
      alertname: 'DiskFull',
      service: 'checkout-api',
      status: 'acknowledged',
    });
    expect(neighbour.total).toBe(0);
  });

  it('exports every matching alert, not one page, as CSV, NDJSON and JSON', async () => {
    const { total } = await listAll({ 'label.storm': '1', status: 'all' }, 1000);
    const get = (format: string) =>
      fetch(`${gateway.url}${ALERTS_EXPORT_PATH}?${query({ 'label.storm': '1', status: 'all', format })}`, {
        headers: auth(),
      });
    const csv = await get('csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="alerts-.*\.csv"/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,service,team,severity,status/);
    expect(lines).toHaveLength(total + 1);
    const ndjson = (await (await get('ndjson')).text()).trimEnd().split('\n');
    expect(new Set(ndjson.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(total);
    const json = (await (await get('json')).json()) as unknown[];
    expect(json).toHaveLength(total);

    const bad = await get('xlsx');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'format' });
  });

  it('streams compact deltas: one line per alert, a count past the cap, far fewer bytes than full bodies', async () => {
    const compact = await openSse(`${gateway.url}/api/events?view=compact`, auth());
    const full = await openSse(`${gateway.url}/api/events`, auth());
    streams.push(compact, full);
    expect(compact.status).toBe(200);
    await notify('burst', 'BurstAlert', 300);
    await full.waitFor(300);
    const deadline = Date.now() + 5000;
    const folded = () =>
      compact.messages
        .filter((m) => m.event === 'alerts.delta')
        .map((m) => (JSON.parse(m.data) as OpsdeckEvent<AlertsDeltaPayload>).payload)
        .reduce((n, p) => n + p.alerts.length + p.overflow, 0);
    while (folded() < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(folded()).toBe(300);
    const deltas = compact.messages.map((m) => JSON.parse(m.data) as OpsdeckEvent<AlertsDeltaPayload>);
    for (const delta of deltas) expect(delta.payload.alerts.length).toBeLessThanOrEqual(200);
    expect(deltas[0].payload.alerts[0]).toEqual(
      expect.objectContaining({ alertName: 'BurstAlert', status: 'firing', id: expect.any(String) })
    );
    // Resumable: the delta's id is the newest change it folds.
    expect(Number(compact.messages.at(-1)!.id)).toBe(Number(full.messages.at(-1)!.id));
    const bytes = (s: SseStream) => s.messages.reduce((n, m) => n + m.data.length, 0);
    expect(bytes(compact) * 5).toBeLessThan(bytes(full));

    const bad = await fetch(`${gateway.url}/api/events?view=everything`, { headers: auth() });
    expect(bad.status).toBe(400);
  });
});
