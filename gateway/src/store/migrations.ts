import { type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { type StoreDriver } from './types';
import { alertsMigration } from './alertsMigration';
import { bigintIdsMigration } from './bigintIdsMigration';
import { incidentsActiveMigration } from './incidentsActiveMigration';
import { listPagesMigration } from './listPagesMigration';
import { alertGroupingMigration } from './alertGroupingMigration';
import { eventLogTimeMigration } from './eventLogTimeMigration';
import { alertReceiverMigration } from './alertReceiverMigration';
import { alertActionsMigration } from '../alerts/actions/migration';
import { postmortemsMigration } from '../postmortems/migration';
import { deploymentsMigration } from '../deployments/store/migration';
import { leasesMigration } from '../cluster/migration';
import { bulkJobsMigration } from '../alerts/bulk/migration';

/**
 * Migrations live in code, not in files found by globbing, so the esbuild bundle carries them. Keys sort in the
 * order they run; never edit one that has shipped, add a new one.
 */
function migrations(driver: StoreDriver): Record<string, Migration> {
  // SQLite's AUTOINCREMENT never reuses ids after deletes; Postgres gets the same from a serial column (int4, made
  // bigint by 0006_bigint_ids). Only for the tables of 0001 and 0002: a table created later needs bigserial.
  const idColumn = (db: Kysely<unknown>, table: string) =>
    driver === 'postgres'
      ? db.schema.createTable(table).addColumn('id', 'serial', (c) => c.primaryKey())
      : db.schema.createTable(table).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    '0001_event_and_audit_log': {
      async up(db) {
        await idColumn(db, 'event_log')
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('service', 'text')
          .addColumn('payload', 'text', (c) => c.notNull())
          .execute();
        await idColumn(db, 'audit_log')
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('user', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      },
      async down(db) {
        await db.schema.dropTable('audit_log').execute();
        await db.schema.dropTable('event_log').execute();
      },
    },
    '0002_alerts': alertsMigration(idColumn),
    '0003_alert_actions': alertActionsMigration(),
    '0004_deployments': deploymentsMigration,
    '0005_postmortems': postmortemsMigration,
    '0006_bigint_ids': bigintIdsMigration(driver),
    '0007_incidents_active': incidentsActiveMigration,
    '0008_list_pages': listPagesMigration(driver),
    '0009_alert_grouping': alertGroupingMigration(driver),
    '0010_event_log_time': eventLogTimeMigration,
    '0011_alert_receiver': alertReceiverMigration,
    '0012_leases': leasesMigration,
    '0013_bulk_jobs': bulkJobsMigration,
  };
}

export class InlineMigrationProvider implements MigrationProvider {
  constructor(private readonly driver: StoreDriver) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.driver));
  }
}
