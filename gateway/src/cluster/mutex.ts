/**
 * Work that must not interleave with itself (maintenance writes and ticks). In one process a promise queue is
 * enough; replicas on Postgres also take a transaction-scoped advisory lock, so a window ended on replica B waits for
 * replica A's tick instead of being overwritten by it. The queue stays in front of the lock: a replica holds at most
 * one pool connection waiting for it.
 */
import { sql, type Kysely } from 'kysely';
import { type Database } from '../store/schema';

export interface Mutex {
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export class InProcessMutex implements Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => work());
    // A failed piece of work fails its caller only; the queue goes on.
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** Longer than the session's 2.5 s lock timeout: a tick calling upstreams may hold it for seconds. */
const ADVISORY_WAIT = '20s';

export class AdvisoryMutex implements Mutex {
  private readonly local = new InProcessMutex();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly key: string
  ) {}

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.local.exclusive(() =>
      this.db.transaction().execute(async (trx) => {
        await sql.raw(`set local lock_timeout = '${ADVISORY_WAIT}'`).execute(trx);
        await sql`select pg_advisory_xact_lock(hashtext(${this.key}))`.execute(trx);
        // The work runs on other pool connections; this transaction only holds the lock until it commits.
        return work();
      })
    );
  }
}
