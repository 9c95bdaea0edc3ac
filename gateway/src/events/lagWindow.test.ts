import fc from 'fast-check';
import { LagWindow } from './lagWindow';

describe('LagWindow', () => {
  it('has no summary before the first sample', () => {
    expect(new LagWindow().summary()).toBeUndefined();
  });

  it('takes nearest-rank percentiles', () => {
    const window = new LagWindow();
    for (let ms = 1; ms <= 100; ms++) window.add(ms);
    expect(window.summary()).toEqual({ p50: 50, p99: 99, max: 100, samples: 100 });
  });

  it('keeps only the newest samples', () => {
    const window = new LagWindow(3);
    [100, 100, 100, 1, 2, 3].forEach((ms) => window.add(ms));
    expect(window.summary()).toEqual({ p50: 2, p99: 3, max: 3, samples: 3 });
  });

  it('orders p50 ≤ p99 ≤ max, all among the samples, negative clock skew read as 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 10_000 }), { minLength: 1, maxLength: 300 }), (lags) => {
        const window = new LagWindow(128);
        lags.forEach((ms) => window.add(ms));
        const s = window.summary()!;
        const kept = lags.slice(-128).map((ms) => Math.max(0, ms));
        expect(s.p50).toBeLessThanOrEqual(s.p99);
        expect(s.p99).toBeLessThanOrEqual(s.max);
        expect(kept).toContain(s.p50);
        expect(s.max).toBe(Math.max(...kept));
        expect(s.samples).toBe(kept.length);
      })
    );
  });
});
