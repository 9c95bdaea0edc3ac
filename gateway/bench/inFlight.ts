/**
 * What the replica benchmark's driver waits for before it moves simulated time on: SDK calls and Redis commands
 * still on the wire. Counted where they start (an SDK middleware, a SharedCache wrapper), so no call is missed
 * between two awaits.
 */
import type { SharedCache, SharedLock } from '../src/upstream';

export class InFlight {
  busy = 0;
  /** Every Redis command sent, for the report. */
  commands = 0;

  async track<T>(work: Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work;
    } finally {
      this.busy -= 1;
    }
  }

  /** Resolves once nothing has been in flight for two turns of the event loop. */
  async idle(): Promise<void> {
    for (let quiet = 0; quiet < 2;) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.busy === 0 ? quiet + 1 : 0;
    }
  }
}

export function countingCache(cache: SharedCache, inFlight: InFlight): SharedCache {
  const command = <T>(work: () => Promise<T>) => {
    inFlight.commands += 1;
    return inFlight.track(work());
  };
  return {
    get: (key) => command(() => cache.get(key)),
    set: (key, entry, ttlMs) => command(() => cache.set(key, entry, ttlMs)),
    lock: async (key, ttlMs) => {
      const lock = await command(() => cache.lock(key, ttlMs));
      return lock && ({ release: () => command(() => lock.release()) } satisfies SharedLock);
    },
  };
}

type Handler = (args: unknown) => Promise<unknown>;
interface WithMiddleware {
  middlewareStack: { add(middleware: (next: Handler) => Handler, options: { step: 'initialize'; name: string }): void };
}

/** Counts every request an SDK client sends, from its first middleware to its answer. */
export function countSends(client: object, inFlight: InFlight): void {
  (client as WithMiddleware).middlewareStack.add((next) => (args) => inFlight.track(next(args)), {
    step: 'initialize',
    name: 'benchInFlight',
  });
}
