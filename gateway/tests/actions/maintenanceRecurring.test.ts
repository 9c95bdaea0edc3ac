/**
 * Recurring maintenance windows mirrored one occurrence at a time, against Debian's real prometheus-alertmanager and
 * the PagerDuty fake, with the gateway's clock pinned and moved across occurrence boundaries by hand. The pinned
 * clock sits in the coming week so that every silence is still in Alertmanager's (real) future when it is made.
 */
import type { MaintenanceChangedPayload, MaintenanceWindow } from '@opsdeck/contract';
import { MAINTENANCE_PATH, maintenanceEndPath, maintenanceExtendPath } from '@opsdeck/contract';
import { MaintenanceRegistry } from '../../src/alerts/maintenance';
import { MaintenanceService } from '../../src/alerts/maintenance/maintenanceService';
import { MaintenanceStore } from '../../src/alerts/maintenance/maintenanceStore';
import { MaintenanceMirrorer } from '../../src/alerts/maintenance/mirrors';
import { loadCatalog } from '../../src/catalog';
import { AlertmanagerClient, type Silence } from '../../src/sources/alertmanager/client';
import { PagerDutyClient } from '../../src/sources/pagerduty/client';
import { PagerDutyFake } from '../fakes/pagerduty';
import { REPO_CATALOG } from '../support/gateway';
import { startAlertmanager, type RunningAlertmanager } from '../alertmanager/support/alertmanagerProcess';
import { describeWithAlertmanager } from '../alertmanager/support/paths';
import { startActionsGateway, type ActionsGateway } from './support/actionsGateway';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const CONFIG = `
route:
  receiver: blackhole
receivers:
  - name: blackhole
`;
const FROM = 'opsdeck@example.com';

/** Noon UTC on the first Sunday at least a day from now. */
function comingSunday(): number {
  let day = Math.floor(Date.now() / DAY) + 1;
  while (new Date(day * DAY).getUTCDay() !== 0) day++;
  return day * DAY + 12 * HOUR;
}

/** Each test has a week of its own, so no test moves the clock back over another's windows. */
const SUNDAY = comingSunday();
const mondayAfter = (sunday: number) => sunday + 14 * HOUR;
const mondays = { daysOfWeek: [1], startTime: '02:00', durationMinutes: 60 };

describeWithAlertmanager('recurring maintenance mirrored per occurrence (real Alertmanager, PagerDuty fake)', () => {
  let am: RunningAlertmanager;
  let client: AlertmanagerClient;
  let pd: PagerDutyFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    am = await startAlertmanager(CONFIG);
    client = new AlertmanagerClient(am.url);
    pd = new PagerDutyFake({ now: () => gw?.clock.now ?? SUNDAY });
    pd.users.push({ id: 'PBOT', name: 'Opsdeck', email: FROM });
    await pd.start();
    gw = await startActionsGateway({
      settings: {
        alertmanagerUrl: am.url,
        pagerdutyApiToken: pd.token,
        pagerdutyApiUrl: pd.url,
        pagerdutyFromEmail: FROM,
      },
    });
  }, 30_000);

  afterAll(async () => {
    await gw?.close();
    await pd?.stop();
    await am?.stop();
  });

  const tick = () => gw.app.alertActions.maintenance.tick();
  const silencesOf = async (window: MaintenanceWindow): Promise<Silence[]> =>
    (await client.http.json<Silence[]>({ path: '/api/v2/silences' }))
      .filter((s) => s.comment.includes(window.id))
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const pdWindowsOf = (window: MaintenanceWindow) =>
    [...pd.maintenanceWindows.values()].filter((w) => w.description.includes(window.id));
  const stored = async (window: MaintenanceWindow) =>
    (await gw.read(`${MAINTENANCE_PATH}?state=all`)).body.windows.find(
      (w: MaintenanceWindow) => w.id === window.id
    ) as MaintenanceWindow;
  const createSeries = async (body: Record<string, unknown>) => {
    const { status, body: window } = await gw.write(MAINTENANCE_PATH, {
      services: ['checkout-api'],
      reason: 'weekly patching',
      startsAt: gw.clock.now,
      recurrence: mondays,
      ...body,
    });
    expect(status).toBe(201);
    return window as MaintenanceWindow;
  };

  it("mirrors Monday's occurrence from Sunday, rolls on to the next Monday on tick, and releases it when ended", async () => {
    const MONDAY_2AM = mondayAfter(SUNDAY);
    gw.clock.now = SUNDAY;
    const window = await createSeries({ endsAt: SUNDAY + 4 * WEEK });
    const first = window.mirrors.occurrence!;
    expect(window.mirrors.errors).toEqual([]);
    expect(window.mirrors.alertmanagerSilenceId).toBeUndefined();
    expect(first).toMatchObject({ startsAt: MONDAY_2AM, endsAt: MONDAY_2AM + HOUR });
    const silence = await client.getSilence(first.alertmanagerSilenceId!);
    expect([Date.parse(silence.startsAt), Date.parse(silence.endsAt)]).toEqual([MONDAY_2AM, MONDAY_2AM + HOUR]);
    expect(silence.status.state).toBe('pending');
    expect(silence.createdBy).toBe('alice');
    expect(silence.matchers).toEqual([
      expect.objectContaining({ name: 'service', value: 'checkout-api', isRegex: true }),
    ]);
    expect(pd.maintenanceWindows.get(first.pagerdutyMaintenanceWindowId!)).toMatchObject({
      startTime: new Date(MONDAY_2AM).toISOString(),
      endTime: new Date(MONDAY_2AM + HOUR).toISOString(),
      serviceIds: ['PCHK001'],
      deleted: false,
    });

    // Ticks before and during the occurrence change nothing.
    await tick();
    gw.clock.now = MONDAY_2AM + 30 * MINUTE;
    await tick();
    await tick();
    expect(await stored(window)).toMatchObject({ activeNow: true, mirrors: { occurrence: first, errors: [] } });
    expect(await silencesOf(window)).toHaveLength(1);
    expect(pdWindowsOf(window)).toHaveLength(1);

    // Once it is over, the tick mirrors next Monday's and says so on the live stream; repeated ticks add nothing.
    gw.clock.now = MONDAY_2AM + HOUR + MINUTE;
    const lastEventId = (await gw.store.listEventsSince(0, 1000)).at(-1)?.id ?? 0;
    await tick();
    await tick();
    const second = (await stored(window)).mirrors.occurrence!;
    const rolledOn = (await gw.store.listEventsSince(lastEventId, 1000)).filter(
      (e) => e.type === 'maintenance.changed' && (e.payload as MaintenanceChangedPayload).window.id === window.id
    );
    expect(rolledOn.map((e) => (e.payload as MaintenanceChangedPayload).change)).toEqual(['mirrored']);
    expect((rolledOn[0].payload as MaintenanceChangedPayload).window.mirrors.occurrence).toEqual(second);
    expect(second).toMatchObject({ startsAt: MONDAY_2AM + WEEK, endsAt: MONDAY_2AM + WEEK + HOUR });
    const silences = await silencesOf(window);
    expect(silences.map((s) => s.id)).toEqual([first.alertmanagerSilenceId, second.alertmanagerSilenceId]);
    expect(Date.parse(silences[1].startsAt)).toBe(MONDAY_2AM + WEEK);
    expect(pdWindowsOf(window).map((w) => [w.id, w.startTime])).toEqual([
      [first.pagerdutyMaintenanceWindowId, new Date(MONDAY_2AM).toISOString()],
      [second.pagerdutyMaintenanceWindowId, new Date(MONDAY_2AM + WEEK).toISOString()],
    ]);

    // A restarted gateway knows only the database: its ticks find the occurrence mirrored and call nobody.
    const restarted = serviceOnTheSameDatabase();
    const callsBefore = pd.calls.length;
    await restarted.tick();
    await restarted.tick();
    expect(await silencesOf(window)).toHaveLength(2);
    expect(pd.calls.length).toBe(callsBefore);

    // Ending the series on Wednesday expires the pending silence and deletes the future PagerDuty window.
    gw.clock.now = MONDAY_2AM + 2 * DAY;
    const ended = await gw.write(maintenanceEndPath(window.id), {}, { user: 'bob' });
    expect(ended.body.mirrors).toEqual({ errors: [] });
    expect((await client.getSilence(second.alertmanagerSilenceId!)).status.state).toBe('expired');
    expect(pd.maintenanceWindows.get(second.pagerdutyMaintenanceWindowId!)?.deleted).toBe(true);
    expect(pd.callsTo('DELETE', `/maintenance_windows/${second.pagerdutyMaintenanceWindowId}`)[0].headers.from).toBe(
      FROM
    );
    gw.clock.now = MONDAY_2AM + WEEK + HOUR + MINUTE;
    await tick();
    expect(await silencesOf(window)).toHaveLength(2);
    expect(pdWindowsOf(window)).toHaveLength(2);
  });

  it('extending the series end continues the clipped occurrence, never past the new end', async () => {
    const sunday = SUNDAY + 2 * WEEK;
    const MONDAY_2AM = mondayAfter(sunday);
    gw.clock.now = sunday;
    const window = await createSeries({ endsAt: MONDAY_2AM + 20 * MINUTE });
    const clipped = window.mirrors.occurrence!;
    expect(clipped).toMatchObject({ startsAt: MONDAY_2AM, endsAt: MONDAY_2AM + 20 * MINUTE });
    expect(Date.parse((await client.getSilence(clipped.alertmanagerSilenceId!)).endsAt)).toBe(MONDAY_2AM + 20 * MINUTE);

    const { body: extended } = await gw.write(maintenanceExtendPath(window.id), {
      endsAt: MONDAY_2AM + WEEK + 30 * MINUTE,
    });
    const whole = extended.mirrors.occurrence;
    expect(whole).toMatchObject({ startsAt: MONDAY_2AM, endsAt: MONDAY_2AM + HOUR });
    expect(extended.mirrors.errors).toEqual([]);
    const live = (await silencesOf(window)).filter((s) => s.status.state !== 'expired');
    expect(live.map((s) => [s.id, Date.parse(s.endsAt)])).toEqual([[whole.alertmanagerSilenceId, MONDAY_2AM + HOUR]]);
    expect(whole.pagerdutyMaintenanceWindowId).toBe(clipped.pagerdutyMaintenanceWindowId);
    expect(pd.maintenanceWindows.get(whole.pagerdutyMaintenanceWindowId)?.endTime).toBe(
      new Date(MONDAY_2AM + HOUR).toISOString()
    );

    // The next Monday's occurrence is cut at the series' new end.
    gw.clock.now = MONDAY_2AM + HOUR;
    await tick();
    const last = (await stored(window)).mirrors.occurrence!;
    expect(last).toMatchObject({ startsAt: MONDAY_2AM + WEEK, endsAt: MONDAY_2AM + WEEK + 30 * MINUTE });
    expect(Date.parse((await client.getSilence(last.alertmanagerSilenceId!)).endsAt)).toBe(
      MONDAY_2AM + WEEK + 30 * MINUTE
    );
    expect(pd.maintenanceWindows.get(last.pagerdutyMaintenanceWindowId!)?.endTime).toBe(
      new Date(MONDAY_2AM + WEEK + 30 * MINUTE).toISOString()
    );
    await gw.write(maintenanceEndPath(window.id));
  });

  it('records failed mirrors and retries them on later ticks, releases included', async () => {
    const sunday = SUNDAY + 4 * WEEK;
    const MONDAY_2AM = mondayAfter(sunday);
    gw.clock.now = sunday;
    pd.failNext(1);
    const window = await createSeries({ endsAt: sunday + 3 * WEEK });
    expect(window.mirrors.errors).toEqual([expect.stringMatching(/^PagerDuty maintenance window: PagerDuty/)]);
    expect(window.mirrors.occurrence?.alertmanagerSilenceId).toBeDefined();
    expect(window.mirrors.occurrence?.pagerdutyMaintenanceWindowId).toBeUndefined();

    await tick();
    const retried = (await stored(window)).mirrors;
    expect(retried.errors).toEqual([]);
    expect(retried.occurrence).toMatchObject({
      startsAt: MONDAY_2AM,
      alertmanagerSilenceId: window.mirrors.occurrence?.alertmanagerSilenceId,
    });
    expect(pdWindowsOf(window)).toHaveLength(1);
    expect(await silencesOf(window)).toHaveLength(1);

    // Ended while the occurrence runs: the silence expires now; PagerDuty fails once and is ended by the next tick.
    gw.clock.now = MONDAY_2AM + 10 * MINUTE;
    pd.failNext(1);
    const { body: ended } = await gw.write(maintenanceEndPath(window.id));
    expect(ended.mirrors.errors).toHaveLength(1);
    expect(ended.mirrors.occurrence).toEqual({
      startsAt: MONDAY_2AM,
      endsAt: MONDAY_2AM + HOUR,
      pagerdutyMaintenanceWindowId: retried.occurrence!.pagerdutyMaintenanceWindowId,
    });
    expect((await client.getSilence(retried.occurrence!.alertmanagerSilenceId!)).status.state).toBe('expired');
    gw.clock.now += MINUTE;
    await tick();
    expect((await stored(window)).mirrors).toEqual({ errors: [] });
    expect(pd.maintenanceWindows.get(retried.occurrence!.pagerdutyMaintenanceWindowId!)).toMatchObject({
      deleted: true,
      endTime: new Date(gw.clock.now).toISOString(),
    });
  });

  /** What a restart builds: the same database, fresh clients, nothing in memory. */
  function serviceOnTheSameDatabase(): MaintenanceService {
    const clock = () => gw.clock.now;
    return new MaintenanceService({
      windows: new MaintenanceStore(gw.store.db),
      alerts: gw.app.alertStore,
      store: gw.store,
      catalog: loadCatalog(REPO_CATALOG),
      registry: new MaintenanceRegistry(clock),
      clock,
      notify: () => undefined,
      mirrorer: new MaintenanceMirrorer({
        alertmanager: new AlertmanagerClient(am.url),
        pagerduty: { client: new PagerDutyClient({ token: pd.token, baseUrl: pd.url }), fromFor: () => FROM },
      }),
    });
  }
});
