/**
 * Cache + single-flight + stale fallback for upstream calls that are answered whole (Cost Explorer, Auto Scaling,
 * Logs Insights), as opposed to CloudWatch metrics which are merged and packed first. With a SharedFlight the
 * cache and the single-flight reach across replicas; the in-process cache stays in front of it and is what a
 * replica serves from when the shared cache is down.
 */
import { ResultCache } from './resultCache';
import type { SharedEntry } from './sharedCache';
import type { SharedFlight, SharedResult } from './sharedFlight';
import { SingleFlight } from './singleFlight';

export interface CachedAnswer<V> {
  value: V;
  fromCache: boolean;
  /** Epoch ms the value was fetched. */
  fetchedAtMs: number;
  /** Set when the upstream failed and an earlier value is served instead. */
  stale?: { since: number; reason: string };
}

export class CachedCall<V> {
  private readonly cache: ResultCache<V>;
  private readonly flights = new SingleFlight<CachedAnswer<V>>();

  constructor(
    private readonly now: () => number,
    private readonly describeError: (err: unknown) => string,
    private readonly shared?: SharedFlight
  ) {
    this.cache = new ResultCache(now);
  }

  /** `freshUntilMs(now)` gives the expiry of a value fetched now. */
  get(key: string, freshUntilMs: (nowMs: number) => number, load: () => Promise<V>): Promise<CachedAnswer<V>> {
    const hit = this.cache.fresh(key);
    if (hit) return Promise.resolve({ value: hit.value, fromCache: true, fetchedAtMs: hit.fetchedAtMs });
    return this.flights.run(key, async () => {
      try {
        const { entry, loadedHere } = await this.load(key, freshUntilMs, load);
        this.cache.set(key, entry.value, entry.freshUntilMs, entry.fetchedAtMs);
        return { value: entry.value, fromCache: !loadedHere, fetchedAtMs: entry.fetchedAtMs };
      } catch (err) {
        const last = this.cache.lastGood(key);
        if (!last) throw err;
        return {
          value: last.value,
          fromCache: true,
          fetchedAtMs: last.fetchedAtMs,
          stale: { since: last.fetchedAtMs, reason: this.describeError(err) },
        };
      }
    });
  }

  private async load(
    key: string,
    freshUntilMs: (nowMs: number) => number,
    load: () => Promise<V>
  ): Promise<SharedResult<V>> {
    const here = async (): Promise<SharedEntry<V>> => {
      const value = await load();
      const fetchedAtMs = this.now();
      return { value, fetchedAtMs, freshUntilMs: freshUntilMs(fetchedAtMs) };
    };
    return this.shared ? this.shared.run(key, here) : { entry: await here(), loadedHere: true };
  }
}
