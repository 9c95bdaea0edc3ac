import { type Migration } from 'kysely';

/**
 * Migration 0007_incidents_active: annotations and DORA ask for the incidents open in a range (created before its
 * end, updated after its start). Led by updated_at, the index reads only the incidents touched since the range began,
 * however long the history; the open ones come from incidents_status_updated.
 */
export const incidentsActiveMigration: Migration = {
  async up(db) {
    await db.schema
      .createIndex('incidents_updated_created')
      .on('incidents')
      .columns(['updated_at', 'created_at'])
      .execute();
  },
  async down(db) {
    await db.schema.dropIndex('incidents_updated_created').execute();
  },
};
