import fc from 'fast-check';
import { metricIdentityKey, periodAlignedExpiry, seriesCacheKey, type MetricIdentity } from './cacheKeys';

const identity = fc.record({
  account: fc.string(),
  region: fc.string(),
  namespace: fc.string(),
  metricName: fc.string(),
  dimensions: fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
  stat: fc.string(),
});

describe('cache keys', () => {
  it('ignore dimension order', () => {
    fc.assert(
      fc.property(identity, (m) => {
        const reversed = Object.fromEntries(Object.entries(m.dimensions).reverse());
        expect(metricIdentityKey({ ...m, dimensions: reversed })).toBe(metricIdentityKey(m));
      })
    );
  });

  it('differ whenever any field differs', () => {
    fc.assert(
      fc.property(identity, identity, (a: MetricIdentity, b: MetricIdentity) => {
        const same =
          a.account === b.account &&
          a.region === b.region &&
          a.namespace === b.namespace &&
          a.metricName === b.metricName &&
          a.stat === b.stat &&
          JSON.stringify(Object.entries(a.dimensions).sort()) === JSON.stringify(Object.entries(b.dimensions).sort());
        expect(metricIdentityKey(a) === metricIdentityKey(b)).toBe(same);
      })
    );
  });

  it('include period and range', () => {
    const m = { account: '1', region: 'r', namespace: 'n', metricName: 'm', dimensions: {}, stat: 'Sum' };
    expect(seriesCacheKey(m, 60, 0, 60_000)).not.toBe(seriesCacheKey(m, 300, 0, 60_000));
    expect(seriesCacheKey(m, 60, 0, 60_000)).not.toBe(seriesCacheKey(m, 60, 60_000, 120_000));
  });
});

describe('periodAlignedExpiry', () => {
  it('is the next period boundary, strictly after now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.constantFrom(60, 300, 3600, 86_400), (now, period) => {
        const expiry = periodAlignedExpiry(now, period);
        expect(expiry).toBeGreaterThan(now);
        expect(expiry - now).toBeLessThanOrEqual(period * 1000);
        expect(expiry % (period * 1000)).toBe(0);
      })
    );
  });
});
