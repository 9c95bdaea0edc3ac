import { CachedCall } from './cachedCall';

describe('CachedCall', () => {
  it('caches until expiry, shares concurrent loads and serves the last value when the load fails', async () => {
    let now = 0;
    const cached = new CachedCall<number>(
      () => now,
      (e) => (e as Error).message
    );
    let loads = 0;
    const load = async () => ++loads;
    const expiry = (t: number) => t + 100;
    const [a, b] = await Promise.all([cached.get('k', expiry, load), cached.get('k', expiry, load)]);
    expect([a.value, b.value, loads]).toEqual([1, 1, 1]);
    now = 50;
    expect(await cached.get('k', expiry, load)).toEqual({ value: 1, fromCache: true, fetchedAtMs: 0 });
    now = 150;
    const failing = () => Promise.reject(new Error('LimitExceededException'));
    expect(await cached.get('k', expiry, failing)).toEqual({
      value: 1,
      fromCache: true,
      fetchedAtMs: 0,
      stale: { since: 0, reason: 'LimitExceededException' },
    });
    await expect(cached.get('other', expiry, failing)).rejects.toThrow('LimitExceededException');
    expect(await cached.get('k', expiry, load)).toMatchObject({ value: 2, fromCache: false, fetchedAtMs: 150 });
  });
});
