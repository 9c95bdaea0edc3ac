/**
 * Migration 0003_alert_actions: idempotency of write actions, Opsdeck-held acknowledgements (for sources with no
 * ack of their own) and maintenance windows. Times are epoch-ms bigints; lists and objects are JSON text.
 */
import { type Kysely, type Migration } from 'kysely';

export function alertActionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('action_requests')
        .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('alert_acks')
        .addColumn('alert_id', 'text', (c) => c.primaryKey())
        .addColumn('acked_by', 'text', (c) => c.notNull())
        .addColumn('acked_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('maintenance_windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('teams', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('recurrence', 'text')
        .addColumn('ended_at', 'bigint')
        .addColumn('ended_by', 'text')
        .addColumn('mirrors', 'text', (c) => c.notNull())
        .addColumn('reminded_at', 'bigint')
        .execute();
      await db.schema.createIndex('maintenance_windows_ends_at').on('maintenance_windows').column('ends_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('maintenance_windows').execute();
      await db.schema.dropTable('alert_acks').execute();
      await db.schema.dropTable('action_requests').execute();
    },
  };
}
