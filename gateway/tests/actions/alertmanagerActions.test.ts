/**
 * Snooze, resolve and maintenance mirroring against Debian's real prometheus-alertmanager on loopback (started by
 * the routing test's helper): snooze = a silence on the alert's labels, resolve = the alert posted back ended,
 * a maintenance window = a silence on the covered services, expired when the window ends.
 */
import { actionPath, MAINTENANCE_PATH, maintenanceEndPath } from '@opsdeck/contract';
import { AlertmanagerClient } from '../../src/sources/alertmanager/client';
import { startAlertmanager, type RunningAlertmanager } from '../alertmanager/support/alertmanagerProcess';
import { describeWithAlertmanager } from '../alertmanager/support/paths';
import { startActionsGateway, type ActionsGateway } from './support/actionsGateway';

const CONFIG = `
route:
  receiver: blackhole
receivers:
  - name: blackhole
`;

describeWithAlertmanager('actions on Alertmanager alerts (real Alertmanager)', () => {
  let am: RunningAlertmanager;
  let client: AlertmanagerClient;
  let gw: ActionsGateway;
  const labels = { alertname: 'HighLatency', service: 'checkout-api', severity: 'critical' };

  beforeAll(async () => {
    am = await startAlertmanager(CONFIG);
    client = new AlertmanagerClient(am.url);
    gw = await startActionsGateway({ settings: { alertmanagerUrl: am.url } });
    gw.clock.now = Date.now();
    await client.http.json({
      method: 'POST',
      path: '/api/v2/alerts',
      body: [{ labels, startsAt: new Date().toISOString() }],
    });
  }, 30_000);

  afterAll(async () => {
    await gw?.close();
    await am?.stop();
  });

  const seed = () =>
    gw.seedAlert({
      source: 'alertmanager',
      dedupKey: '{alertname="HighLatency",service="checkout-api",severity="critical"}',
      labels,
      service: 'checkout-api',
      startsAt: gw.clock.now - 60_000,
      updatedAt: gw.clock.now - 60_000,
    });

  it('snoozes with a silence on the alert labels, created by the Grafana user', async () => {
    const alert = await seed();
    const until = gw.clock.now + 30 * 60_000;
    const { status, body } = await gw.write(actionPath('alert', alert.id, 'snooze'), { until }, { user: 'alice' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'done', provider: 'alertmanager' });
    const silence = await client.getSilence(body.upstreamRef);
    expect(silence.status.state).toBe('active');
    expect(silence.createdBy).toBe('alice');
    expect(Date.parse(silence.endsAt)).toBe(until);
    expect(silence.matchers.map((m) => [m.name, m.value, m.isRegex])).toEqual(
      expect.arrayContaining([
        ['alertname', 'HighLatency', false],
        ['service', 'checkout-api', false],
        ['severity', 'critical', false],
      ])
    );
    const [live] = await client.listAlerts({ alertname: 'HighLatency' });
    expect(live.status.silencedBy).toContain(body.upstreamRef);
    const [audit] = await gw.store.listAudit({ target: alert.id });
    expect(audit).toMatchObject({ action: 'alert.snooze', user: 'alice', outcome: 'success' });
    await client.expireSilence(body.upstreamRef);
  });

  it('mirrors a maintenance window as a silence and expires it when the window ends', async () => {
    const { body: window } = await gw.write(MAINTENANCE_PATH, {
      services: ['checkout-api'],
      reason: 'DB failover drill',
      endsAt: gw.clock.now + 60 * 60_000,
    });
    const silenceId = window.mirrors.alertmanagerSilenceId;
    expect(window.mirrors.errors).toEqual([]);
    const silence = await client.getSilence(silenceId);
    expect(silence.status.state).toBe('active');
    expect(silence.matchers).toEqual([
      expect.objectContaining({ name: 'service', value: 'checkout-api', isRegex: true }),
    ]);
    const [live] = await client.listAlerts({ alertname: 'HighLatency' });
    expect(live.status.silencedBy).toContain(silenceId);

    await gw.write(maintenanceEndPath(window.id));
    expect((await client.getSilence(silenceId)).status.state).toBe('expired');
  });

  it('resolves by posting the alert back ended', async () => {
    const alert = await seed();
    const { status } = await gw.write(actionPath('alert', alert.id, 'resolve'));
    expect(status).toBe(200);
    const active = await client.http.json<unknown[]>({
      path: '/api/v2/alerts',
      query: { filter: ['alertname="HighLatency"'] },
    });
    expect(active).toHaveLength(0);
    expect((await gw.read(`/api/alerts/${alert.id}`)).body.alert.status).toBe('resolved');
  });

  it('answers failed, not done, when Alertmanager cannot be reached', async () => {
    const offline = await startActionsGateway({ settings: { alertmanagerUrl: 'http://127.0.0.1:9' } });
    try {
      const alert = await offline.seedAlert({ source: 'alertmanager', dedupKey: '{a="1"}', labels: { a: '1' } });
      const { status, body } = await offline.write(actionPath('alert', alert.id, 'snooze'), {
        until: offline.clock.now + 60_000,
      });
      expect(status).toBe(502);
      expect(body.result.outcome).toBe('failed');
      expect(body.error).toMatch(/Alertmanager: cannot reach/);
    } finally {
      await offline.close();
    }
  });
});
