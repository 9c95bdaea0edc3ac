import fc from 'fast-check';
import { GET_METRIC_DATA_LIMITS, packQueries, QueryTooLargeError } from './batchPacking';

describe('packQueries', () => {
  it('packs 1,200 one-hour minute series into 3 calls of ≤500', () => {
    const items = Array.from({ length: 1200 }, (_, i) => ({ id: i, points: 60 }));
    const batches = packQueries(items);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 200]);
  });

  it('closes a batch on the data-point limit before the query limit', () => {
    // 1,440 points each: 70 fit in 100,800.
    const items = Array.from({ length: 150 }, () => ({ points: 1440 }));
    expect(packQueries(items).map((b) => b.length)).toEqual([70, 70, 10]);
  });

  it('refuses a single query over the data-point limit', () => {
    expect(() => packQueries([{ points: 100_801 }])).toThrow(QueryTooLargeError);
  });

  it('keeps every query exactly once, in order, and every batch within both limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_800 }), { maxLength: 2000 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 100_800 }),
        (points, maxQueries, maxPoints) => {
          const items = points.filter((p) => p <= maxPoints).map((p, i) => ({ i, points: p }));
          const batches = packQueries(items, { maxQueries, maxPoints });
          expect(batches.flat()).toEqual(items);
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(maxQueries);
            expect(b.reduce((s, x) => s + x.points, 0)).toBeLessThanOrEqual(maxPoints);
          }
          // No call is wasted: two neighbouring batches could not have been one.
          for (let k = 1; k < batches.length; k++) {
            const merged = [...batches[k - 1], batches[k][0]];
            const fits = merged.length <= maxQueries && merged.reduce((s, x) => s + x.points, 0) <= maxPoints;
            expect(fits).toBe(false);
          }
        }
      )
    );
  });

  it('uses the minimum number of calls for uniform queries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 1440 }), (n, p) => {
        const perCall = Math.min(GET_METRIC_DATA_LIMITS.maxQueries, Math.floor(GET_METRIC_DATA_LIMITS.maxPoints / p));
        expect(packQueries(Array.from({ length: n }, () => ({ points: p }))).length).toBe(Math.ceil(n / perCall));
      })
    );
  });
});
