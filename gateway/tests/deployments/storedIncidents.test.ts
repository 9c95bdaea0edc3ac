// Incidents reach annotations and DORA from the alert store, whoever sent them: a signed PagerDuty incident on
// checkout-api shows in the events frame, fails the CI deploy that ended ten minutes before it and sets its recovery
// time, on both databases. Forty days back, outside the demo ingester's month, so only this incident is there.
import crypto from 'node:crypto';
import type { DataFrameJSON, DoraResponse, QueryResponse } from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';
import { call, postCiDeploy } from './http';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SERVICE = 'checkout-api';
const INGEST_TOKEN = 'ingest-token-for-ci-0123456789';
const INCIDENT = 7001;

async function eventRows(gateway: TestGateway, from: number, to: number) {
  const response = await call<QueryResponse>(gateway, '/api/query', {
    body: {
      range: { from, to },
      queries: [{ refId: 'A', queryType: 'events', services: [SERVICE], eventKinds: ['incident', 'deployment'] }],
    },
  });
  expect(response.status).toBe(200);
  const frame = response.body.results.A.frames![0] as DataFrameJSON;
  const names = frame.schema.fields.map((f) => f.name);
  return frame.data.values[0]!.map((_, row) =>
    Object.fromEntries(names.map((name, column) => [name, frame.data.values[column]![row]]))
  );
}

async function checkoutDora(gateway: TestGateway, from: number, to: number) {
  const { status, body } = await call<DoraResponse>(
    gateway,
    `/api/deployments/dora?service=${SERVICE}&from=${from}&to=${to}`
  );
  expect(status).toBe(200);
  return body.rows[0]!.figures;
}

describe.each(['sqlite', 'postgres'] as const)('on %s', (backend) => {
  const schema = `opsdeck_incidents_${crypto.randomBytes(6).toString('hex')}`;
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const paged = now - 40 * 24 * HOUR;
  const range = { from: paged - 6 * HOUR, to: paged + 6 * HOUR };
  let gateway: TestGateway;

  beforeAll(async () => {
    if (backend === 'postgres') await postgresAdmin(`create schema ${schema}`);
    gateway = await startTestGateway({
      ...(backend === 'postgres' ? { database: POSTGRES_URL, databaseSchema: schema } : {}),
      clock: () => now,
      webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET },
      // Only CI deploys: the one below is the whole deploy history of the range.
      deployments: { mode: { kind: 'none' }, settings: { ingestToken: INGEST_TOKEN, pollIntervalMs: 0 } },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    if (backend === 'postgres') await postgresAdmin(`drop schema if exists ${schema} cascade`);
  });

  test('a PagerDuty incident is an annotation, fails the deploy before it and sets the recovery time', async () => {
    await postCiDeploy(gateway, INGEST_TOKEN, {
      service: SERVICE,
      version: '4.2.0',
      startedAt: paged - 20 * MINUTE,
      succeededAt: paged - 10 * MINUTE,
    });
    expect(await checkoutDora(gateway, range.from, range.to)).toMatchObject({ deployments: 1, changeFailureRate: 0 });
    expect((await eventRows(gateway, range.from, range.to)).map((e) => e.kind)).toEqual(['deployment']);

    expect(
      (await postPagerDuty(gateway.url, pagerDutyBody(INCIDENT, 'incident.triggered', paged), 'inc-t')).status
    ).toBe(200);
    const open = await eventRows(gateway, range.from, range.to);
    expect(open.map((e) => e.kind)).toEqual(['deployment', 'incident']);
    expect(open[1]).toMatchObject({ time: paged, title: `Test incident ${INCIDENT}`, service: SERVICE });
    expect(open[1]!.tags).toEqual(expect.arrayContaining(['incident', 'critical', 'pagerduty', SERVICE]));
    // Open, with no fix deployed: failed, and nothing has recovered yet.
    const failing = await checkoutDora(gateway, range.from, range.to);
    expect(failing.changeFailureRate).toBe(1);
    expect(failing.recoveryTimeMs).toBeUndefined();

    const resolved = pagerDutyBody(INCIDENT, 'incident.resolved', paged + 30 * MINUTE);
    expect((await postPagerDuty(gateway.url, resolved, 'inc-r')).status).toBe(200);
    const closed = await eventRows(gateway, range.from, range.to);
    expect(closed[1]).toMatchObject({ kind: 'incident', time: paged, timeEnd: paged + 30 * MINUTE });
    // Recovered when the incident was resolved: 40 minutes after the deploy ended.
    expect(await checkoutDora(gateway, range.from, range.to)).toMatchObject({
      changeFailureRate: 1,
      recoveryTimeMs: 40 * MINUTE,
    });
  });

  test('only incidents open at some point of the range count', async () => {
    const before = { from: paged - 6 * HOUR, to: paged - MINUTE };
    const after = { from: paged + 31 * MINUTE, to: paged + 6 * HOUR };
    const during = { from: paged + 29 * MINUTE, to: paged + 6 * HOUR };
    expect((await eventRows(gateway, before.from, before.to)).filter((e) => e.kind === 'incident')).toEqual([]);
    expect((await eventRows(gateway, after.from, after.to)).filter((e) => e.kind === 'incident')).toEqual([]);
    expect((await eventRows(gateway, during.from, during.to)).filter((e) => e.kind === 'incident')).toHaveLength(1);
  });
});
