// A paged incident changes a service's status wherever the SRE looks: a signed PagerDuty webhook for checkout-api
// turns it down in fleet_health within a second, in demo mode and in live mode (CloudWatch through the protocol
// fakes), on both databases; resolving it gives the status and the open-incident count back.
import crypto from 'node:crypto';
import '../aws/fakeCredentials';
import type { DataFrameJSON, QueryResponse, SloResponse } from '@opsdeck/contract';
import { awsConfigFor, SimulatedClock, startAwsFakes, type AwsFakes } from '../aws/harness';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../support/gateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
const SERVICE = 'checkout-api';

interface Row {
  status: string;
  open_incidents: number;
}

async function checkoutRow(gateway: TestGateway, now: number): Promise<Row> {
  const response = await fetch(`${gateway.url}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      range: { from: now - HOUR, to: now },
      queries: [{ refId: 'A', queryType: 'fleet_health', services: [SERVICE] }],
    }),
  });
  expect(response.status).toBe(200);
  const frame = ((await response.json()) as QueryResponse).results.A.frames![0] as DataFrameJSON;
  const column = (name: string) => frame.data.values[frame.schema.fields.findIndex((f) => f.name === name)];
  const at = (column('service') as string[]).indexOf(SERVICE);
  expect(at).toBeGreaterThanOrEqual(0);
  return { status: (column('status') as string[])[at], open_incidents: (column('open_incidents') as number[])[at] };
}

/** /api/slo's verdict for the service: the Services page and the Wall read it. */
async function sloStatus(gateway: TestGateway): Promise<{ status: string; openIncidents: number }> {
  const response = await fetch(`${gateway.url}/api/slo?service=${SERVICE}`, {
    headers: { authorization: `Bearer ${gateway.token}` },
  });
  expect(response.status).toBe(200);
  const { status, openIncidents } = ((await response.json()) as SloResponse).services[0];
  return { status, openIncidents };
}

async function pagedAndResolved(gateway: TestGateway, now: number, n: number) {
  const before = await checkoutRow(gateway, now);
  const sloBefore = await sloStatus(gateway);
  // Looking back to an hour before the incident was created (pagerDutyBody: 2026-11-27 10:00 UTC): it was not open.
  const beforeIncident = Date.UTC(2026, 10, 27, 9);
  const pastBefore = await checkoutRow(gateway, beforeIncident);

  const started = Date.now();
  const triggered = await postPagerDuty(gateway.url, pagerDutyBody(n), `status-wh-${n}-t`);
  expect(triggered.status).toBe(200);
  const paged = await checkoutRow(gateway, now);
  expect(Date.now() - started).toBeLessThan(1000);
  // PagerDuty's high urgency is a critical incident: the service is down while it is open.
  expect(paged).toEqual({ status: 'down', open_incidents: before.open_incidents + 1 });
  expect(await sloStatus(gateway)).toEqual({ status: 'down', openIncidents: sloBefore.openIncidents + 1 });
  expect(Date.now() - started).toBeLessThan(1000);
  expect(await checkoutRow(gateway, beforeIncident)).toEqual(pastBefore);
  // An hour after its creation it was, as it still is.
  expect((await checkoutRow(gateway, beforeIncident + 2 * HOUR)).open_incidents).toBeGreaterThanOrEqual(1);

  const resolved = await postPagerDuty(gateway.url, pagerDutyBody(n, 'incident.resolved'), `status-wh-${n}-r`);
  expect(resolved.status).toBe(200);
  expect(await checkoutRow(gateway, now)).toEqual(before);
  expect(await sloStatus(gateway)).toEqual(sloBefore);
}

describe.each(['sqlite', 'postgres'] as const)('on %s', (backend) => {
  const schema = `opsdeck_status_${crypto.randomBytes(6).toString('hex')}`;
  const database = (): Partial<TestGatewayOptions> =>
    backend === 'postgres' ? { database: POSTGRES_URL, databaseSchema: schema } : {};
  beforeAll(async () => {
    if (backend === 'postgres') await postgresAdmin(`create schema ${schema}`);
  });
  afterAll(async () => {
    if (backend === 'postgres') await postgresAdmin(`drop schema if exists ${schema} cascade`);
  });

  describe('demo mode', () => {
    let gateway: TestGateway;
    const now = Date.now();
    beforeAll(async () => {
      gateway = await startTestGateway({
        ...database(),
        clock: () => now,
        webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET },
      });
    });
    afterAll(async () => {
      await gateway?.close();
    });

    it('a triggered critical incident turns the service down; resolving it restores the status', async () => {
      await pagedAndResolved(gateway, now, 101);
    });
  });

  describe('live mode (CloudWatch)', () => {
    let fakes: AwsFakes;
    let clock: SimulatedClock;
    let gateway: TestGateway;
    beforeAll(async () => {
      clock = new SimulatedClock(Math.floor(Date.now() / 300_000) * 300_000);
      fakes = await startAwsFakes(clock);
      // A healthy service: no 5xx, fast responses, so only the incident can change its status.
      const defaultValue = fakes.cloudwatch.metricValue;
      fakes.cloudwatch.metricValue = (m, t) => {
        if (/5XX|Error/.test(m.metricName)) return 0;
        if (m.metricName === 'TargetResponseTime') return 0.05;
        if (/Latency|Duration/.test(m.metricName)) return 50;
        return defaultValue(m, t);
      };
      gateway = await startTestGateway({
        ...database(),
        aws: awsConfigFor(fakes, '/tmp/opsdeck-status-test'),
        awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
        clock: clock.now,
        webhooks: { pagerdutyWebhookSecret: PAGERDUTY_TEST_SECRET },
      });
    });
    afterAll(async () => {
      await gateway?.close();
      await fakes?.stop();
    });

    it('starts ok with no open incident, as its CloudWatch metrics are healthy', async () => {
      expect(await checkoutRow(gateway, clock.nowMs)).toEqual({ status: 'ok', open_incidents: 0 });
    });

    it('a triggered critical incident turns the service down; resolving it restores the status', async () => {
      await pagedAndResolved(gateway, clock.nowMs, 102);
    });
  });
});
