import { type Kysely, type Migration, sql } from 'kysely';
import { type StoreDriver } from './types';

/**
 * Migration 0009_alert_grouping: the two grouping columns a storm is folded by. `alert_name` is alertNameOf (the
 * alertname label, else the summary), kept as a column so grouping and group members read an index instead of
 * parsing every row's labels; `group_key` is Alertmanager's groupKey. Each gets a list-page index (see 0008).
 */
export function alertGroupingMigration(driver: StoreDriver): Migration {
  const idColumn = driver === 'postgres' ? sql`id collate "C"` : sql`id`;
  const alertnameLabel =
    driver === 'postgres' ? sql`labels::json ->> 'alertname'` : sql`json_extract(labels, '$.alertname')`;
  const index = (db: Kysely<unknown>, name: string, leads: string[]) =>
    sql`create index ${sql.ref(name)} on alerts (${sql.join(leads.map((c) => sql.ref(c)))}, status, updated_at, ${idColumn})`.execute(
      db
    );
  return {
    async up(db) {
      await db.schema
        .alterTable('alerts')
        .addColumn('alert_name', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('alerts').addColumn('group_key', 'text').execute();
      await sql`update alerts set alert_name = coalesce(nullif(${alertnameLabel}, ''), summary)`.execute(db);
      await index(db, 'alerts_alert_name_status_updated_id', ['alert_name']);
      // The default grouping's members: one service's alerts of one name.
      await index(db, 'alerts_service_alert_name_status_updated_id', ['service', 'alert_name']);
      await index(db, 'alerts_group_key_status_updated_id', ['group_key']);
    },
    async down(db) {
      await db.schema.dropIndex('alerts_alert_name_status_updated_id').execute();
      await db.schema.dropIndex('alerts_service_alert_name_status_updated_id').execute();
      await db.schema.dropIndex('alerts_group_key_status_updated_id').execute();
      await db.schema.alterTable('alerts').dropColumn('group_key').execute();
      await db.schema.alterTable('alerts').dropColumn('alert_name').execute();
    },
  };
}
