import { type CountBucket, MINUTE_MS } from './counts';
import { objectiveFigures } from './objectiveFigures';

// The worked example in docs/slo.md: keep the two in step.
describe('objectiveFigures: the worked example in docs/slo.md', () => {
  const now = Date.UTC(2026, 11, 3, 12, 0, 0);
  // checkout-api, 2,000 requests a minute for 30 days: 1 failure a minute (0.05%), then 2% failing for the last 2 hours.
  const buckets: CountBucket[] = [];
  for (let ago = 1; ago <= 30 * 1440; ago += 1) {
    const bad = ago <= 120 ? 40 : 1;
    buckets.push({ start: now - ago * MINUTE_MS, good: 2000 - bad, total: 2000 });
  }
  const figures = objectiveFigures(
    { id: 'availability', sli: { kind: 'availability' }, target: 0.999, windowDays: 30 },
    buckets,
    now
  );

  it('attainment and error budget: 47,880 failures against 86,400 allowed', () => {
    expect(figures.attainment).toBeCloseTo(0.99944583, 8);
    expect(figures.errorBudget.total).toBeCloseTo(0.001, 12);
    expect(figures.errorBudget.spent).toBeCloseTo(0.55416667, 8);
    expect(figures.errorBudget.remaining).toBeCloseTo(0.44583333, 8);
  });

  it('burn rates per window', () => {
    const rounded = Object.fromEntries(
      Object.entries(figures.burnRates).map(([window, rate]) => [window, +(rate as number).toFixed(4)])
    );
    expect(rounded).toEqual({ '5m': 20, '30m': 20, '1h': 20, '2h': 20, '6h': 7, '1d': 2.125, '3d': 1.0417 });
  });

  it('pages on both page rules and tickets on the 3-day rule', () => {
    expect(
      figures.alerts.map(({ severity, longWindow, threshold, firing }) => [severity, longWindow, threshold, firing])
    ).toEqual([
      ['page', '1h', 14.4, true],
      ['page', '6h', 6, true],
      ['ticket', '1d', 3, false],
      ['ticket', '3d', 1, true],
    ]);
  });

  it('the budget runs out in 16 h 3 min at the 1h rate, 45 h 51 min at the 6h rate', () => {
    expect(new Date(figures.exhaustsAt['1h']!).toISOString()).toBe('2026-12-04T04:03:00.000Z');
    expect(new Date(figures.exhaustsAt['6h']!).toISOString()).toBe('2026-12-05T09:51:25.714Z');
  });
});
