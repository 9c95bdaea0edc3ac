import fc from 'fast-check';
import { alignRange, choosePeriodS, PERIOD_LADDER_S, pointsInRange, retentionPeriodS } from './period';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('retentionPeriodS', () => {
  it('follows CloudWatch retention: 60 s to 15 days, 300 s to 63 days, 3600 s beyond', () => {
    expect(retentionPeriodS(NOW - 3_600_000, NOW)).toBe(60);
    expect(retentionPeriodS(NOW - 15 * DAY, NOW)).toBe(60);
    expect(retentionPeriodS(NOW - 15 * DAY - 1, NOW)).toBe(300);
    expect(retentionPeriodS(NOW - 63 * DAY, NOW)).toBe(300);
    expect(retentionPeriodS(NOW - 63 * DAY - 1, NOW)).toBe(3600);
  });
});

describe('choosePeriodS', () => {
  it('uses one-minute data for the last hour', () => {
    expect(choosePeriodS({ startMs: NOW - 3_600_000, endMs: NOW, nowMs: NOW })).toBe(60);
  });

  it('grows the period so a week fits the point cap', () => {
    // 7 days / 1440 points = 420 s → next ladder step 900 s.
    expect(choosePeriodS({ startMs: NOW - 7 * DAY, endMs: NOW, nowMs: NOW })).toBe(900);
  });

  it('never goes below retention even if the caller asks for finer', () => {
    expect(choosePeriodS({ startMs: NOW - 30 * DAY, endMs: NOW - 29 * DAY, nowMs: NOW, minPeriodS: 60 })).toBe(300);
    expect(choosePeriodS({ startMs: NOW - 90 * DAY, endMs: NOW - 89 * DAY, nowMs: NOW })).toBe(3600);
  });

  const request = fc.record({
    ageMs: fc.integer({ min: 0, max: 455 * DAY }),
    rangeMs: fc.integer({ min: 0, max: 455 * DAY }),
    maxPoints: fc.integer({ min: 1, max: 5000 }),
    minPeriodS: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
  });

  it('always answers a period CloudWatch keeps, within the point cap, at least the caller floor', () => {
    fc.assert(
      fc.property(request, ({ ageMs, rangeMs, maxPoints, minPeriodS }) => {
        const startMs = NOW - ageMs;
        const endMs = startMs + rangeMs;
        const period = choosePeriodS({ startMs, endMs, nowMs: NOW, maxPointsPerSeries: maxPoints, minPeriodS });
        expect(period % retentionPeriodS(startMs, NOW)).toBe(0);
        expect(period % 60).toBe(0);
        expect(rangeMs / 1000 / period).toBeLessThanOrEqual(maxPoints);
        expect(period).toBeGreaterThanOrEqual(minPeriodS ?? 0);
        const onLadder = (PERIOD_LADDER_S as readonly number[]).includes(period) || period % 86_400 === 0;
        expect(onLadder).toBe(true);
      })
    );
  });

  it('is monotonic: a longer range never gets a finer period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * DAY }), fc.integer({ min: 0, max: 60 * DAY }), (a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const p1 = choosePeriodS({ startMs: NOW - short, endMs: NOW, nowMs: NOW });
        const p2 = choosePeriodS({ startMs: NOW - long, endMs: NOW, nowMs: NOW });
        expect(p2).toBeGreaterThanOrEqual(p1);
      })
    );
  });
});

describe('alignRange', () => {
  it('covers the requested range with whole periods', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.constantFrom(...PERIOD_LADDER_S),
        (start, range, period) => {
          const aligned = alignRange(start, start + range, period);
          expect(aligned.startMs).toBeLessThanOrEqual(start);
          expect(aligned.endMs).toBeGreaterThanOrEqual(start + range);
          expect(aligned.startMs % (period * 1000)).toBe(0);
          expect(aligned.endMs % (period * 1000)).toBe(0);
          expect(pointsInRange(aligned, period)).toBeGreaterThanOrEqual(1);
          expect(aligned.endMs - aligned.startMs).toBeLessThan(range + 2 * period * 1000 + 1);
        }
      )
    );
  });

  it('gives every viewer in the same minute the same range', () => {
    const a = alignRange(NOW - 3_600_000 + 5_000, NOW + 5_000, 60);
    const b = alignRange(NOW - 3_600_000 + 42_000, NOW + 42_000, 60);
    expect(a).toEqual(b);
  });
});
