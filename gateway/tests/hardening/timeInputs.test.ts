/**
 * Issue 9, defect 2: times and numbers from outside are whole, safe and in range (epoch ms 1970–2100) before any
 * loop sees them. Every route and field that takes one, probed with the values that used to spin a loop or crash
 * V8 (1e22), and their cousins: 400 JSON naming the field (inside /api/query, that refId's error), the process up.
 * The two reproductions of the issue also run against the built gateway process: timeLoopsProcess.test.ts.
 */
import { GRAFANA_USER_HEADER, WRITE_ROLE_HEADER, type QueryResponse } from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';

jest.setTimeout(60_000);

const INGEST_TOKEN = 'time-inputs-ingest-token-0123456789';
const WEBHOOK_TOKEN = 'time-inputs-webhook-token';
const NOW = Date.now();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_2200 = Date.UTC(2200, 0, 1);

/** JSON values no time or count field may take. */
const BAD_NUMBERS: Array<[string, unknown]> = [
  ['1e22', 1e22],
  ['-1', -1],
  ['1e300', 1e300],
  ['8.64e15', 8.64e15],
  ['1.5', 1.5],
  ['2^53 + 2', 2 ** 53 + 2],
  ['year 2200', YEAR_2200],
  ['"1e3"', '1e3'],
  ['"NaN"', 'NaN'],
  ['null', null],
];
/** Query-string values no time or count parameter may take. */
const BAD_TEXTS = [
  '1e22',
  '-1',
  '1e300',
  '8640000000000000',
  '1.5',
  '1e3',
  'NaN',
  'Infinity',
  '9007199254740993',
  String(YEAR_2200),
  '0x10',
  '12abc',
];
/** Timestamps a webhook or CI system may not send: valid Dates, but no alert or deploy happens then. */
const BAD_TIMESTAMPS = ['+275760-09-13T00:00:00.000Z', '2200-01-01T00:00:00Z', '1969-07-20T20:17:00Z'];

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    deployments: { settings: { ingestToken: INGEST_TOKEN, pollIntervalMs: 0 } },
    webhooks: { webhookToken: WEBHOOK_TOKEN },
  });
});

afterAll(async () => {
  await gateway?.close();
});

interface Answer {
  status: number;
  body: { error?: string; field?: string } & Partial<QueryResponse>;
}

async function send(path: string, init: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? gateway.token}`, ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${gateway.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

function expect400(answer: Answer, field: string): void {
  expect({ status: answer.status, field: answer.body.field }).toEqual({ status: 400, field });
  expect(answer.body.error).toEqual(expect.any(String));
}

const metricQuery = { refId: 'A', queryType: 'service_metric', metric: 'error_rate', service: 'checkout-api' };
const query = (body: Record<string, unknown>) =>
  send('/api/query', { body: { range: { from: NOW - HOUR, to: NOW }, queries: [metricQuery], ...body } });

describe('POST /api/query envelope', () => {
  it('refuses the issue reproduction (from 1e22, a step below the float precision) with a 400 naming range.from', async () => {
    const answer = await send('/api/query', {
      body: { range: { from: 1e22, to: 1.0000000000000002e22 }, queries: [metricQuery] },
    });
    expect400(answer, 'range.from');
    expect(answer.body.error).toMatch(/^range\.from: expected whole epoch milliseconds/);
  });

  it.each(BAD_NUMBERS)('refuses range.from = %s', async (_, value) => {
    expect400(await query({ range: { from: value, to: NOW } }), 'range.from');
  });

  it.each(BAD_NUMBERS)('refuses range.to = %s', async (_, value) => {
    expect400(await query({ range: { from: NOW - HOUR, to: value } }), 'range.to');
  });

  it.each(BAD_NUMBERS)('refuses intervalMs = %s', async (_, value) => {
    expect400(await query({ intervalMs: value }), 'intervalMs');
  });

  it.each([...BAD_NUMBERS, ['11,001', 11_001] as [string, unknown], ['0', 0] as [string, unknown]])(
    'refuses maxDataPoints = %s',
    async (_, value) => {
      expect400(await query({ maxDataPoints: value }), 'maxDataPoints');
    }
  );

  it('refuses from after to', async () => {
    expect400(await query({ range: { from: NOW, to: NOW - HOUR } }), 'range.to');
  });
});

describe('POST /api/query fields and ranges', () => {
  const results = async (body: Record<string, unknown>) => {
    const answer = await send('/api/query', { body });
    expect(answer.status).toBe(200);
    return answer.body.results!;
  };

  it.each(BAD_NUMBERS)('answers topN = %s with an error for that refId only', async (_, value) => {
    const r = await results({
      range: { from: NOW - DAY, to: NOW },
      queries: [
        { refId: 'bad', queryType: 'cost', costView: 'by_service', topN: value },
        { refId: 'good', queryType: 'services' },
      ],
    });
    expect(r.bad.error).toMatch(/^topN: /);
    expect(r.good.frames).toHaveLength(1);
  });

  it.each(BAD_NUMBERS)('answers period = %s with an error for that refId', async (_, value) => {
    const r = await results({
      range: { from: NOW - DAY, to: NOW },
      queries: [{ refId: 'A', queryType: 'raw_metric', namespace: 'AWS/SQS', metricName: 'X', period: value }],
    });
    expect(r.A.error).toMatch(/^period: /);
  });

  it.each([
    ['service_metric', 455, { metric: 'error_rate' }],
    ['infrastructure', 455, { resource: 'ec2', infraMetric: 'cpu' }],
    ['raw_metric', 455, { namespace: 'AWS/SQS', metricName: 'X' }],
    ['events', 455, {}],
    ['alert_rate', 455, {}],
    ['cost', 455, { costView: 'daily' }],
    ['dora', 455, {}],
    ['suspect_deploys', 7, {}],
  ])('answers a 10-year %s with an error naming its limit of %i days', async (queryType, days, fields) => {
    const r = await results({
      range: { from: NOW - 3650 * DAY, to: NOW },
      queries: [{ refId: 'A', queryType, ...fields }],
    });
    expect(r.A.error).toBe(`range: range is 3650 days; ${queryType} allows at most ${days} days`);
  });

  it('still answers the types that read no range-long work over any range', async () => {
    const r = await results({
      range: { from: 0, to: NOW },
      queries: [
        { refId: 'fleet', queryType: 'fleet_health' },
        { refId: 'catalog', queryType: 'services' },
      ],
    });
    expect(r.fleet.frames).toHaveLength(1);
    expect(r.catalog.frames).toHaveLength(1);
  });
});

describe('deployment routes', () => {
  it.each([
    ['1e22', '1.0000000000000002e22'],
    ['10000000000000000000000', '10000000000000000000001'],
  ])(
    'refuses the issue reproduction on GET /api/deployments/suspects (from=%s) with a 400 naming from',
    async (from, to) => {
      expect400(await send(`/api/deployments/suspects?service=checkout-api&from=${from}&to=${to}`), 'from');
    }
  );

  describe.each([
    ['GET /api/deployments', '/api/deployments?'],
    ['GET /api/deployments/suspects', '/api/deployments/suspects?service=checkout-api&'],
    ['GET /api/deployments/dora', '/api/deployments/dora?'],
  ])('%s', (_, prefix) => {
    it.each(BAD_TEXTS)('refuses from=%s', async (value) => {
      expect400(await send(`${prefix}from=${encodeURIComponent(value)}&to=${NOW}`), 'from');
    });

    it.each(BAD_TEXTS)('refuses to=%s', async (value) => {
      expect400(await send(`${prefix}from=${NOW - HOUR}&to=${encodeURIComponent(value)}`), 'to');
    });

    it('refuses from after to', async () => {
      expect400(await send(`${prefix}from=${NOW}&to=${NOW - HOUR}`), 'from');
    });
  });

  it.each([...BAD_TEXTS, '0', '5001'])('GET /api/deployments refuses limit=%s', async (value) => {
    expect400(await send(`/api/deployments?limit=${encodeURIComponent(value)}`), 'limit');
  });

  it('refuses ranges longer than each analysis allows, naming the limit', async () => {
    const suspects = await send(`/api/deployments/suspects?service=checkout-api&from=${NOW - 3650 * DAY}&to=${NOW}`);
    expect400(suspects, 'from');
    expect(suspects.body.error).toBe('range is 3650 days; GET /api/deployments/suspects allows at most 7 days');
    const dora = await send('/api/deployments/dora?from=0');
    expect400(dora, 'from');
    expect(dora.body.error).toMatch(/^range is \d+(\.\d)? days; GET \/api\/deployments\/dora allows at most 455 days$/);
  });

  const ciEvent = { service: 'checkout-api', version: '9.9.9', status: 'started' };
  it.each([...BAD_NUMBERS, ...BAD_TIMESTAMPS.map((t): [string, unknown] => [t, t])])(
    'POST /api/deployments refuses time and commitTime = %s',
    async (_, value) => {
      for (const field of ['time', 'commitTime']) {
        // null is "absent" for these optional fields; the rest must be refused.
        if (value === null) continue;
        expect400(await send('/api/deployments', { token: INGEST_TOKEN, body: { ...ciEvent, [field]: value } }), field);
      }
    }
  );
});

describe('maintenance windows', () => {
  const writeHeaders = () => ({ [WRITE_ROLE_HEADER]: gateway.token, [GRAFANA_USER_HEADER]: 'alice' });
  const create = (body: Record<string, unknown>) =>
    send('/api/maintenance', {
      headers: writeHeaders(),
      body: { services: ['checkout-api'], reason: 'db failover', endsAt: NOW + HOUR, ...body },
    });

  it.each(BAD_NUMBERS)('POST /api/maintenance refuses startsAt and endsAt = %s', async (_, value) => {
    if (value !== null) expect400(await create({ startsAt: value }), 'startsAt');
    expect400(await create({ endsAt: value }), 'endsAt');
  });

  it.each(BAD_NUMBERS)('POST /api/maintenance refuses recurrence.durationMinutes = %s', async (_, value) => {
    const recurrence = { daysOfWeek: [1], startTime: '02:00', durationMinutes: value };
    expect400(await create({ endsAt: NOW + 30 * DAY, recurrence }), 'recurrence.durationMinutes');
  });

  it.each(BAD_NUMBERS)('POST /api/maintenance/:id/extend refuses endsAt = %s', async (_, value) => {
    const created = await create({});
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect400(
      await send(`/api/maintenance/${id}/extend`, { headers: writeHeaders(), body: { endsAt: value } }),
      'endsAt'
    );
  });
});

describe('alert lists and webhooks', () => {
  it.each([...BAD_TEXTS, '0', '1001'])('GET /api/alerts and /api/incidents refuse limit=%s', async (value) => {
    for (const path of ['/api/alerts', '/api/incidents']) {
      expect400(await send(`${path}?limit=${encodeURIComponent(value)}`), 'limit');
    }
  });

  it.each(BAD_TIMESTAMPS)('POST /webhooks/alertmanager refuses startsAt = %s naming the field', async (startsAt) => {
    const body = {
      version: '4',
      status: 'firing',
      alerts: [{ status: 'firing', labels: { alertname: 'HighErrorRate', service: 'checkout-api' }, startsAt }],
    };
    const answer = await send('/webhooks/alertmanager', { token: WEBHOOK_TOKEN, body });
    expect400(answer, 'alerts[0].startsAt');
  });
});

it('is still up after every refusal above (each was an answer, not a crash)', async () => {
  const health = await fetch(`${gateway.url}/api/health`);
  expect(health.status).toBe(200);
});
