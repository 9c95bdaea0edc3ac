/**
 * The in-process SharedCache: what Redis does, for the replicas of one process (tests and simulations model
 * several gateways in one process with it). Values are stored encoded, as in Redis, so a reader never shares an
 * object with the writer and a value that does not survive the encoding shows up here first.
 */
import type { SharedCache, SharedEntry, SharedLock } from './sharedCache';
import { encodeShared, parseSharedEntry } from './sharedJson';

export class MemorySharedCache implements SharedCache {
  private readonly values = new Map<string, { text: string; expiresAtMs: number }>();
  private readonly locks = new Map<string, { owner: object; expiresAtMs: number }>();

  /** `now` is real time, as the store's own expiries are. */
  constructor(private readonly now: () => number = Date.now) {}

  async get<V>(key: string): Promise<SharedEntry<V> | undefined> {
    const stored = this.values.get(key);
    if (!stored || stored.expiresAtMs <= this.now()) return undefined;
    return parseSharedEntry<V>(stored.text);
  }

  async set<V>(key: string, entry: SharedEntry<V>, ttlMs: number): Promise<void> {
    this.values.set(key, { text: encodeShared(entry), expiresAtMs: this.now() + ttlMs });
  }

  async lock(key: string, ttlMs: number): Promise<SharedLock | undefined> {
    const held = this.locks.get(key);
    if (held && held.expiresAtMs > this.now()) return undefined;
    const owner = {};
    this.locks.set(key, { owner, expiresAtMs: this.now() + ttlMs });
    return {
      // Only the holder's own lock: after its expiry another replica may hold the key.
      release: async () => {
        if (this.locks.get(key)?.owner === owner) this.locks.delete(key);
      },
    };
  }

  /** Removes every entry and lock, as a restart of the store would. */
  clear(): void {
    this.values.clear();
    this.locks.clear();
  }
}
