import fc from 'fast-check';
import { BURN_WINDOWS, burnRates } from './burnRate';
import { type CountBucket, DAY_MS, MINUTE_MS } from './counts';
import { objectiveFigures } from './objectiveFigures';
import { type Objective, WINDOW_DAYS } from './objective';

// The reference below works on "minutes ago" (1 = the minute that just ended) instead of bucket start times, and
// sums raw good/bad counts minute by minute, so it shares no code or arithmetic shape with the module.
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const MAX_MINUTES_AGO = 31 * 1440;

interface Minute {
  minutesAgo: number;
  good: number;
  bad: number;
}

const minute = fc.record({
  // Includes minutes in the future (≤ 0) and before the longest window, which must be left out.
  minutesAgo: fc.integer({ min: -60, max: MAX_MINUTES_AGO }),
  good: fc.integer({ min: 0, max: 5000 }),
  bad: fc.integer({ min: 0, max: 200 }),
});
// Recent minutes are drawn more often so the short windows usually have traffic.
const recentMinute = minute.map((m) => ({ ...m, minutesAgo: (Math.abs(m.minutesAgo) % 400) - 20 }));
const series = fc.array(fc.oneof(minute, recentMinute), { maxLength: 300 });
const target = fc.constantFrom(0.9, 0.95, 0.99, 0.995, 0.999, 0.9995);
const windowDays = fc.constantFrom(...WINDOW_DAYS);

const toBuckets = (minutes: Minute[]): CountBucket[] =>
  minutes.map((m) => ({ start: NOW - m.minutesAgo * MINUTE_MS, good: m.good, total: m.good + m.bad }));

function reference(minutes: Minute[], windowMinutes: number) {
  let good = 0;
  let bad = 0;
  for (const m of minutes) {
    if (m.minutesAgo >= 1 && m.minutesAgo <= windowMinutes) {
      good += m.good;
      bad += m.bad;
    }
  }
  return { good, bad, requests: good + bad };
}

const objective = (t: number, days: (typeof WINDOW_DAYS)[number]): Objective => ({
  id: 'availability',
  sli: { kind: 'availability' },
  target: t,
  windowDays: days,
});

function expectClose(actual: number | null, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNull();
  } else {
    expect(actual).not.toBeNull();
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  }
}

describe('SLO figures against a minute-by-minute reference', () => {
  it('attainment and error budget over the window', () => {
    fc.assert(
      fc.property(series, target, windowDays, (minutes, t, days) => {
        const figures = objectiveFigures(objective(t, days), toBuckets(minutes), NOW);
        const { good, bad, requests } = reference(minutes, days * 1440);
        const allowedBad = (1 - t) * requests;
        expectClose(figures.attainment, requests === 0 ? null : good / requests);
        expectClose(figures.errorBudget.total, 1 - t);
        expectClose(figures.errorBudget.spent, requests === 0 ? 0 : bad / allowedBad);
        expectClose(figures.errorBudget.remaining, requests === 0 ? 1 : (allowedBad - bad) / allowedBad);
      })
    );
  });

  it('burn rate per window', () => {
    fc.assert(
      fc.property(series, target, (minutes, t) => {
        const rates = burnRates(toBuckets(minutes), t, NOW);
        for (const [window, windowMs] of Object.entries(BURN_WINDOWS) as Array<[keyof typeof BURN_WINDOWS, number]>) {
          const { bad, requests } = reference(minutes, windowMs / MINUTE_MS);
          expectClose(rates[window], requests === 0 ? null : bad / requests / (1 - t));
        }
      })
    );
  });
});

describe('SLO invariants', () => {
  // Traffic varies minute to minute; the error ratio is exactly the budget (1 bad in every 1/(1-T) requests).
  const steadyBurn = fc.record({
    t: fc.constantFrom(0.9, 0.99, 0.999),
    days: windowDays,
    load: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 50 }),
  });

  it('burning at exactly 1 for the whole window spends exactly the budget', () => {
    fc.assert(
      fc.property(steadyBurn, ({ t, days, load }) => {
        const perBad = Math.round(1 / (1 - t));
        const buckets: CountBucket[] = [];
        for (let ago = 1; ago <= days * 1440; ago += 1) {
          const bad = load[ago % load.length];
          buckets.push({ start: NOW - ago * MINUTE_MS, good: bad * (perBad - 1), total: bad * perBad });
        }
        fc.pre(buckets.some((bucket) => bucket.total > 0));
        const figures = objectiveFigures(objective(t, days), buckets, NOW);
        expectClose(figures.errorBudget.spent, 1);
        expectClose(figures.errorBudget.remaining, 0);
        expect(figures.exhaustsAt).toEqual({ '1h': null, '6h': null });
      }),
      { numRuns: 20 }
    );
  });

  it('all-good traffic burns nothing and keeps the whole budget', () => {
    fc.assert(
      fc.property(series, target, windowDays, (minutes, t, days) => {
        const allGood = minutes.map((m) => ({ ...m, good: m.good + m.bad, bad: 0 }));
        const figures = objectiveFigures(objective(t, days), toBuckets(allGood), NOW);
        expect(figures.errorBudget.remaining).toBe(1);
        for (const rate of Object.values(figures.burnRates)) {
          expect(rate === null || rate === 0).toBe(true);
        }
        expect(figures.alerts.some((alert) => alert.firing)).toBe(false);
      })
    );
  });

  it('a window with no traffic is no data: null attainment and burn rates, budget untouched, nothing fires', () => {
    const idle: CountBucket[] = [
      { start: NOW - 10 * MINUTE_MS, good: 0, total: 0 },
      { start: NOW - 40 * DAY_MS, good: 0, total: 100 },
    ];
    const figures = objectiveFigures(objective(0.999, 30), idle, NOW);
    expect(figures.attainment).toBeNull();
    expect(figures.errorBudget).toEqual({ total: 1 - 0.999, spent: 0, remaining: 1 });
    expect(Object.values(figures.burnRates)).toEqual([null, null, null, null, null, null, null]);
    expect(figures.alerts.map((alert) => alert.firing)).toEqual([false, false, false, false]);
    expect(figures.exhaustsAt).toEqual({ '1h': null, '6h': null });
  });
});
