import { ResultCache } from './resultCache';
import { UpstreamAccounting } from './accounting';

describe('ResultCache', () => {
  it('serves fresh values until expiry and keeps the last good value after', () => {
    let now = 1000;
    const cache = new ResultCache<string>(() => now);
    cache.set('k', 'v1', 2000);
    expect(cache.fresh('k')?.value).toBe('v1');
    now = 2000;
    expect(cache.fresh('k')).toBeUndefined();
    expect(cache.lastGood('k')).toEqual({ value: 'v1', fetchedAtMs: 1000, freshUntilMs: 2000 });
  });

  it('drops the oldest entries past its bound', () => {
    const cache = new ResultCache<number>(() => 0, 2);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    cache.set('c', 3, 10);
    expect(cache.lastGood('a')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

describe('UpstreamAccounting', () => {
  it('prices CloudWatch per metric and Cost Explorer per page', () => {
    const acc = new UpstreamAccounting();
    acc.call('cloudwatch');
    acc.page('cloudwatch', 'per-metric', 500);
    acc.page('cloudwatch', 'per-metric', 500);
    acc.call('costexplorer');
    acc.page('costexplorer', 'per-request');
    acc.page('costexplorer', 'per-request');
    const snap = acc.snapshot();
    expect(snap.cloudwatch).toMatchObject({ calls: 1, pages: 2, metricsRequested: 1000 });
    expect(snap.cloudwatch.estimatedUsd).toBeCloseTo(0.01, 10);
    expect(snap.costexplorer.estimatedUsd).toBeCloseTo(0.02, 10);
  });
});
