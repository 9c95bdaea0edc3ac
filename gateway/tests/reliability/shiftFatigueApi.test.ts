// Alert fatigue per first-level on-call shift through a real gateway: alerts at chosen times on either side of a
// shift handover, GET /api/alert-fatigue's `teams[].shifts` and the alert_fatigue query's shifts view out. Once in
// demo mode (the demo roster's weeks start on Monday 00:00 UTC) and once against the PagerDuty protocol fake (two
// schedules on level 1, read over more than one month).
import {
  ONCALL_PATH,
  type AlertFatigueResponse,
  type OnCallResponse,
  type OnCallShiftLoad,
  type QueryResponse,
} from '@opsdeck/contract';
import { startActionsGateway, type ActionsGateway } from '../actions/support/actionsGateway';
import { PagerDutyFake } from '../fakes/pagerduty';
import { startTestGateway, type TestGateway } from '../support/gateway';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const counts = (s: OnCallShiftLoad) => ({
  alerts: s.alerts,
  interruptions: s.interruptions,
  ...s.interruptionsByHours,
});

describe('per-shift fatigue in demo mode', () => {
  const TOKEN = 'shift-webhook-token';
  // Thursday 10 December 2026, noon UTC. The range starts on Tuesday 1 December: the week of Monday 30 November is
  // clipped at its start, the week of Monday 7 December at its end.
  const NOW = Date.UTC(2026, 11, 10, 12);
  const FROM = Date.UTC(2026, 11, 1);
  const HANDOVER = Date.UTC(2026, 11, 7);
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ webhooks: { webhookToken: TOKEN }, clock: () => NOW });
  });
  afterAll(async () => {
    await gateway.close();
  });

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${gateway.token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const paymentsShifts = async () => {
    const report = await get<AlertFatigueResponse>(`/api/alert-fatigue?team=payments&from=${FROM}&to=${NOW}`);
    expect(report.teams.map((t) => t.team)).toEqual(['payments']);
    return report.teams[0];
  };

  /** An Alertmanager notification of one firing alert on checkout-api (team payments, Europe/Berlin). */
  async function fire(alertname: string, severity: string, startsAt: number) {
    const labels = { alertname, service: 'checkout-api', severity };
    const response = await fetch(`${gateway.url}/webhooks/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: '4',
        groupKey: `{}:{alertname="${alertname}"}`,
        status: 'firing',
        receiver: 'opsdeck',
        groupLabels: { alertname },
        commonLabels: labels,
        commonAnnotations: {},
        alerts: [
          {
            status: 'firing',
            labels,
            annotations: { summary: `${alertname} on checkout-api` },
            startsAt: new Date(startsAt).toISOString(),
            endsAt: '0001-01-01T00:00:00Z',
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
  }

  it('counts each alert in the weekly shift it started in, by hours in the team’s time zone', async () => {
    // The demo fleet's own alerts are in the store too: the test counts what its alerts add to each shift.
    const before = await paymentsShifts();
    expect(before.timeZone).toBe('Europe/Berlin');
    expect(before.shifts.map((s) => [s.schedule, s.start, s.end])).toEqual([
      ['payments primary', FROM, HANDOVER],
      ['payments primary', HANDOVER, NOW],
    ]);
    // The current shift is the one GET /api/oncall names.
    const oncall = await get<OnCallResponse>(ONCALL_PATH);
    const current = oncall.policies.find((p) => p.teams.includes('payments'))!.layers[0].now[0];
    expect(before.shifts[1]).toMatchObject({ person: current.person.name, email: current.person.email });
    expect(current.start).toBe(HANDOVER);
    expect(before.shifts[0].person).not.toBe(current.person.name);

    await fire('ShiftNightOne', 'critical', Date.UTC(2026, 11, 2, 23, 30)); // Thu 00:30 Berlin: sleep
    await fire('ShiftLastMinute', 'critical', HANDOVER - 60_000); // Mon 00:59 Berlin, still the first week
    await fire('ShiftHandover', 'critical', HANDOVER); // the handover instant belongs to the new shift
    await fire('ShiftQuiet', 'warning', Date.UTC(2026, 11, 8, 10)); // paged no one
    await fire('ShiftDaytime', 'critical', Date.UTC(2026, 11, 9, 12)); // Wed 13:00 Berlin: business

    const after = await paymentsShifts();
    const added = after.shifts.map((s, i) => {
      const was = counts(before.shifts[i]);
      return Object.fromEntries(Object.entries(counts(s)).map(([k, v]) => [k, v - was[k as keyof typeof was]]));
    });
    expect(added).toEqual([
      { alerts: 2, interruptions: 2, business: 0, off: 0, sleep: 2 },
      { alerts: 3, interruptions: 2, business: 1, off: 0, sleep: 1 },
    ]);
    const interruptions = after.shifts.map((s) => s.interruptions);
    expect(after.perShift).toMatchObject({
      shifts: 2,
      interruptions: { max: Math.max(...interruptions) },
    });
    expect(after.perShift!.interruptions.mean).toBeCloseTo((interruptions[0] + interruptions[1]) / 2, 1);

    // The datasource's shifts view: the same shifts, one row each.
    const query = await fetch(`${gateway.url}/api/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        range: { from: FROM, to: NOW },
        queries: [{ refId: 'A', queryType: 'alert_fatigue', fatigueView: 'shifts', team: 'payments' }],
      }),
    });
    const frame = ((await query.json()) as QueryResponse).results.A.frames![0];
    const column = (name: string) => frame.data!.values[frame.schema!.fields.findIndex((f) => f.name === name)];
    expect(frame.schema!.name).toBe('alert_fatigue_shifts');
    expect(column('start')).toEqual([FROM, HANDOVER]);
    expect(column('person')).toEqual(after.shifts.map((s) => s.person));
    expect(column('interruptions')).toEqual(interruptions);
    expect(column('sleep_hours')).toEqual(after.shifts.map((s) => s.interruptionsByHours.sleep));
    expect(frame.schema!.meta!.custom).toMatchObject({ demo: true });
  });
});

describe('per-shift fatigue from PagerDuty', () => {
  // Monday 26 October 2026, 00:00 UTC: both rotations are on this grid.
  const ROTATION = Date.UTC(2026, 9, 26);
  const NOW = Date.UTC(2026, 11, 10, 12);
  // 40 days back and off the shift grid: the range is read in more than one window, cutting through shifts.
  const FROM = NOW - 40 * DAY + 5 * HOUR;
  let pd: PagerDutyFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    pd = new PagerDutyFake({ now: () => NOW });
    pd.users.push(
      { id: 'PU1', name: 'Alice', email: 'alice@example.com' },
      { id: 'PU2', name: 'Bob', email: 'bob@example.com' },
      { id: 'PU3', name: 'Carol', email: 'carol@example.com' },
      { id: 'PU4', name: 'Dan', email: 'dan@example.com' }
    );
    pd.schedules.push(
      // 12-hour shifts, Alice then Bob, starting at 00:00 and 12:00 UTC.
      { id: 'PS1', name: 'Payments primary', userIds: ['PU1', 'PU2'], rotationStart: ROTATION, shiftHours: 12 },
      // A second first-level schedule on another policy of the same team: Dan alone, so on call without a break.
      { id: 'PS2', name: 'Payments fraud', userIds: ['PU4'], rotationStart: ROTATION, shiftHours: 168 }
    );
    pd.escalationPolicies.push(
      {
        id: 'PEP1',
        name: 'Payments',
        serviceIds: ['PCHK001', 'PPAY002'],
        rules: [
          { delayMinutes: 15, targets: [{ type: 'schedule', id: 'PS1' }] },
          { delayMinutes: 30, targets: [{ type: 'user', id: 'PU3' }] },
        ],
      },
      {
        id: 'PEP2',
        name: 'Fraud',
        serviceIds: ['PFRD003'],
        rules: [{ delayMinutes: 10, targets: [{ type: 'schedule', id: 'PS2' }] }],
      }
    );
    await pd.start();
    gw = await startActionsGateway({ settings: { pagerdutyApiToken: pd.token, pagerdutyApiUrl: pd.url } });
    gw.clock.now = NOW;
  });

  afterAll(async () => {
    await gw.close();
    await pd.stop();
  });

  let sequence = 0;
  const seed = (source: 'pagerduty' | 'alertmanager', severity: 'critical' | 'warning', at: number) =>
    gw.seedAlert({
      source,
      dedupKey: `shift-${(sequence += 1)}`,
      severity,
      service: 'checkout-api',
      team: 'payments',
      startsAt: at,
      updatedAt: at,
      labels: { alertname: `Shift${sequence}` },
    });

  it('counts alerts per first-level shift of every schedule, whole shifts read across windows', async () => {
    const tuesday = Date.UTC(2026, 11, 8);
    await seed('pagerduty', 'critical', tuesday + 3 * HOUR); // Alice 00–12 UTC; 04:00 Berlin: sleep
    await seed('pagerduty', 'critical', tuesday + 11 * HOUR); // Alice; 12:00 Berlin: business
    await seed('alertmanager', 'warning', tuesday + 11.5 * HOUR); // Alice; paged no one
    await seed('pagerduty', 'critical', tuesday + 12 * HOUR); // Bob 12–24 UTC from the handover; 13:00: business
    await seed('pagerduty', 'critical', tuesday + 20 * HOUR); // Bob; 21:00 Berlin: off

    const { status, body } = await gw.read(`/api/alert-fatigue?team=payments&from=${FROM}&to=${NOW}`);
    expect(status).toBe(200);
    const [team] = (body as AlertFatigueResponse).teams;
    expect(team.team).toBe('payments');
    const primary = team.shifts.filter((s) => s.schedule === 'Payments primary');
    const fraud = team.shifts.filter((s) => s.schedule === 'Payments fraud');
    // 40 days of 12-hour shifts, the first clipped at the range's start (17:00), each once though read twice.
    expect(primary).toHaveLength(80);
    expect(new Set(primary.map((s) => s.start)).size).toBe(80);
    expect(primary[0]).toMatchObject({ person: 'Bob', email: 'bob@example.com', start: FROM, end: FROM + 7 * HOUR });
    expect(primary.at(-1)).toMatchObject({ person: 'Alice', start: NOW - 12 * HOUR, end: NOW });
    // One contiguous on-call, as PagerDuty lists it (and each window read a part of it): the whole range.
    expect(fraud.map((s) => [s.person, s.start, s.end])).toEqual([['Dan', FROM, NOW]]);
    // Level 2 (Carol) is no first-level shift.
    expect(team.shifts.some((s) => s.person === 'Carol')).toBe(false);

    const at = (start: number) => primary.find((s) => s.start === start)!;
    expect(at(tuesday)).toMatchObject({ person: 'Alice', alerts: 3, interruptions: 2 });
    expect(at(tuesday).interruptionsByHours).toEqual({ business: 1, off: 0, sleep: 1 });
    expect(at(tuesday + 12 * HOUR)).toMatchObject({ person: 'Bob', alerts: 2, interruptions: 2 });
    expect(at(tuesday + 12 * HOUR).interruptionsByHours).toEqual({ business: 1, off: 1, sleep: 0 });
    // Dan was on level 1 of the other policy meanwhile: every alert of the team counts in his shift too.
    expect(counts(fraud[0])).toEqual({ alerts: 5, interruptions: 4, business: 2, off: 1, sleep: 1 });
    expect(primary.reduce((n, s) => n + s.interruptions, 0)).toBe(team.figures.interruptions);
    // 81 shifts carrying 8 interruptions (each counted in a primary and in the fraud shift), 2 of them in sleep hours.
    expect(team.perShift).toEqual({
      shifts: 81,
      interruptions: { mean: 0.1, max: 4 },
      sleepInterruptions: { mean: 0, max: 1 },
    });
    // Read a month at a time (40 days: two windows), each listing only the catalog's policies.
    const oncalls = pd.callsTo('GET', '/oncalls');
    const windows = new Set(oncalls.map((c) => c.query.get('since')));
    expect(windows.size).toBe(2);
    expect(oncalls.every((c) => c.query.getAll('escalation_policy_ids[]').sort().join() === 'PEP1,PEP2')).toBe(true);
  });

  it('still answers, without shifts, when PagerDuty fails', async () => {
    pd.failNext(1);
    const { status, body } = await gw.read(`/api/alert-fatigue?team=payments&from=${FROM}&to=${NOW}`);
    pd.heal();
    expect(status).toBe(200);
    const [team] = (body as AlertFatigueResponse).teams;
    expect(team).toMatchObject({ team: 'payments', shifts: [], perShift: null, figures: { interruptions: 4 } });
    expect((body as AlertFatigueResponse).notices).toEqual([expect.stringMatching(/^On-call shifts could not be read/)]);
  });

  it('has no shifts for a team whose services are on no policy', async () => {
    const { body } = await gw.read(`/api/alert-fatigue?team=platform&from=${FROM}&to=${NOW}`);
    expect((body as AlertFatigueResponse).teams).toEqual([]);
  });
});
