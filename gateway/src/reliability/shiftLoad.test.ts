import fc from 'fast-check';
import { fatigueFigures, fatigueReport, type AlertEpisode } from './alertFatigue';
import { hourClass } from './hourClass';
import { shiftLoads, type ShiftSpan } from './shiftLoad';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rule = { kind: 'alertname' as const, name: 'DiskFull' };
const fired = (alertId: string, firedAt: number, paged = true): AlertEpisode => ({
  alertId,
  rule,
  team: 'payments',
  firedAt,
  paged,
});

describe('load per on-call shift, worked example', () => {
  // Two weeks from Tuesday 1 December 2026 (a Monday-to-Monday rotation, so the first shift is clipped), Berlin time.
  const range = { from: Date.UTC(2026, 11, 1), to: Date.UTC(2026, 11, 14) };
  const shift = (person: string, start: number, end: number, schedule = 'payments primary'): ShiftSpan => ({
    person,
    email: `${person.toLowerCase()}@example.com`,
    schedule,
    start,
    end,
  });
  const shifts = [
    shift('Linus', Date.UTC(2026, 11, 14), Date.UTC(2026, 11, 21)), // after the range
    shift('Grace', Date.UTC(2026, 11, 7), Date.UTC(2026, 11, 14)),
    shift('Ada', Date.UTC(2026, 10, 30), Date.UTC(2026, 11, 7)), // began before the range
    shift('Radia', Date.UTC(2026, 10, 23), Date.UTC(2026, 11, 1)), // ended as the range began
    // A second schedule on level 1 over the weekend handover: it overlaps both primaries.
    shift('Bob', Date.UTC(2026, 11, 6, 12), Date.UTC(2026, 11, 8, 12), 'payments secondary'),
  ];
  const episodes = [
    fired('a', Date.UTC(2026, 11, 1, 9)), // Tuesday 10:00 Berlin: business
    fired('b', Date.UTC(2026, 11, 2, 23, 30)), // Thursday 00:30 Berlin: sleep
    fired('c', Date.UTC(2026, 11, 3, 12), false), // paged no one
    fired('d', Date.UTC(2026, 11, 6, 20)), // Sunday 21:00 Berlin: off; Ada's and Bob's
    fired('e', Date.UTC(2026, 11, 7)), // Monday 01:00 Berlin, the handover instant: Grace's (and Bob's), not Ada's
    fired('f', Date.UTC(2026, 11, 10, 15)), // Thursday 16:00 Berlin: business
  ];

  it('clips shifts to the range, gives each episode to the shifts it started in, and sums them up', () => {
    const { shifts: loads, perShift } = shiftLoads(episodes, shifts, range, 'Europe/Berlin');
    expect(loads).toEqual([
      {
        person: 'Ada',
        email: 'ada@example.com',
        schedule: 'payments primary',
        start: range.from,
        end: Date.UTC(2026, 11, 7),
        alerts: 4,
        interruptions: 3,
        interruptionsByHours: { business: 1, off: 1, sleep: 1 },
      },
      {
        person: 'Bob',
        email: 'bob@example.com',
        schedule: 'payments secondary',
        start: Date.UTC(2026, 11, 6, 12),
        end: Date.UTC(2026, 11, 8, 12),
        alerts: 2,
        interruptions: 2,
        interruptionsByHours: { business: 0, off: 1, sleep: 1 },
      },
      {
        person: 'Grace',
        email: 'grace@example.com',
        schedule: 'payments primary',
        start: Date.UTC(2026, 11, 7),
        end: range.to,
        alerts: 2,
        interruptions: 2,
        interruptionsByHours: { business: 1, off: 0, sleep: 1 },
      },
    ]);
    // Interruptions 3, 2, 2; sleep-hour ones 1, 1, 1.
    expect(perShift).toEqual({
      shifts: 3,
      interruptions: { mean: 2.3, max: 3 },
      sleepInterruptions: { mean: 1, max: 1 },
    });
  });

  it('has no summary without shifts in the range', () => {
    expect(shiftLoads(episodes, [shifts[0], shifts[3]], range, 'UTC')).toEqual({ shifts: [], perShift: null });
  });

  it('puts the shifts on the team in the fatigue report, and lists a team whose shifts were quiet', () => {
    const byTeam = new Map([
      ['payments', shifts],
      ['platform', [shift('Ken', Date.UTC(2026, 11, 7), Date.UTC(2026, 11, 14))]],
    ]);
    const report = fatigueReport(episodes, range.to - range.from, () => 'Europe/Berlin', { range, byTeam });
    const payments = report.teams.find((t) => t.team === 'payments')!;
    expect(payments.shifts.map((s) => [s.person, s.interruptions])).toEqual([
      ['Ada', 3],
      ['Bob', 2],
      ['Grace', 2],
    ]);
    expect(payments.figures.interruptions).toBe(5);
    const platform = report.teams.find((t) => t.team === 'platform')!;
    expect(platform.figures.alerts).toBe(0);
    expect(platform.perShift).toEqual({
      shifts: 1,
      interruptions: { mean: 0, max: 0 },
      sleepInterruptions: { mean: 0, max: 0 },
    });
    // Without an on-call source: no shifts, no summary, and no team without alerts.
    const plain = fatigueReport(episodes, range.to - range.from, () => 'Europe/Berlin');
    expect(plain.teams).toEqual([expect.objectContaining({ team: 'payments', shifts: [], perShift: null })]);
  });
});

const FROM = Date.UTC(2026, 10, 2);
const SPAN = 21 * DAY;
const range = { from: FROM, to: FROM + SPAN };
const episodes = fc.array(
  fc
    .record({ at: fc.integer({ min: 0, max: SPAN - 1 }), paged: fc.boolean(), alert: fc.nat(5) })
    .map(({ at, paged, alert }) => fired(`a${alert}`, FROM + at, paged)),
  { maxLength: 60 }
);
const anyShift = fc
  .record({
    start: fc.integer({ min: -7 * DAY, max: SPAN + 7 * DAY }),
    length: fc.integer({ min: 1, max: 10 * DAY }),
    person: fc.constantFrom('Ada', 'Grace', 'Linus'),
    schedule: fc.constantFrom('primary', 'secondary'),
  })
  .map(({ start, length, person, schedule }): ShiftSpan => ({
    person,
    schedule,
    start: FROM + start,
    end: FROM + start + length,
  }));
const timeZone = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata');

describe('load per on-call shift, properties', () => {
  it('with shifts that cover the range without overlapping, the shifts carry exactly the team’s interruptions', () => {
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: SPAN - 1 }), { maxLength: 12 });
    fc.assert(
      fc.property(episodes, cuts, timeZone, fc.nat(DAY), (list, points, zone, overhang) => {
        const bounds = [
          range.from - overhang,
          ...points.map((p) => FROM + p).sort((a, b) => a - b),
          range.to + overhang,
        ];
        const shifts = bounds
          .slice(1)
          .map((end, i) => ({ person: `p${i % 3}`, schedule: 'primary', start: bounds[i], end }));
        const { shifts: loads } = shiftLoads(list, shifts, range, zone);
        const team = fatigueFigures(list, SPAN, zone);
        expect(loads).toHaveLength(shifts.length);
        expect(loads.reduce((n, s) => n + s.interruptions, 0)).toBe(team.interruptions);
        expect(loads.reduce((n, s) => n + s.alerts, 0)).toBe(team.alerts);
        for (const hours of ['business', 'off', 'sleep'] as const) {
          expect(loads.reduce((n, s) => n + s.interruptionsByHours[hours], 0)).toBe(team.interruptionsByHours[hours]);
        }
      }),
      { numRuns: 80 }
    );
  });

  it('any shifts: clipped inside the range, oldest first, counts equal a brute-force count, max ≥ mean ≥ 0', () => {
    fc.assert(
      fc.property(episodes, fc.array(anyShift, { maxLength: 10 }), timeZone, (list, shifts, zone) => {
        const { shifts: loads, perShift } = shiftLoads(list, shifts, range, zone);
        for (const [i, load] of loads.entries()) {
          expect(load.start).toBeLessThan(load.end);
          expect(load.start).toBeGreaterThanOrEqual(range.from);
          expect(load.end).toBeLessThanOrEqual(range.to);
          if (i > 0) expect(load.start).toBeGreaterThanOrEqual(loads[i - 1].start);
          const inside = list.filter((e) => load.start <= e.firedAt && e.firedAt < load.end);
          expect(load.alerts).toBe(inside.length);
          expect(load.interruptions).toBe(inside.filter((e) => e.paged).length);
          expect(load.interruptionsByHours.sleep).toBe(
            inside.filter((e) => e.paged && hourClass(e.firedAt, zone) === 'sleep').length
          );
        }
        const overlapping = shifts.filter((s) => s.start < range.to && s.end > range.from);
        expect(loads).toHaveLength(overlapping.length);
        if (loads.length === 0) {
          expect(perShift).toBeNull();
          return;
        }
        expect(perShift!.shifts).toBe(loads.length);
        for (const stat of [perShift!.interruptions, perShift!.sleepInterruptions]) {
          expect(stat.mean).toBeGreaterThanOrEqual(0);
          expect(stat.max).toBeGreaterThanOrEqual(stat.mean);
        }
        expect(perShift!.interruptions.max).toBe(Math.max(...loads.map((l) => l.interruptions)));
      }),
      { numRuns: 120 }
    );
  });
});
