import { type Migration } from 'kysely';

/**
 * Migration 0013_bulk_jobs: bulk actions as any replica can answer for them (GET /api/alerts/bulk/:id through a load
 * balancer). `job` is the AlertBulkJob as JSON; `updated_at` (epoch ms) is the running replica's heartbeat, so a
 * job whose replica died reads as stopped instead of running forever.
 */
export const bulkJobsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('bulk_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('job', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bulk_jobs_started_at').on('bulk_jobs').column('started_at').execute();
  },
  async down(db) {
    await db.schema.dropTable('bulk_jobs').execute();
  },
};
