/**
 * Single-flight across replicas: the first replica to miss a key takes its lock in the shared cache and fetches;
 * the others wait for the value to appear there instead of calling the upstream too. Waiting is bounded (then a
 * replica fetches for itself), a lock whose holder died expires, and a shared cache that is down grants every lock,
 * so nothing ever waits on another replica for long and nothing fails because of the shared cache.
 */
import type { SharedCache, SharedEntry, SharedLock } from './sharedCache';
import { systemTimers, type Clock, type Timers } from './timers';

export interface SharedFlightOptions {
  cache: SharedCache;
  /** This cache's part of the shared key space, e.g. `cloudwatch` or `costexplorer:111111111111`. */
  namespace: string;
  /** Freshness is judged on the gateway's clock, which tests and the benchmark simulate. */
  clock: Clock;
  /** Waits between looks at the shared cache; the benchmark runs them on simulated time. */
  timers?: Timers;
  /** How long a replica waits, at most, for another replica's fetch before fetching itself. */
  waitMs?: number;
  /** How long a lock outlives a holder that died mid-fetch. */
  lockTtlMs?: number;
}

export interface SharedResult<V> {
  entry: SharedEntry<V>;
  /** True when this replica called the upstream; false when another replica's answer was read. */
  loadedHere: boolean;
}

export const SHARED_WAIT_MS = 2_000;
export const SHARED_LOCK_TTL_MS = 15_000;
const FIRST_LOOK_MS = 10;
const LONGEST_LOOK_MS = 100;
/** Real-time bounds of a stored entry: long enough to be read, never longer than a day. */
const MIN_STORE_TTL_MS = 1_000;
const MAX_STORE_TTL_MS = 86_400_000;

export class SharedFlight {
  private readonly timers: Timers;
  /** The pauses between looks while another replica fetches: they add up to the wait bound. */
  private readonly pauses: number[];

  constructor(private readonly options: SharedFlightOptions) {
    this.timers = options.timers ?? systemTimers;
    this.pauses = lookSchedule(options.waitMs ?? SHARED_WAIT_MS);
  }

  /** A fresh shared value for `key`, or `load()`'s, stored for the other replicas. */
  async run<V>(key: string, load: () => Promise<SharedEntry<V>>): Promise<SharedResult<V>> {
    const shared = `${this.options.namespace}:${key}`;
    for (const pause of [...this.pauses, undefined]) {
      const found = await this.fresh<V>(shared);
      if (found) return { entry: found, loadedHere: false };
      const lock = await this.options.cache.lock(shared, this.options.lockTtlMs ?? SHARED_LOCK_TTL_MS);
      if (lock) return this.loadUnder(shared, lock, load);
      if (pause !== undefined) await new Promise<void>((resolve) => this.timers.setTimeout(resolve, pause));
    }
    // The holder is slow or gone: fetch for ourselves rather than keep a panel waiting.
    return this.loadUnder(shared, undefined, load);
  }

  private async loadUnder<V>(
    shared: string,
    lock: SharedLock | undefined,
    load: () => Promise<SharedEntry<V>>
  ): Promise<SharedResult<V>> {
    try {
      // The holder before us may have stored its value between our look and our lock.
      const stored = lock ? await this.fresh<V>(shared) : undefined;
      if (stored) return { entry: stored, loadedHere: false };
      const entry = await load();
      const ttlMs = entry.freshUntilMs - this.options.clock.now();
      if (ttlMs > 0) {
        await this.options.cache.set(shared, entry, Math.min(Math.max(ttlMs, MIN_STORE_TTL_MS), MAX_STORE_TTL_MS));
      }
      return { entry, loadedHere: true };
    } finally {
      // Released on failure too, so the next replica tries at once instead of waiting out the bound.
      await lock?.release();
    }
  }

  private async fresh<V>(shared: string): Promise<SharedEntry<V> | undefined> {
    const entry = await this.options.cache.get<V>(shared);
    return entry && entry.freshUntilMs > this.options.clock.now() ? entry : undefined;
  }
}

/** 10, 20, 40, 80, 100, 100 … ms until `waitMs` is used up: quick for a fast fetch, few looks for a slow one. */
export function lookSchedule(waitMs: number): number[] {
  const pauses: number[] = [];
  let total = 0;
  for (let pause = FIRST_LOOK_MS; total < waitMs; pause = Math.min(pause * 2, LONGEST_LOOK_MS)) {
    const next = Math.min(pause, waitMs - total);
    pauses.push(next);
    total += next;
  }
  return pauses;
}
