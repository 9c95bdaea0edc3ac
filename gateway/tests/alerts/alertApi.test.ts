// The alert backend end to end on a real gateway over loopback: signed webhook → store → read API → live stream,
// plus the demo fleet's incidents in the store and the dashboard query types.
import type {
  AlertDetailResponse,
  AlertListResponse,
  IncidentChangedPayload,
  IncidentDetailResponse,
  IncidentListResponse,
  OpsdeckEvent,
  QueryResponse,
} from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty, signPagerDuty } from '../support/pagerDutyWebhook';
import { openSse, type SseStream } from '../support/sseClient';

let gateway: TestGateway;
const streams: SseStream[] = [];

beforeAll(async () => {
  gateway = await startTestGateway({ webhooks: { pagerdutyWebhookSecret: `old,${PAGERDUTY_TEST_SECRET}` } });
});
afterEach(() => streams.splice(0).forEach((s) => s.close()));
afterAll(async () => {
  await gateway.close();
});

const auth = () => ({ authorization: `Bearer ${gateway.token}` });
async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${gateway.url}${path}`, { headers: auth() });
  return { status: response.status, body: (await response.json()) as T };
}
async function stream(headers: Record<string, string> = {}, query = ''): Promise<SseStream> {
  const opened = await openSse(`${gateway.url}/api/events${query}`, { ...auth(), ...headers });
  streams.push(opened);
  return opened;
}

describe('webhook → store → read API', () => {
  it('stores a signed PagerDuty delivery once and serves it from /api/alerts and /api/incidents', async () => {
    const body = pagerDutyBody(1);
    const first = await postPagerDuty(gateway.url, body, 'api-wh-1');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'stored', inserted: 2 });
    const replay = await postPagerDuty(gateway.url, body, 'api-wh-1');
    expect(await replay.json()).toEqual({ status: 'stored', inserted: 0 });

    const list = await getJson<AlertListResponse>('/api/alerts?source=pagerduty');
    expect(list.status).toBe(200);
    expect(list.body.alerts).toHaveLength(1);
    const alert = list.body.alerts[0];
    expect(alert).toMatchObject({ source: 'pagerduty', service: 'checkout-api', status: 'firing', dedupKey: 'PTEST1' });

    const detail = await getJson<AlertDetailResponse>(`/api/alerts/${alert.id}`);
    expect(detail.body.incidents).toHaveLength(1);
    const ack = pagerDutyBody(1, 'incident.acknowledged', Date.UTC(2026, 10, 27, 10, 5));
    expect((await postPagerDuty(gateway.url, ack, 'api-wh-2')).status).toBe(200);

    const incident = await getJson<IncidentDetailResponse>(`/api/incidents/${detail.body.incidents[0].id}`);
    expect(incident.body.incident).toMatchObject({ status: 'acknowledged', service: 'checkout-api' });
    expect(incident.body.incident.timeline.map((e) => e.kind)).toEqual(['triggered', 'acknowledged']);
    expect(incident.body.alerts.map((a) => a.id)).toEqual([alert.id]);

    const open = await getJson<IncidentListResponse>('/api/incidents?source=pagerduty');
    expect(open.body.incidents.map((i) => i.externalId)).toEqual(['PTEST1']);
    const resolved = await getJson<IncidentListResponse>('/api/incidents?source=pagerduty&status=resolved');
    expect(resolved.body.incidents).toEqual([]);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const body = pagerDutyBody(2);
    const refused = await postPagerDuty(gateway.url, body, 'api-wh-3', signPagerDuty(body, 'wrong-secret'));
    expect(refused.status).toBe(401);
    const all = await getJson<AlertListResponse>('/api/alerts?source=pagerduty&status=all');
    expect(all.body.alerts.map((a) => a.dedupKey)).not.toContain('PTEST2');
  });

  it('answers 400 naming the field for a bad filter, 404 for an unknown id, 401 without the token', async () => {
    const bad = await getJson<{ error: string; field: string }>('/api/alerts?severity=urgent');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('severity');
    expect((await getJson('/api/incidents?status=firing')).status).toBe(400);
    expect((await getJson('/api/alerts/nope')).status).toBe(404);
    expect((await getJson('/api/incidents/nope')).status).toBe(404);
    expect((await fetch(`${gateway.url}/api/alerts`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/api/events`)).status).toBe(401);
  });
});

describe('GET /api/events', () => {
  it('pushes committed changes live, and a reconnect with Last-Event-ID replays exactly what came after', async () => {
    const live = await stream();
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const response = await postPagerDuty(gateway.url, pagerDutyBody(3), 'api-wh-4');
    expect(response.status).toBe(200);
    const [alertMessage, incidentMessage] = await live.waitFor(2);
    expect(alertMessage.event).toBe('alert.changed');
    expect(incidentMessage.event).toBe('incident.changed');
    const event = JSON.parse(incidentMessage.data) as OpsdeckEvent<IncidentChangedPayload>;
    expect(String(event.id)).toBe(incidentMessage.id);
    expect(event.payload.incident.externalId).toBe('PTEST3');
    expect(Number(incidentMessage.id)).toBeGreaterThan(Number(alertMessage.id));

    await postPagerDuty(gateway.url, pagerDutyBody(3, 'incident.resolved', Date.UTC(2026, 10, 27, 11)), 'api-wh-5');
    const afterAll = await live.waitFor(4);

    const byHeader = await stream({ 'last-event-id': alertMessage.id as string });
    const replayed = await byHeader.waitFor(3);
    expect(replayed.map((m) => m.id)).toEqual(afterAll.slice(1).map((m) => m.id));
    const byQuery = await stream({}, `?lastEventId=${incidentMessage.id}`);
    expect((await byQuery.waitFor(2)).map((m) => m.id)).toEqual(afterAll.slice(2).map((m) => m.id));

    // Live after replay: the next event arrives once on every stream, no duplicate of the replayed ones.
    await postPagerDuty(gateway.url, pagerDutyBody(4), 'api-wh-6');
    await byHeader.waitFor(5);
    await byQuery.waitFor(4);
    expect(new Set(byHeader.messages.map((m) => m.id)).size).toBe(byHeader.messages.length);
  });

  it('filters by ?types= and rejects a malformed Last-Event-ID', async () => {
    const incidentsOnly = await stream({}, '?types=incident.changed');
    await postPagerDuty(gateway.url, pagerDutyBody(5), 'api-wh-7');
    const [message] = await incidentsOnly.waitFor(1);
    expect(message.event).toBe('incident.changed');
    const bad = await fetch(`${gateway.url}/api/events?lastEventId=abc`, { headers: auth() });
    expect(bad.status).toBe(400);
  });
});

describe('demo mode', () => {
  const range = { from: Date.now() - 6 * 3600_000, to: Date.now() };
  async function query(q: Record<string, unknown>): Promise<QueryResponse['results'][string]> {
    const response = await fetch(`${gateway.url}/api/query`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ range, maxDataPoints: 100, queries: [{ refId: 'A', ...q }] }),
    });
    return ((await response.json()) as QueryResponse).results.A;
  }

  it("stores the demo fleet's incidents as alerts and incidents with a timeline", async () => {
    const alerts = await getJson<AlertListResponse>('/api/alerts?status=all&source=alertmanager');
    expect(alerts.body.alerts.length).toBeGreaterThan(0);
    expect(alerts.body.alerts[0].labels.demo).toBe('true');
    const incidents = await getJson<IncidentListResponse>('/api/incidents?status=resolved');
    const detail = await getJson<IncidentDetailResponse>(`/api/incidents/${incidents.body.incidents[0].id}`);
    expect(detail.body.incident.timeline.map((e) => e.kind)).toEqual(['triggered', 'acknowledged', 'resolved']);
  });

  it('answers open_alerts (table and counts), alert_rate and mtta with non-empty frames', async () => {
    const table = await query({ queryType: 'open_alerts', alertStatus: 'all' });
    expect(table.error).toBeUndefined();
    expect(table.frames?.[0].data.values[0].length).toBeGreaterThan(0);

    const counts = await query({ queryType: 'open_alerts', alertView: 'counts', service: 'checkout-api' });
    expect(counts.frames?.[0].schema.fields.map((f) => f.name)).toEqual([
      'service',
      'critical',
      'warning',
      'info',
      'total',
    ]);
    expect(counts.frames?.[0].data.values[0]).toContain('checkout-api');

    const rate = await query({ queryType: 'alert_rate' });
    expect(rate.frames?.map((f) => f.schema.name)).toEqual(['critical', 'warning', 'info']);
    const total = rate.frames?.flatMap((f) => f.data.values[1] as number[]).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    const mtta = await query({ queryType: 'mtta' });
    expect(mtta.frames?.[0].data.values[1][0]).toBeGreaterThan(0);
    const bad = await query({ queryType: 'open_alerts', alertStatus: 'exploded' });
    expect(bad.error).toMatch(/alertStatus/);
  });
});
