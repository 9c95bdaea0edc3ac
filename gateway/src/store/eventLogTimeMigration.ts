import { type Migration } from 'kysely';

/**
 * Migration 0010_event_log_time: alert fatigue reads a range of one event type (alert.changed over 30 days) from a
 * log that only ever grows; without this every report would scan the whole log.
 */
export const eventLogTimeMigration: Migration = {
  async up(db) {
    await db.schema.createIndex('event_log_type_at').on('event_log').columns(['type', 'at']).execute();
  },
  async down(db) {
    await db.schema.dropIndex('event_log_type_at').execute();
  },
};
