import { MemorySharedCache } from './memorySharedCache';
import { LOCAL_LOCK, type SharedCache, type SharedEntry } from './sharedCache';
import { lookSchedule, SharedFlight } from './sharedFlight';

/** Two replicas of one gateway: each its own SharedFlight, one store between them. */
function replicas(cache: SharedCache, now: () => number, waitMs = 2_000) {
  const flight = () => new SharedFlight({ cache, namespace: 'test', clock: { now }, waitMs });
  return [flight(), flight()];
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const entry = (value: number, fetchedAtMs = 0, freshUntilMs = 60_000): SharedEntry<number> => ({
  value,
  fetchedAtMs,
  freshUntilMs,
});

describe('SharedFlight', () => {
  it('lets one replica fetch while the other waits for its value', async () => {
    const [a, b] = replicas(new MemorySharedCache(), () => 0);
    const upstream = deferred<SharedEntry<number>>();
    let loads = 0;
    const load = () => {
      loads += 1;
      return upstream.promise;
    };
    const first = a.run('k', load);
    await new Promise((r) => setImmediate(r));
    const second = b.run('k', load);
    await new Promise((r) => setTimeout(r, 30));
    upstream.resolve(entry(7));
    await expect(first).resolves.toEqual({ entry: entry(7), loadedHere: true });
    await expect(second).resolves.toEqual({ entry: entry(7), loadedHere: false });
    expect(loads).toBe(1);
  });

  it('reads what another replica stored while fresh on the gateway clock, and fetches again after', async () => {
    let now = 0;
    const [a, b] = replicas(new MemorySharedCache(), () => now);
    await a.run('k', async () => entry(1, 0, 1_000));
    await expect(b.run('k', async () => entry(2))).resolves.toMatchObject({ entry: { value: 1 }, loadedHere: false });
    now = 1_000;
    await expect(b.run('k', async () => entry(2, 1_000, 2_000))).resolves.toMatchObject({
      entry: { value: 2 },
      loadedHere: true,
    });
  });

  it('frees the lock when the fetch fails, so the waiting replica fetches at once', async () => {
    const [a, b] = replicas(new MemorySharedCache(), () => 0, 60_000);
    const upstream = deferred<SharedEntry<number>>();
    const failing = a.run('k', () => upstream.promise);
    await new Promise((r) => setImmediate(r));
    const started = Date.now();
    const waiting = b.run('k', async () => entry(3));
    upstream.reject(new Error('ThrottlingException'));
    await expect(failing).rejects.toThrow('ThrottlingException');
    await expect(waiting).resolves.toMatchObject({ entry: { value: 3 }, loadedHere: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fetches for itself once the wait bound is over when the holder never answers', async () => {
    const [a, b] = replicas(new MemorySharedCache(), () => 0, 150);
    void a.run('k', () => new Promise<SharedEntry<number>>(() => undefined));
    await new Promise((r) => setImmediate(r));
    const started = Date.now();
    await expect(b.run('k', async () => entry(4))).resolves.toMatchObject({ entry: { value: 4 }, loadedHere: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fetches on every replica, without waiting, when the store is down', async () => {
    const down: SharedCache = {
      get: async () => undefined,
      set: async () => undefined,
      lock: async () => LOCAL_LOCK,
    };
    const [a, b] = replicas(down, () => 0);
    let loads = 0;
    const load = async () => entry(++loads);
    const results = await Promise.all([a.run('k', load), b.run('k', load)]);
    expect(results.map((r) => r.loadedHere)).toEqual([true, true]);
    expect(loads).toBe(2);
  });

  it('does not store a value that is already stale (caching turned off)', async () => {
    const [a, b] = replicas(new MemorySharedCache(), () => 5_000);
    await a.run('k', async () => entry(1, 5_000, 5_000));
    await expect(b.run('k', async () => entry(2, 5_000, 5_000))).resolves.toMatchObject({ loadedHere: true });
  });

  it('looks quickly at first and then every 100 ms, adding up to the bound', () => {
    expect(lookSchedule(2_000).slice(0, 6)).toEqual([10, 20, 40, 80, 100, 100]);
    expect(lookSchedule(2_000).reduce((s, p) => s + p, 0)).toBe(2_000);
    expect(lookSchedule(25)).toEqual([10, 15]);
    expect(lookSchedule(0)).toEqual([]);
  });
});
