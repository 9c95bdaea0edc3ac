import { type Migration } from 'kysely';

/**
 * Migration 0012_leases: one row per job lease or shared lock (gateway/src/cluster/leases.ts). Times are epoch-ms
 * bigints of the replicas' clocks; `token` grows on every change of holder (the fencing token); `last_tick` is the
 * job's last claimed tick, so a tick runs once whichever replica claims it.
 */
export const leasesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('token', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('last_tick', 'bigint', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('leases').execute();
  },
};
