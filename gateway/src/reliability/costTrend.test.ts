import fc from 'fast-check';
import { EFFICIENCY_STEADY_BAND, type CostWindow } from '@opsdeck/contract';
import { costWindow } from './costEfficiency';
import { change, costTrend, efficiencyOf } from './costTrend';

const days = { start: '2026-10-05', end: '2026-11-04' };
const window = (cost: number | null, total: number | null): CostWindow =>
  costWindow(days, cost, total === null ? null : { good: total, total });

describe('cost trend', () => {
  it('gives changes as ratios and calls the cost per 1,000 requests better, steady or worse', () => {
    // Traffic +25% ($300 → $330 for 2.0M → 2.5M requests): $0.15 → $0.132 per 1k, 12% cheaper per request.
    expect(costTrend(window(330, 2_500_000), window(300, 2_000_000))).toEqual({
      requestsChange: expect.closeTo(0.25, 12),
      costChange: expect.closeTo(0.1, 12),
      costPer1kRequestsChange: expect.closeTo(-0.12, 12),
      efficiency: 'better',
    });
    // Cost +20% on flat traffic: cost outgrew traffic.
    expect(costTrend(window(360, 2_000_000), window(300, 2_000_000))).toMatchObject({
      requestsChange: 0,
      costPer1kRequestsChange: expect.closeTo(0.2, 12),
      efficiency: 'worse',
    });
    // +4% per 1k requests is inside the ±5% band.
    expect(costTrend(window(312, 2_000_000), window(300, 2_000_000)).efficiency).toBe('steady');
  });

  it('leaves a figure out when either window lacks it', () => {
    expect(costTrend(window(300, 2_000_000), null)).toEqual({
      requestsChange: null,
      costChange: null,
      costPer1kRequestsChange: null,
      efficiency: null,
    });
    // No cost before (no tag then): traffic still compares.
    expect(costTrend(window(300, 2_000_000), window(null, 1_000_000))).toEqual({
      requestsChange: 1,
      costChange: null,
      costPer1kRequestsChange: null,
      efficiency: null,
    });
    // Nothing served before: no per-request figure and no ratio from zero.
    expect(costTrend(window(300, 2_000_000), window(0, 0))).toMatchObject({
      requestsChange: null,
      costChange: null,
      efficiency: null,
    });
    expect(change(5, 0)).toBeNull();
  });

  const amount = fc.double({ min: 0.01, max: 1e6, noNaN: true });
  const count = fc.integer({ min: 1, max: 1e10 });

  it('is steady when cost and traffic scale by the same factor', () => {
    fc.assert(
      fc.property(amount, count, fc.double({ min: 0.01, max: 100, noNaN: true }), (cost, total, k) => {
        const before = window(cost, total);
        const now = costWindow(days, cost * k, { good: total * k, total: total * k });
        const trend = costTrend(now, before);
        expect(trend.costPer1kRequestsChange).toBeCloseTo(0, 9);
        expect(trend.efficiency).toBe('steady');
      })
    );
  });

  it('calls it worse exactly when cost per 1,000 requests rose beyond the band, better when it fell beyond', () => {
    fc.assert(
      fc.property(amount, count, amount, count, (c0, r0, c1, r1) => {
        const trend = costTrend(window(c1, r1), window(c0, r0));
        const ratio = c1 / r1 / (c0 / r0);
        expect(Math.abs(trend.costPer1kRequestsChange! - (ratio - 1))).toBeLessThan(1e-9 * Math.max(1, ratio));
        if (ratio > 1 + EFFICIENCY_STEADY_BAND + 1e-9) expect(trend.efficiency).toBe('worse');
        else if (ratio < 1 - EFFICIENCY_STEADY_BAND - 1e-9) expect(trend.efficiency).toBe('better');
        else if (Math.abs(ratio - 1) < EFFICIENCY_STEADY_BAND - 1e-9) expect(trend.efficiency).toBe('steady');
      })
    );
  });

  it('has a figure only when both windows have it', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    fc.assert(
      fc.property(maybe(amount), maybe(count), maybe(amount), maybe(count), (c0, r0, c1, r1) => {
        const trend = costTrend(window(c1, r1), window(c0, r0));
        expect(trend.costChange === null).toBe(c0 === null || c1 === null);
        expect(trend.requestsChange === null).toBe(r0 === null || r1 === null);
        expect(trend.efficiency === null).toBe(c0 === null || c1 === null || r0 === null || r1 === null);
        expect(efficiencyOf(trend.costPer1kRequestsChange)).toBe(trend.efficiency);
      })
    );
  });
});
