/**
 * Cache + single-flight + stale fallback for upstream calls that are answered whole (Cost Explorer, Auto Scaling,
 * Logs Insights), as opposed to CloudWatch metrics which are merged and packed first.
 */
import { ResultCache } from './resultCache';
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
    private readonly describeError: (err: unknown) => string
  ) {
    this.cache = new ResultCache(now);
  }

  /** `freshUntilMs(now)` gives the expiry of a value fetched now. */
  get(key: string, freshUntilMs: (nowMs: number) => number, load: () => Promise<V>): Promise<CachedAnswer<V>> {
    const hit = this.cache.fresh(key);
    if (hit) return Promise.resolve({ value: hit.value, fromCache: true, fetchedAtMs: hit.fetchedAtMs });
    return this.flights.run(key, async () => {
      try {
        const value = await load();
        this.cache.set(key, value, freshUntilMs(this.now()));
        return { value, fromCache: false, fetchedAtMs: this.now() };
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
}
