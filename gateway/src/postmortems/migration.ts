import { type Migration } from 'kysely';

/** Migration 0005_postmortems: one Markdown document per incident, replaced on every save (the audit log keeps who). */
export const postmortemsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('postmortems')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('markdown', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('postmortems').execute();
  },
};
