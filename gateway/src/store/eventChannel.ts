/**
 * The Postgres NOTIFY channel that tells other replicas "the event log grew". One channel per schema, because
 * replicas share a schema and tests and side-by-side installs use several schemas of one database. Derived in SQL
 * from `current_schema()` on both ends, so the writer (inside its transaction) and the listener (on its own
 * connection) name it the same way without being told; md5 keeps any schema name within the 63-byte identifier limit.
 */
import { sql } from 'kysely';

export const EVENT_CHANNEL_SQL = sql<string>`'opsdeck_events_' || substr(md5(current_schema()), 1, 16)`;

/** The same expression as text, for the listener's plain `pg` client. */
export const EVENT_CHANNEL_QUERY = `select 'opsdeck_events_' || substr(md5(current_schema()), 1, 16) as channel`;

/**
 * A notification carries ids, never payloads (the log is the truth): `<newest id> <database clock, epoch ms>`.
 * The clock is the database's, one clock for every replica, so lag across replicas is measured against one source.
 */
export interface EventNotice {
  lastId: number;
  sentAt: number;
}

export function parseEventNotice(payload: string | undefined): EventNotice | undefined {
  const match = /^(\d{1,16}) (\d{1,16})$/.exec(payload ?? '');
  return match ? { lastId: Number(match[1]), sentAt: Number(match[2]) } : undefined;
}
