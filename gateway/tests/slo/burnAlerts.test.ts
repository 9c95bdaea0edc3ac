// Burn-rate rules become Opsdeck alerts (source opsdeck, labels service, team, severity, slo) in the same store and
// API as every other alert, and resolve when the burn ends; with OPSDECK_ALERTMANAGER_URL they reach a real
// Alertmanager (Debian's) with the service label.
import '../aws/fakeCredentials';
import type { Alert, AlertListResponse } from '@opsdeck/contract';
import { burnEpisode, burnRoles } from '../../src/sources/demo/budgetBurn';
import { AlertmanagerClient } from '../../src/sources/alertmanager/client';
import { startAlertmanager, type RunningAlertmanager } from '../alertmanager/support/alertmanagerProcess';
import { describeWithAlertmanager } from '../alertmanager/support/paths';
import { awsConfigFor, burnLastMinutes, SimulatedClock, startAwsFakes, type AwsFakes } from '../aws/harness';
import { startTestGateway, type TestGateway } from '../support/gateway';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const GRAFANA = 'https://grafana.example.com';

/** `open` (the default: firing or acknowledged) or `all`. */
async function opsdeckAlerts(gateway: TestGateway, status: 'open' | 'all' = 'all'): Promise<Alert[]> {
  const query = status === 'all' ? '&status=all' : '';
  const response = await fetch(`${gateway.url}/api/alerts?source=opsdeck${query}`, {
    headers: { authorization: `Bearer ${gateway.token}` },
  });
  expect(await response.clone().text()).not.toMatch(/"error"/);
  expect(response.status).toBe(200);
  return ((await response.json()) as AlertListResponse).alerts;
}

describe('demo mode: the fast burner pages and the page clears after its episode', () => {
  let gateway: TestGateway;
  let now: number;
  let fast: string;
  let episode: { start: number; end: number };

  beforeAll(async () => {
    const probe = await startTestGateway();
    const names = (
      (await (
        await fetch(`${probe.url}/api/services`, {
          headers: { authorization: `Bearer ${probe.token}` },
        })
      ).json()) as { services: Array<{ name: string }> }
    ).services.map((s) => s.name);
    await probe.close();
    fast = [...burnRoles(42, names)].find(([, role]) => role === 'fast')![0];
    episode = burnEpisode(42, fast, Date.UTC(2026, 10, 20, 12));
    now = episode.start + 65 * MINUTE;
    gateway = await startTestGateway({ clock: () => now });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('stores one critical opsdeck alert per firing page rule, labelled with the objective', async () => {
    expect(await opsdeckAlerts(gateway)).toEqual([]);
    await gateway.runBurnAlerts();
    const alerts = await opsdeckAlerts(gateway, 'open');
    const page = alerts.find((a) => a.service === fast && a.severity === 'critical');
    expect(page).toMatchObject({
      source: 'opsdeck',
      status: 'firing',
      startsAt: now,
      labels: {
        alertname: 'SLOBurnRate',
        service: fast,
        severity: 'critical',
        slo: `${fast}/availability`,
        burn_severity: 'page',
      },
    });
    expect(page!.description).toMatch(/1h \d+(\.\d)?× & 5m \d+(\.\d)?× > 14\.4/);

    // A second round while it still fires changes nothing: same alert, same start, no new delivery.
    now += MINUTE;
    await gateway.runBurnAlerts();
    const again = await opsdeckAlerts(gateway, 'open');
    expect(again.filter((a) => a.service === fast && a.severity === 'critical')).toEqual([
      expect.objectContaining({ id: page!.id, startsAt: page!.startsAt }),
    ]);
  });

  it('resolves when the burn ends (the 5-minute window clears)', async () => {
    now = episode.end + 10 * MINUTE;
    await gateway.runBurnAlerts();
    const all = await opsdeckAlerts(gateway);
    const page = all.find((a) => a.service === fast && a.severity === 'critical')!;
    expect(page.status).toBe('resolved');
    expect(page.endsAt).toBe(now);
    expect((await opsdeckAlerts(gateway, 'open')).some((a) => a.service === fast && a.severity === 'critical')).toBe(
      false
    );
  });
});

describeWithAlertmanager('live mode: a page reaches a real Alertmanager', () => {
  let am: RunningAlertmanager;
  let fakes: AwsFakes;
  let clock: SimulatedClock;
  let gateway: TestGateway;

  beforeAll(async () => {
    am = await startAlertmanager('route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
    // Real time: Alertmanager judges endsAt against its own clock.
    clock = new SimulatedClock(Math.floor(Date.now() / MINUTE) * MINUTE);
    fakes = await startAwsFakes(clock);
    burnLastMinutes(fakes, clock, 90);
    gateway = await startTestGateway({
      aws: awsConfigFor(fakes, '/tmp/opsdeck-burn-alerts-test'),
      awsDeps: { clock, sleep: async () => undefined, random: () => 0.5 },
      clock: clock.now,
      alertActions: { settings: { alertmanagerUrl: am.url, grafanaUrl: GRAFANA }, timers: false },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fakes?.stop();
    await am?.stop();
  });

  it('posts the firing page with the service and slo labels, and ends it once the burn clears', async () => {
    await gateway.runBurnAlerts();
    const stored = (await opsdeckAlerts(gateway, 'open')).filter((a) => a.service === 'checkout-api');
    expect(stored.map((a) => a.labels.burn_severity)).toContain('page');

    const client = new AlertmanagerClient(am.url);
    const received = await client.listAlerts({ alertname: 'SLOBurnRate', service: 'checkout-api' });
    expect(received.map((a) => a.labels)).toContainEqual(
      expect.objectContaining({
        service: 'checkout-api',
        slo: 'checkout-api/availability',
        severity: 'critical',
        team: 'payments',
      })
    );

    // The catalog's runbook is a Grafana path (the app's playbooks): the notification gets it made absolute.
    const page = received.find((a) => a.labels.severity === 'critical') as unknown as {
      annotations: Record<string, string>;
      generatorURL?: string;
    };
    expect(page.annotations.runbook_url).toBe(`${GRAFANA}/a/opsdeck-sre-app/playbooks#checkout-api`);
    expect(page.generatorURL).toBe(`${GRAFANA}/a/opsdeck-sre-app/services/checkout-api`);

    // The errors stop: once the 30-minute window is clean too, no page rule fires and the alert resolves.
    fakes.cloudwatch.metricValue = (m) =>
      /5XX|Error/.test(m.metricName) ? 0 : m.metricName === 'RequestCount' ? 1000 : 0;
    clock.advance(31 * MINUTE);
    await gateway.runBurnAlerts();
    const open = (await opsdeckAlerts(gateway, 'open')).filter(
      (a) => a.service === 'checkout-api' && a.severity === 'critical'
    );
    expect(open).toEqual([]);
  });
});
