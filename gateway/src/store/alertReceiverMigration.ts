import { type Migration } from 'kysely';

/** Migration 0011_alert_receiver: the Alertmanager receiver (route) that last notified about an alert, for fatigue. */
export const alertReceiverMigration: Migration = {
  async up(db) {
    await db.schema.alterTable('alerts').addColumn('receiver', 'text').execute();
  },
  async down(db) {
    await db.schema.alterTable('alerts').dropColumn('receiver').execute();
  },
};
