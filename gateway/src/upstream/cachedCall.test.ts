import { CachedCall } from './cachedCall';
import { MemorySharedCache } from './memorySharedCache';
import { SharedFlight } from './sharedFlight';

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

describe('CachedCall across replicas', () => {
  it('serves one replica’s load to the other through the shared cache, and each keeps its own copy', async () => {
    let now = 0;
    const shared = new MemorySharedCache();
    const replica = () =>
      new CachedCall<number>(
        () => now,
        (e) => (e as Error).message,
        new SharedFlight({ cache: shared, namespace: 'test', clock: { now: () => now } })
      );
    const [a, b] = [replica(), replica()];
    let loads = 0;
    const load = async () => ++loads;
    const expiry = (t: number) => t + 100;
    expect(await a.get('k', expiry, load)).toEqual({ value: 1, fromCache: false, fetchedAtMs: 0 });
    now = 10;
    expect(await b.get('k', expiry, load)).toEqual({ value: 1, fromCache: true, fetchedAtMs: 0 });
    shared.clear();
    expect(await b.get('k', expiry, load)).toEqual({ value: 1, fromCache: true, fetchedAtMs: 0 });
    expect(loads).toBe(1);
  });
});
