/**
 * Maintenance windows over HTTP: suppression through the real persist path (never dropped), mirroring to the
 * PagerDuty fake, extend/end, the reminder event before expiry and the stale-window list.
 */
import {
  type MaintenanceChangedPayload,
  MAINTENANCE_PATH,
  MAINTENANCE_STALE_PATH,
  maintenanceEndPath,
  maintenanceExtendPath,
} from '@opsdeck/contract';
import { isActiveAt, occurrenceAt } from '../../src/alerts/maintenance';
import { PagerDutyFake } from '../fakes/pagerduty';
import { startActionsGateway, START, type ActionsGateway } from './support/actionsGateway';

const HOUR = 3_600_000;

describe('maintenance windows', () => {
  let pd: PagerDutyFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    pd = new PagerDutyFake({ now: () => gw?.clock.now ?? START });
    pd.users.push({ id: 'PBOT', name: 'Opsdeck', email: 'opsdeck@example.com' });
    await pd.start();
    gw = await startActionsGateway({
      settings: { pagerdutyApiToken: pd.token, pagerdutyApiUrl: pd.url, pagerdutyFromEmail: 'opsdeck@example.com' },
    });
  });

  afterAll(async () => {
    await gw.close();
    await pd.stop();
  });

  it('suppresses matching alerts while active (stored, visible behind the filter), mirrors to PagerDuty, and ends', async () => {
    const already = await gw.seedAlert({ source: 'sns', dedupKey: 'cw-1', service: 'checkout-api', team: 'payments' });
    const created = await gw.write(
      MAINTENANCE_PATH,
      { services: ['checkout-api'], reason: 'DB upgrade', endsAt: START + 2 * HOUR },
      { user: 'alice' }
    );
    expect(created.status).toBe(201);
    const window = created.body;
    expect(window).toMatchObject({ state: 'active', activeNow: true, createdBy: 'alice', services: ['checkout-api'] });
    expect(window.mirrors.pagerdutyMaintenanceWindowId).toBeDefined();
    const pdWindow = pd.maintenanceWindows.get(window.mirrors.pagerdutyMaintenanceWindowId)!;
    expect(pdWindow.serviceIds).toEqual(['PCHK001']);
    expect(pd.callsTo('POST', '/maintenance_windows')[0].headers.from).toBe('opsdeck@example.com');

    // The alert already firing is re-marked; a new one arriving during the window is stored suppressed.
    expect((await gw.read(`/api/alerts/${already.id}`)).body.alert.status).toBe('suppressed');
    gw.clock.now += 60_000;
    const during = await gw.seedAlert({
      source: 'sns',
      dedupKey: 'cw-2',
      service: 'checkout-api',
      updatedAt: gw.clock.now,
      startsAt: gw.clock.now,
    });
    expect(during.status).toBe('suppressed');
    const other = await gw.seedAlert({
      source: 'sns',
      dedupKey: 'cw-3',
      service: 'search-api',
      updatedAt: gw.clock.now,
      startsAt: gw.clock.now,
    });
    expect(other.status).toBe('firing');
    const open = await gw.read('/api/alerts');
    expect(open.body.alerts.map((a: { id: string }) => a.id)).not.toContain(during.id);
    const suppressed = await gw.read('/api/alerts?status=suppressed');
    expect(suppressed.body.alerts.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([already.id, during.id])
    );

    const extended = await gw.write(maintenanceExtendPath(window.id), { endsAt: START + 3 * HOUR });
    expect(extended.body.endsAt).toBe(START + 3 * HOUR);
    expect(pdWindow.endTime).toBe(new Date(START + 3 * HOUR).toISOString());

    const ended = await gw.write(maintenanceEndPath(window.id), {}, { user: 'bob' });
    expect(ended.body).toMatchObject({ state: 'ended', endedBy: 'bob', activeNow: false });
    expect(pdWindow.deleted).toBe(true);
    expect((await gw.read(`/api/alerts/${during.id}`)).body.alert.status).toBe('firing');

    const audit = await gw.store.listAudit({ target: window.id });
    expect(audit.map((a) => [a.action, a.user])).toEqual([
      ['maintenance.end', 'bob'],
      ['maintenance.extend', 'alice'],
      ['maintenance.create', 'alice'],
    ]);
    const events = await gw.store.listEventsSince(0, 1000);
    const changes = events
      .filter((e) => e.type === 'maintenance.changed')
      .map((e) => (e.payload as { change: string }).change);
    expect(changes).toEqual(['created', 'extended', 'ended']);
    expect((await gw.write(maintenanceEndPath(window.id))).status).toBe(409);
  });

  it('sends one reminder event before a window expires', async () => {
    const now = gw.clock.now;
    const { body: window } = await gw.write(MAINTENANCE_PATH, {
      teams: ['platform'],
      reason: 'network work',
      endsAt: now + HOUR,
    });
    await gw.app.alertActions.maintenance.tick();
    const expiring = async () =>
      (await gw.store.listEventsSince(0, 1000)).filter(
        (e) =>
          e.type === 'maintenance.changed' &&
          (e.payload as MaintenanceChangedPayload).change === 'expiring' &&
          (e.payload as MaintenanceChangedPayload).window.id === window.id
      );
    expect(await expiring()).toHaveLength(0);
    gw.clock.now = now + HOUR - 10 * 60_000;
    await gw.app.alertActions.maintenance.tick();
    await gw.app.alertActions.maintenance.tick();
    expect(await expiring()).toHaveLength(1);
    await gw.write(maintenanceEndPath(window.id));
  });

  it('lists windows still open long after their services recovered', async () => {
    const now = gw.clock.now;
    const alert = await gw.seedAlert({
      source: 'sns',
      dedupKey: 'cw-inv',
      service: 'inventory-api',
      startsAt: now,
      updatedAt: now,
    });
    const { body: window } = await gw.write(MAINTENANCE_PATH, {
      services: ['inventory-api'],
      reason: 'migration',
      endsAt: now + 12 * HOUR,
    });
    gw.clock.now = now + 30 * 60_000;
    await gw.seedAlert({
      source: 'sns',
      dedupKey: 'cw-inv',
      service: 'inventory-api',
      status: 'resolved',
      startsAt: alert.startsAt,
      updatedAt: gw.clock.now,
      endsAt: gw.clock.now,
    });
    expect((await gw.read(MAINTENANCE_STALE_PATH)).body.windows).toHaveLength(0);
    gw.clock.now = now + 30 * 60_000 + 2 * HOUR;
    const stale = (await gw.read(MAINTENANCE_STALE_PATH)).body.windows;
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ window: { id: window.id }, recoveredAt: now + 30 * 60_000, openForMs: 2 * HOUR });
  });

  it('rejects windows naming unknown services or ending in the past', async () => {
    expect(
      (await gw.write(MAINTENANCE_PATH, { services: ['nope'], reason: 'x', endsAt: gw.clock.now + HOUR })).body.field
    ).toBe('services');
    expect(
      (await gw.write(MAINTENANCE_PATH, { services: ['checkout-api'], reason: 'x', endsAt: gw.clock.now - 1 })).status
    ).toBe(400);
    expect(
      (
        await gw.write(
          MAINTENANCE_PATH,
          { services: ['checkout-api'], reason: 'x', endsAt: gw.clock.now + HOUR },
          { viewer: true }
        )
      ).status
    ).toBe(403);
  });

  it('recurring windows are active only during their weekly occurrence (UTC)', () => {
    // 2026-11-27 is a Friday (5); Sundays 02:00–04:00.
    const recurrence = { daysOfWeek: [0], startTime: '02:00', durationMinutes: 120 };
    const window = { startsAt: START, endsAt: START + 30 * 24 * HOUR, recurrence };
    const sunday3am = Date.parse('2026-11-29T03:00:00Z');
    expect(occurrenceAt(recurrence, sunday3am)).toBe(Date.parse('2026-11-29T02:00:00Z'));
    expect(isActiveAt(window, sunday3am)).toBe(true);
    expect(isActiveAt(window, Date.parse('2026-11-29T04:00:00Z'))).toBe(false);
    expect(isActiveAt(window, Date.parse('2026-11-30T03:00:00Z'))).toBe(false);
  });
});
