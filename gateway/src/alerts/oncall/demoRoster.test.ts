import fc from 'fast-check';
import type { CatalogService } from '@opsdeck/contract';
import { demoOnCall, demoShifts } from './demoRoster';

const DAY = 86_400_000;
const catalog = [
  { name: 'checkout-api', team: 'payments' },
  { name: 'search-api', team: 'catalog' },
  { name: 'identity-api', team: 'platform' },
] as CatalogService[];

describe('demo roster history', () => {
  it('gives whole Monday-to-Monday weeks overlapping the range, per team, oldest first', () => {
    // Wednesday 2 to Wednesday 16 December 2026: three weeks of shifts, from Monday 30 November.
    const shifts = demoShifts(catalog, { from: Date.UTC(2026, 11, 2), to: Date.UTC(2026, 11, 16) });
    const payments = shifts.filter((s) => s.team === 'payments');
    expect(payments.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()])).toEqual([
      ['2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'],
      ['2026-12-07T00:00:00.000Z', '2026-12-14T00:00:00.000Z'],
      ['2026-12-14T00:00:00.000Z', '2026-12-21T00:00:00.000Z'],
    ]);
    expect(new Set(payments.map((s) => s.person)).size).toBe(3);
    expect(payments[0]).toMatchObject({ schedule: 'payments primary', email: expect.stringMatching(/@example\.com$/) });
    expect(shifts).toHaveLength(9);
    expect(demoShifts(catalog, { from: 5, to: 5 })).toEqual([]);
  });

  it('is the same rotation as "now" and "next" at any moment', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (now) => {
        const roster = demoOnCall(catalog, now);
        const history = demoShifts(catalog, { from: now, to: now + 8 * DAY });
        for (const policy of roster.policies) {
          const [team] = policy.teams;
          const [current, following] = history.filter((s) => s.team === team);
          const layer = policy.layers[0];
          expect([current.person, current.email, current.start, current.end]).toEqual([
            layer.now[0].person.name,
            layer.now[0].person.email,
            layer.now[0].start,
            layer.now[0].end,
          ]);
          expect([following.person, following.start]).toEqual([layer.next[0].person.name, layer.next[0].start]);
          expect(current.schedule).toBe(layer.scheduleName);
        }
      }),
      { numRuns: 100 }
    );
  });
});
