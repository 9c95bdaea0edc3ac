/**
 * Appending to the event log so that ids become visible in id order.
 *
 * Live readers (the broadcaster, a client resuming with Last-Event-ID) read "everything after the last id I saw".
 * That is only safe if no row with a smaller id can become visible later. SQLite gives that for free: one writer at
 * a time, ids assigned under its write lock. Postgres does not: two transactions take sequence values 10 and 11, 11
 * commits first, a reader moves past 11, and 10 is never delivered. So on Postgres every append first takes one
 * transaction-scoped advisory lock; the next appender waits for the holder's COMMIT (the lock is released after the
 * commit is visible), so ids are both assigned and made visible in order. The lock is held only from the append to
 * the end of its transaction: writers put the append last. On Postgres the append also sends a NOTIFY with the
 * newest id (eventChannel.ts), which other replicas' broadcasters take as a cue to read the log.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { OpsdeckEvent, OpsdeckEventType } from '@opsdeck/contract';
import type { Database } from './schema';
import { EVENT_CHANNEL_SQL } from './eventChannel';
import { asStoredJson } from './storableValues';
import type { NewEvent } from './types';

/** Arbitrary but fixed: the key of the one advisory lock that orders event-log appends (any value, same everywhere). */
const EVENT_LOG_LOCK_KEY = 7_061_440_551;

/**
 * Inserts `events` (oldest first) inside `trx` and returns them numbered. Must run inside a transaction: on Postgres
 * the ordering lock lasts until that transaction ends.
 */
export async function appendEventRows<T>(
  trx: Transaction<Database>,
  events: Array<NewEvent<T>>
): Promise<OpsdeckEvent<T>[]> {
  if (events.length === 0) return [];
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK_KEY})`.execute(trx);
  }
  const payloads = events.map((e) => JSON.stringify(e.payload));
  const rows = await trx
    .insertInto('event_log')
    .values(events.map((e, i) => ({ type: e.type, at: e.at, service: e.service ?? null, payload: payloads[i] })))
    .returning('id')
    .execute();
  // Both databases number a multi-row insert's rows in VALUES order (SQLite's rowid and Postgres's serial default
  // are evaluated row by row), but neither promises RETURNING's order, so the ids are sorted before pairing.
  const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    // Delivered to listening replicas at COMMIT, and not at all on rollback: exactly the events that exist.
    await sql`select pg_notify(${EVENT_CHANNEL_SQL}, ${String(ids[ids.length - 1])} || ' ' ||
      floor(extract(epoch from clock_timestamp()) * 1000)::bigint::text)`.execute(trx);
  }
  return events.map((e, i) => ({
    id: ids[i],
    type: e.type as OpsdeckEventType,
    at: e.at,
    ...(e.service === undefined ? {} : { service: e.service }),
    // Live subscribers get these objects; a client replaying the log later must see the same (NUL stored as U+FFFD).
    payload: asStoredJson(e.payload, payloads[i]),
  }));
}

/** One event in its own transaction. */
export async function appendEvent<T>(db: Kysely<Database>, event: NewEvent<T>): Promise<OpsdeckEvent<T>> {
  const [stored] = await db.transaction().execute((trx) => appendEventRows(trx, [event]));
  return stored;
}
