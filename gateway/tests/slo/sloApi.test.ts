// GET /api/slo and the SLO query types, end to end through the built routes: the demo fleet's fast and slow budget
// burners page and ticket on the Workbook's thresholds; in live mode the burn rates are the ALB counts the
// CloudWatch protocol fake serves, summed, not averaged.
import '../aws/fakeCredentials';
import type { QueryResponse, SloResponse } from '@opsdeck/contract';
import { burnEpisode, burnRoles } from '../../src/sources/demo/budgetBurn';
import { awsConfigFor, burnLastMinutes, SimulatedClock, startAwsFakes, type AwsFakes } from '../aws/harness';
import { startTestGateway, type TestGateway } from '../support/gateway';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function get(gateway: TestGateway, path: string) {
  const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${gateway.token}` } });
  return { status: response.status, body: (await response.json()) as SloResponse & { error?: string; field?: string } };
}

async function query(gateway: TestGateway, now: number, queries: object[]): Promise<QueryResponse> {
  const response = await fetch(`${gateway.url}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ range: { from: now - 6 * HOUR, to: now }, maxDataPoints: 100, queries }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as QueryResponse;
}

describe('demo mode', () => {
  let gateway: TestGateway;
  let names: string[];
  let fast: string;
  let slow: string;
  let now: number;

  beforeAll(async () => {
    // Probe the catalog, then pin the clock 65 minutes into the fast burner's episode: its 1h and 5m burn rates
    // are then both at the fast burn rate (16), over the page threshold (14.4).
    const probe = await startTestGateway();
    names = (await get(probe, '/api/slo')).body.services.map((s) => s.service);
    await probe.close();
    const roles = burnRoles(42, names);
    fast = [...roles].find(([, role]) => role === 'fast')![0];
    slow = [...roles].find(([, role]) => role === 'slow')![0];
    const episode = burnEpisode(42, fast, Date.UTC(2026, 10, 20, 12));
    now = episode.start + 65 * MINUTE;
    gateway = await startTestGateway({ clock: () => now });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('says demo and answers every catalog service with its objectives and a health score', async () => {
    const { status, body } = await get(gateway, '/api/slo');
    expect(status).toBe(200);
    expect(body.demo).toBe(true);
    expect(body.services.map((s) => s.service)).toEqual(names);
    for (const service of body.services) {
      expect(service.objectives.length).toBeGreaterThan(0);
      expect(service.healthScore).toBeGreaterThanOrEqual(0);
      expect(service.healthScore).toBeLessThanOrEqual(100);
      expect(service.health.components.map((c) => c.id)).toEqual([
        'budget',
        'burn_alerts',
        'incidents',
        'saturation',
        'deploys',
      ]);
    }
    expect(body.fleetHealthScore).not.toBeNull();
  });

  it('the fast burner pages, the slow burner raises a ticket, the rest burn slower than their budget accrues', async () => {
    const { body } = await get(gateway, '/api/slo');
    const firing = (name: string) =>
      body.services
        .find((s) => s.service === name)!
        .objectives.flatMap((o) => o.alerts.filter((a) => a.firing).map((a) => a.severity));
    expect(firing(fast)).toContain('page');
    const availability = body.services
      .find((s) => s.service === fast)!
      .objectives.find((o) => o.id === 'availability')!;
    expect(availability.burnRates['1h']).toBeGreaterThan(14.4);
    expect(availability.burnRates['5m']).toBeGreaterThan(14.4);
    expect(firing(slow)).toEqual(['ticket']);
    expect(body.services.find((s) => s.service === fast)!.status).not.toBe('ok');
    const others = body.services.filter((s) => s.service !== fast && s.service !== slow);
    const quiet = others.filter((s) => s.objectives.every((o) => (o.burnRates['3d'] ?? 0) < 1));
    expect(quiet.length).toBeGreaterThanOrEqual(Math.ceil(others.length / 2));
  });

  it('narrows by service and team, and refuses names the catalog does not have', async () => {
    const one = await get(gateway, `/api/slo?service=${fast}`);
    expect(one.body.services.map((s) => s.service)).toEqual([fast]);
    const team = one.body.services[0].team;
    const byTeam = await get(gateway, `/api/slo?team=${team}`);
    expect(byTeam.body.services.every((s) => s.team === team)).toBe(true);
    expect(await get(gateway, '/api/slo?service=nope')).toMatchObject({
      status: 400,
      body: { field: 'service', error: 'no service named "nope" in the catalog' },
    });
    expect((await get(gateway, '/api/slo?team=a&team=b')).status).toBe(400);
  });

  it('answers the slo, health_score, burn_rate and error_budget query types', async () => {
    const answer = await query(gateway, now, [
      { refId: 'T', queryType: 'slo', service: fast },
      { refId: 'H', queryType: 'health_score' },
      { refId: 'B', queryType: 'burn_rate', service: fast, sloId: 'availability', burnWindows: '5m,1h' },
      { refId: 'E', queryType: 'error_budget', service: slow, sloId: 'availability' },
      { refId: 'X', queryType: 'slo', sloId: 'no-such-objective' },
    ]);
    const table = answer.results.T.frames![0];
    const column = (name: string) => table.data.values[table.schema.fields.findIndex((f) => f.name === name)];
    expect(column('slo')).toContain('availability');
    expect(column('alert')[(column('slo') as string[]).indexOf('availability')]).toBe('page');
    expect(table.schema.meta?.notices).toEqual([{ severity: 'info', text: 'demo data' }]);

    const health = answer.results.H.frames![0];
    expect(health.data.values[0]).toEqual(names);
    expect(health.schema.meta?.custom?.fleetHealthScore).toEqual(expect.any(Number));

    const burn = answer.results.B.frames![0];
    expect(burn.schema.fields.map((f) => f.name)).toEqual(['time', 'burn_5m', 'burn_1h']);
    const lastBurn1h = (burn.data.values[2] as Array<number | null>).filter((v) => v !== null).at(-1)!;
    // The chart's last point and /api/slo's figure are the same computation over the same minutes.
    const figures = (await get(gateway, `/api/slo?service=${fast}`)).body.services[0].objectives[0];
    expect(lastBurn1h).toBeCloseTo(figures.burnRates['1h']!, 0);

    const budget = answer.results.E.frames![0];
    const remaining = (budget.data.values[1] as Array<number | null>).filter((v) => v !== null);
    expect(remaining.length).toBeGreaterThan(10);
    // The chart's last point is /api/slo's figure, from 5-minute instead of tiered buckets: within a hundredth.
    const slowFigures = (await get(gateway, `/api/slo?service=${slow}`)).body.services[0].objectives[0];
    expect(Math.abs(remaining.at(-1)! - slowFigures.errorBudget.remaining!)).toBeLessThan(0.01);
    // The slow burner spends faster than its budget accrues: it has none left.
    expect(slowFigures.errorBudget.remaining!).toBeLessThan(0);

    expect(answer.results.X.error).toBe('sloId: no selected service has an objective "no-such-objective"');
  });
});

describe('live mode (CloudWatch through the protocol fake)', () => {
  let fakes: AwsFakes;
  let clock: SimulatedClock;
  let gateway: TestGateway;

  beforeAll(async () => {
    clock = new SimulatedClock(Math.floor(Date.now() / HOUR) * HOUR);
    fakes = await startAwsFakes(clock);
    // 1,000 requests per datapoint; for the last 90 minutes 40 of them fail: 4% against checkout-api's 0.1% budget.
    burnLastMinutes(fakes, clock, 90);
    gateway = await startTestGateway({
      aws: awsConfigFor(fakes, '/tmp/opsdeck-slo-test'),
      awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
      clock: clock.now,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.stop();
  });

  it('burn rates are summed ALB counts over each window, and both page rules fire', async () => {
    const { status, body } = await get(gateway, '/api/slo?service=checkout-api');
    expect(status).toBe(200);
    expect(body.demo).toBe(false);
    const availability = body.services[0].objectives.find((o) => o.id === 'availability')!;
    expect(availability.sliSource).toBe('ALB HTTPCode_Target_5XX_Count / RequestCount (Sum)');
    // 40/1000 bad over a 0.001 budget = 40 wherever the window lies inside the last 90 minutes.
    expect(availability.burnRates['5m']).toBeCloseTo(40, 6);
    expect(availability.burnRates['1h']).toBeCloseTo(40, 6);
    expect(availability.burnRates['2h']).toBeCloseTo(30, 6);
    expect(availability.burnRates['6h']).toBeCloseTo(10, 6);
    const firing = availability.alerts.filter((a) => a.firing).map((a) => `${a.longWindow}&${a.shortWindow}`);
    expect(firing).toEqual(expect.arrayContaining(['1h&5m', '6h&30m']));
    expect(body.services[0].status).toBe('degraded');
    expect(availability.total).toBeGreaterThan(0);
  });
});
