import fc from 'fast-check';
import {
  AUTO_RESOLVE_MS,
  duplicateFirings,
  fatigueFigures,
  fatigueReport,
  flappingAlerts,
  hourClass,
  type AlertEpisode,
} from './alertFatigue';

const MIN = 60_000;
const WEEK = 7 * 86_400_000;
const rule = (name: string) => ({ kind: 'alertname' as const, name });

describe('alert fatigue, worked examples', () => {
  it('classes hours as PagerDuty does, in the team’s time zone', () => {
    // Thursday 3 December 2026.
    expect(hourClass(Date.UTC(2026, 11, 3, 9), 'UTC')).toBe('business');
    expect(hourClass(Date.UTC(2026, 11, 3, 19), 'UTC')).toBe('off');
    expect(hourClass(Date.UTC(2026, 11, 3, 23), 'UTC')).toBe('sleep');
    expect(hourClass(Date.UTC(2026, 11, 5, 12), 'UTC')).toBe('off'); // Saturday noon
    expect(hourClass(Date.UTC(2026, 11, 5, 23), 'UTC')).toBe('sleep'); // Saturday night
    // 03:00 UTC on Friday is 22:00 on Thursday in New York (EST): sleep there, not in London.
    expect(hourClass(Date.UTC(2026, 11, 4, 3), 'America/New_York')).toBe('sleep');
    expect(hourClass(Date.UTC(2026, 11, 4, 14), 'America/New_York')).toBe('business');
  });

  it('counts interruptions by hours, never acknowledged, auto-resolved, flapping and duplicates', () => {
    const night = Date.UTC(2026, 11, 3, 23);
    const episodes: AlertEpisode[] = [
      // The same alert fires three times within 40 minutes at night, resolving by itself each time: flapping.
      {
        alertId: 'a',
        rule: rule('DiskFull'),
        service: 'ledger',
        firedAt: night,
        resolvedAt: night + 2 * MIN,
        paged: true,
      },
      {
        alertId: 'a',
        rule: rule('DiskFull'),
        service: 'ledger',
        firedAt: night + 20 * MIN,
        resolvedAt: night + 22 * MIN,
        paged: true,
      },
      {
        alertId: 'a',
        rule: rule('DiskFull'),
        service: 'ledger',
        firedAt: night + 40 * MIN,
        resolvedAt: night + 70 * MIN,
        paged: true,
      },
      // Another alert of the same rule and service while the third is firing: a duplicate; acknowledged after 10.
      {
        alertId: 'b',
        rule: rule('DiskFull'),
        service: 'ledger',
        firedAt: night + 45 * MIN,
        acknowledgedAt: night + 55 * MIN,
        paged: false,
      },
    ];
    const f = fatigueFigures(episodes, WEEK, 'UTC');
    expect(f).toMatchObject({
      alerts: 4,
      interruptions: 3,
      interruptionsByHours: { business: 0, off: 0, sleep: 3 },
      alertsPerWeek: 4,
      neverAcknowledged: 0.75,
      autoResolved: 0.5,
      flapping: 1,
      duplicates: 1,
      mtta: 10 * MIN,
    });
    // 3 sleep pages a week fill that component (35); 75% unacknowledged: 18.75 → 18.8; 50% auto-resolved: 10;
    // 1 flapping alert of 4 firings: 2.5; 4 alerts a week of 100: 0.4.
    expect(f.score.components.map((c) => [c.id, c.points])).toEqual([
      ['sleep_interruptions', 35],
      ['never_acknowledged', 18.8],
      ['auto_resolved', 10],
      ['flapping', 2.5],
      ['volume', 0.4],
    ]);
    expect(f.score.score).toBe(66.7);
  });

  it('does not call a firing auto-resolved when it took longer than 5 minutes or someone acknowledged it', () => {
    const t = Date.UTC(2026, 11, 3, 10);
    const f = fatigueFigures(
      [
        { alertId: 'x', rule: rule('R'), firedAt: t, resolvedAt: t + AUTO_RESOLVE_MS + 1, paged: false },
        { alertId: 'y', rule: rule('R'), firedAt: t, acknowledgedAt: t + MIN, resolvedAt: t + 2 * MIN, paged: false },
      ],
      WEEK,
      'UTC'
    );
    expect(f.autoResolved).toBe(0);
  });

  it('ranks the rules to fix first, per team and in each team’s hours', () => {
    const night = Date.UTC(2026, 11, 3, 23);
    const noisy = Array.from({ length: 6 }, (_, i): AlertEpisode => ({
      alertId: `n${i}`,
      rule: rule('Noisy'),
      team: 'payments',
      service: 'ledger',
      firedAt: night + i * 3 * 60 * MIN,
      resolvedAt: night + i * 3 * 60 * MIN + MIN,
      paged: true,
    }));
    const calm: AlertEpisode = {
      alertId: 'c',
      rule: rule('Calm'),
      team: 'payments',
      firedAt: Date.UTC(2026, 11, 3, 10),
      acknowledgedAt: Date.UTC(2026, 11, 3, 10, 5),
      resolvedAt: Date.UTC(2026, 11, 3, 11),
      paged: true,
    };
    const report = fatigueReport([calm, ...noisy], WEEK, () => 'UTC');
    expect(report.fixFirst.map((r) => r.rule.name)).toEqual(['Noisy', 'Calm']);
    expect(report.teams.map((t) => t.team)).toEqual(['payments']);
    expect(report.rules[0].services).toEqual(['ledger']);
  });
});

const episode = fc
  .record({
    alert: fc.integer({ min: 0, max: 6 }),
    rule: fc.constantFrom('A', 'B', 'C'),
    firedAt: fc.integer({ min: 0, max: 14 * 86_400_000 }),
    ack: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
    resolve: fc.option(fc.integer({ min: 0, max: 7_200_000 })),
    paged: fc.boolean(),
  })
  .map(({ alert, rule: name, firedAt, ack, resolve, paged }): AlertEpisode => ({
    alertId: `a${alert}`,
    rule: rule(name),
    service: 'svc',
    team: alert % 2 ? 'payments' : 'platform',
    firedAt: Date.UTC(2026, 10, 1) + firedAt,
    ...(ack === null ? {} : { acknowledgedAt: Date.UTC(2026, 10, 1) + firedAt + ack }),
    ...(resolve === null ? {} : { resolvedAt: Date.UTC(2026, 10, 1) + firedAt + resolve }),
    paged,
  }));

describe('alert fatigue, properties', () => {
  it('scores stay within 0–100 and are the sum of their components; shares within 0–1', () => {
    fc.assert(
      fc.property(fc.array(episode, { maxLength: 80 }), (episodes) => {
        const report = fatigueReport(episodes, 2 * WEEK, (team) => (team === 'payments' ? 'Europe/Berlin' : 'UTC'));
        for (const { figures } of [...report.rules, ...report.teams]) {
          expect(figures.score.score).toBeGreaterThanOrEqual(0);
          expect(figures.score.score).toBeLessThanOrEqual(100);
          const sum = figures.score.components.reduce((n, c) => n + c.points, 0);
          expect(Math.abs(sum - figures.score.score)).toBeLessThan(0.2);
          for (const share of [figures.neverAcknowledged, figures.autoResolved]) {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
          const { business, off, sleep } = figures.interruptionsByHours;
          expect(business + off + sleep).toBe(figures.interruptions);
        }
        expect(report.fixFirst.length).toBeLessThanOrEqual(10);
        expect(report.rules.reduce((n, r) => n + r.figures.alerts, 0)).toBe(episodes.length);
      }),
      { numRuns: 60 }
    );
  });

  it('duplicates and flapping match a brute-force count', () => {
    fc.assert(
      fc.property(fc.array(episode, { maxLength: 40 }), (episodes) => {
        const brute = episodes.filter((e, i) =>
          episodes.some(
            (o, j) =>
              o.alertId !== e.alertId &&
              o.rule.name === e.rule.name &&
              (o.firedAt < e.firedAt ||
                (o.firedAt === e.firedAt && (o.alertId < e.alertId || (o.alertId === e.alertId && j < i)))) &&
              (o.resolvedAt === undefined || o.resolvedAt > e.firedAt)
          )
        ).length;
        expect(duplicateFirings(episodes)).toBe(brute);
        const flapBrute = [...new Set(episodes.map((e) => e.alertId))].filter((id) => {
          const times = episodes.filter((e) => e.alertId === id).map((e) => e.firedAt);
          return times.some((t) => times.filter((u) => u >= t && u - t <= 3_600_000).length >= 3);
        }).length;
        expect(flappingAlerts(episodes)).toBe(flapBrute);
      }),
      { numRuns: 100 }
    );
  });
});
