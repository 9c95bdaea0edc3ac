/**
 * A cache several gateway replicas can share (Redis, docs/HA.md), so that one replica's upstream answer serves
 * them all. Implementations never throw: a store that cannot answer behaves as an empty one that grants every lock,
 * so each replica falls back to fetching for itself and no request fails because of the shared store.
 */
export interface SharedEntry<V> {
  value: V;
  /** Epoch ms, on the gateway's clock (simulated in tests and the benchmark). */
  fetchedAtMs: number;
  /** Fresh while the gateway's clock is before this; the store's own expiry is only an upper bound. */
  freshUntilMs: number;
}

/** The right to fetch one key for everyone; released once the value is stored (or the fetch failed). */
export interface SharedLock {
  release(): Promise<void>;
}

export interface SharedCache {
  get<V>(key: string): Promise<SharedEntry<V> | undefined>;
  /** `ttlMs` is real time: how long the store keeps the entry at most. */
  set<V>(key: string, entry: SharedEntry<V>, ttlMs: number): Promise<void>;
  /** undefined while another replica holds the key; a lock otherwise (also when the store is down: fail open). */
  lock(key: string, ttlMs: number): Promise<SharedLock | undefined>;
}

/** What a lock is when nobody else needs telling: the store is down, or there is no one to share with. */
export const LOCAL_LOCK: SharedLock = { release: async () => undefined };
