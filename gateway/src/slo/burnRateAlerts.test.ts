import { burnRates } from './burnRate';
import { BURN_RATE_ALERT_RULES, burnRateThreshold, evaluateBurnRateAlerts, firingSeverity } from './burnRateAlerts';
import { type CountBucket, MINUTE_MS } from './counts';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const TARGET = 0.999;

/** 1,000 requests a minute for four days; `bad(minutesAgo)` of them fail. */
function traffic(bad: (minutesAgo: number) => number): CountBucket[] {
  const buckets: CountBucket[] = [];
  for (let ago = 1; ago <= 4 * 1440; ago += 1) {
    buckets.push({ start: NOW - ago * MINUTE_MS, good: 1000 - bad(ago), total: 1000 });
  }
  return buckets;
}

const evaluate = (buckets: CountBucket[], now = NOW) => evaluateBurnRateAlerts(burnRates(buckets, TARGET, now), 30);
const firing = (alerts: ReturnType<typeof evaluate>) =>
  alerts.filter((alert) => alert.firing).map((alert) => `${alert.severity} ${alert.longWindow}/${alert.shortWindow}`);

describe('burnRateThreshold', () => {
  const thresholds = (days: number) => BURN_RATE_ALERT_RULES.map((rule) => burnRateThreshold(rule, days));

  it("is the Workbook's 14.4 / 6 / 3 / 1 for a 30-day window", () => {
    expect(thresholds(30)).toEqual([14.4, 6, 3, 1]);
  });

  it('keeps the share of budget each rule stands for on 28- and 7-day windows', () => {
    expect(thresholds(28).map((t) => +t.toFixed(4))).toEqual([13.44, 5.6, 2.8, 0.9333]);
    expect(thresholds(7).map((t) => +t.toFixed(4))).toEqual([3.36, 1.4, 0.7, 0.2333]);
  });
});

describe('evaluateBurnRateAlerts', () => {
  it('pages when both the 1h and 5m windows burn above 14.4, with the numbers behind it', () => {
    // 1.5% errors for the last hour: burn 15 on 5m, 30m and 1h, 15/2 on 2h.
    const alerts = evaluate(traffic((ago) => (ago <= 60 ? 15 : 0)));
    // 6h burns at 2.5, 1d at 0.625: only the fast page rule fires.
    expect(firing(alerts)).toEqual(['page 1h/5m']);
    expect(alerts[0]).toEqual({
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      threshold: 14.4,
      longBurnRate: expect.closeTo(15, 9),
      shortBurnRate: expect.closeTo(15, 9),
      firing: true,
    });
    expect(firingSeverity(alerts)).toBe('page');
  });

  it('does not fire at exactly the threshold: the Workbook compares with >', () => {
    const everyWindowAt = (rate: number) =>
      ({ '5m': rate, '30m': rate, '1h': rate, '2h': rate, '6h': rate, '1d': rate, '3d': rate }) as const;
    expect(firing(evaluateBurnRateAlerts(everyWindowAt(14.4), 30))).toEqual([
      'page 6h/30m',
      'ticket 1d/2h',
      'ticket 3d/6h',
    ]);
    expect(firing(evaluateBurnRateAlerts(everyWindowAt(14.400001), 30))).toContain('page 1h/5m');
    expect(firing(evaluateBurnRateAlerts(everyWindowAt(1), 30))).toEqual([]);
  });

  it('does not page on a short spike the long window does not confirm', () => {
    // 5 minutes at 10% errors: 5m burn 100, 1h burn 100/12 ≈ 8.3.
    const alerts = evaluate(traffic((ago) => (ago <= 5 ? 100 : 0)));
    expect(alerts[0].shortBurnRate).toBeCloseTo(100, 9);
    expect(alerts[0].longBurnRate).toBeCloseTo(100 / 12, 9);
    expect(alerts[0].firing).toBe(false);
  });

  it('does not page when only the long window is above: the burn has stopped', () => {
    // A total outage from 50 to 10 minutes ago: 1h burn 666.7, 5m burn 0.
    const alerts = evaluate(traffic((ago) => (ago > 10 && ago <= 50 ? 1000 : 0)));
    expect(alerts[0].longBurnRate).toBeGreaterThan(14.4);
    expect(alerts[0].shortBurnRate).toBe(0);
    expect(alerts[0].firing).toBe(false);
  });

  it('a total outage pages after one minute and clears five minutes after it ends', () => {
    const outageEnds = NOW;
    const outage = (start: number, end: number) =>
      traffic((ago) => {
        const minuteStart = NOW - ago * MINUTE_MS;
        return minuteStart >= start && minuteStart < end ? 1000 : 0;
      });
    // Outage in the last minute only: 1h burn 1000/60 ≈ 16.7 > 14.4, 5m burn 200.
    expect(firing(evaluate(outage(NOW - MINUTE_MS, NOW)))).toContain('page 1h/5m');
    // Ten-minute outage that ended 5 minutes ago: 1h still burns at 166.7, 5m is clean again.
    const ended = evaluate(outage(outageEnds - 15 * MINUTE_MS, outageEnds - 5 * MINUTE_MS));
    expect(ended[0].longBurnRate).toBeCloseTo(10000 / 60, 6);
    expect(firing(ended)).not.toContain('page 1h/5m');
  });

  it('opens a ticket for a slow burn that never pages', () => {
    // 0.35% errors for two days: burn 3.5 on every window up to 1d, 3.5 × 2/3 on 3d.
    const alerts = evaluate(traffic((ago) => (ago <= 2 * 1440 ? 3.5 : 0)));
    expect(firing(alerts)).toEqual(['ticket 1d/2h', 'ticket 3d/6h']);
    expect(firingSeverity(alerts)).toBe('ticket');
  });

  it('is clear on a healthy service', () => {
    const alerts = evaluate(traffic(() => 0.5));
    expect(firing(alerts)).toEqual([]);
    expect(firingSeverity(alerts)).toBeNull();
  });
});
