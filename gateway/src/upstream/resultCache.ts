/**
 * Results with an expiry, plus the last good value per entry kept past expiry: when the upstream fails, a panel
 * shows that last good answer with a stale notice instead of going blank.
 */
export interface CachedValue<V> {
  value: V;
  fetchedAtMs: number;
  freshUntilMs: number;
}

export class ResultCache<V> {
  private readonly entries = new Map<string, CachedValue<V>>();

  constructor(
    private readonly now: () => number,
    /** Oldest entries are dropped beyond this many, so a long-running gateway stays bounded. */
    private readonly maxEntries = 50_000
  ) {}

  fresh(key: string): CachedValue<V> | undefined {
    const entry = this.entries.get(key);
    return entry && entry.freshUntilMs > this.now() ? entry : undefined;
  }

  /** The last value stored under `key`, fresh or not. */
  lastGood(key: string): CachedValue<V> | undefined {
    return this.entries.get(key);
  }

  /** `fetchedAtMs` defaults to now; a value read from another replica keeps the time it was fetched there. */
  set(key: string, value: V, freshUntilMs: number, fetchedAtMs = this.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, fetchedAtMs, freshUntilMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
