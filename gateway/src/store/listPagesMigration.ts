import { type Kysely, type Migration, sql } from 'kysely';
import { type StoreDriver } from './types';

const TABLES = ['alerts', 'incidents'] as const;
const LEADS = ['service', 'team', 'severity', 'source'] as const;

/**
 * Migration 0008_list_pages: the list pages read `ORDER BY updated_at DESC, id DESC` one equality branch at a time
 * (alerts/listPage.ts). Ending each index in `id` lets a branch walk the index backwards from its cursor and stop
 * after a page: no temporary sort, however many rows match. The indexes of 0002 are prefixes of these and go.
 */
export function listPagesMigration(driver: StoreDriver): Migration {
  // Pages compare ids byte by byte, as SQLite does; Postgres would use the database's locale (en_US on RDS), so its
  // indexes and queries name the "C" collation.
  const idColumn = driver === 'postgres' ? sql`id collate "C"` : sql`id`;
  const create = (db: Kysely<unknown>, name: string, table: string, columns: string[]) =>
    sql`create index ${sql.ref(name)} on ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}, ${idColumn})`.execute(
      db
    );
  return {
    async up(db) {
      for (const table of TABLES) {
        await db.schema.dropIndex(`${table}_status_updated`).execute();
        await create(db, `${table}_status_updated_id`, table, ['status', 'updated_at']);
        for (const lead of LEADS) {
          await db.schema.dropIndex(`${table}_${lead}_status`).execute();
          await create(db, `${table}_${lead}_status_updated_id`, table, [lead, 'status', 'updated_at']);
        }
      }
    },
    async down(db) {
      for (const table of TABLES) {
        await db.schema.dropIndex(`${table}_status_updated_id`).execute();
        await db.schema.createIndex(`${table}_status_updated`).on(table).columns(['status', 'updated_at']).execute();
        for (const lead of LEADS) {
          await db.schema.dropIndex(`${table}_${lead}_status_updated_id`).execute();
          await db.schema
            .createIndex(`${table}_${lead}_status`)
            .on(table)
            .columns([lead, 'status', 'updated_at'])
            .execute();
        }
      }
    },
  };
}
