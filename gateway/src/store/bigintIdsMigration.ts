import { sql, type Kysely, type Migration } from 'kysely';
import { type StoreDriver } from './types';

/** Every table whose id came from `serial` (migrations 0001 and 0002); a new numbered table uses bigserial. */
const SERIAL_TABLES = ['event_log', 'audit_log', 'incident_timeline'];

/**
 * Migration 0006_bigint_ids: on Postgres `serial` is int4, so the event log of a busy install runs out of ids at
 * 2^31, and a client resuming past that gets a range error. Column and sequence both become bigint (altering the
 * column alone would leave the sequence's maximum at 2^31 - 1). SQLite's integer ids are 64-bit already.
 */
export function bigintIdsMigration(driver: StoreDriver): Migration {
  const alter = async (db: Kysely<unknown>, type: 'bigint' | 'integer') => {
    if (driver !== 'postgres') return;
    for (const table of SERIAL_TABLES) {
      await db.schema
        .alterTable(table)
        .alterColumn('id', (column) => column.setDataType(type))
        .execute();
      const sequence = sql<{ name: string }>`select pg_get_serial_sequence(${table}, 'id') as name`;
      const [{ name }] = (await sequence.execute(db)).rows;
      // pg_get_serial_sequence answers the name quoted as needed, ready to be spliced into the statement.
      await sql`alter sequence ${sql.raw(name)} as ${sql.raw(type)}`.execute(db);
    }
  };
  return {
    up: (db) => alter(db, 'bigint'),
    // Fails once an id has passed 2^31 - 1, as it should: those rows cannot go back.
    down: (db) => alter(db, 'integer'),
  };
}
