import fc from 'fast-check';
import { sloOverPeriod } from './reportSlo';

describe('an objective over the report period', () => {
  it('works out a week of a 30-day 99.9% objective', () => {
    // 1,000,000 requests, 2,000 bad: 99.8% against 99.9%, burning twice as fast as allowed for 7 of 30 days.
    const week = sloOverPeriod({ good: 998_000, total: 1_000_000 }, 0.999, 7, 30);
    expect(week.attainment).toBeCloseTo(0.998, 12);
    expect(week.met).toBe(false);
    expect(week.burnRate).toBeCloseTo(2, 9);
    expect(week.budgetSpent).toBeCloseTo(14 / 30, 9);
  });

  it('says nothing without traffic', () => {
    expect(sloOverPeriod({ good: 0, total: 0 }, 0.99, 7, 30)).toEqual({
      attainment: null,
      met: null,
      burnRate: null,
      budgetSpent: null,
    });
  });

  it('meets the objective exactly when the burn rate is at most 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.9, 0.99, 0.995, 0.999),
        fc.constantFrom(7, 28, 30, 31),
        (total, goodShare, target, days) => {
          const figures = sloOverPeriod({ good: Math.floor(total * goodShare), total }, target, days, 30);
          expect(figures.attainment).toBeGreaterThanOrEqual(0);
          expect(figures.attainment).toBeLessThanOrEqual(1);
          expect(figures.burnRate!).toBeGreaterThanOrEqual(0);
          // Guard the boundary against floating point: 1 − attainment and 1 − target are both rounded.
          if (Math.abs(figures.burnRate! - 1) > 1e-9) expect(figures.met).toBe(figures.burnRate! < 1);
          expect(figures.budgetSpent).toBeCloseTo((figures.burnRate! * days) / 30, 9);
        }
      )
    );
  });
});
