import { type CreateTableBuilder, type Kysely, type Migration } from 'kysely';

type IdTable = (db: Kysely<unknown>, table: string) => CreateTableBuilder<string, 'id'>;

/**
 * Migration 0002_alerts: the vendor-neutral alert model (contract/src/alerts.ts) and the webhook idempotency keys.
 * Indexes follow the list filters of GET /api/alerts and /api/incidents: status first (the default lists only
 * open ones), then the filter column, ordered by updated_at.
 */
export function alertsMigration(idColumn: IdTable): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_deliveries_pk', ['source', 'delivery_id'])
        .execute();

      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('dedup_key', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('team', 'text')
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .addColumn('runbook_url', 'text')
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('team', 'text')
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incident_alerts')
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_alerts_pk', ['incident_id', 'alert_id'])
        .execute();

      await idColumn(db, 'incident_timeline')
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('text', 'text')
        .execute();

      for (const table of ['alerts', 'incidents']) {
        await db.schema.createIndex(`${table}_status_updated`).on(table).columns(['status', 'updated_at']).execute();
        for (const column of ['service', 'team', 'severity', 'source']) {
          await db.schema
            .createIndex(`${table}_${column}_status`)
            .on(table)
            .columns([column, 'status', 'updated_at'])
            .execute();
        }
      }
      await db.schema.createIndex('alerts_starts_at').on('alerts').column('starts_at').execute();
      await db.schema.createIndex('incident_alerts_alert').on('incident_alerts').column('alert_id').execute();
      await db.schema
        .createIndex('incident_timeline_incident')
        .on('incident_timeline')
        .columns(['incident_id', 'at'])
        .execute();
    },
    async down(db) {
      for (const table of ['incident_timeline', 'incident_alerts', 'incidents', 'alerts', 'webhook_deliveries']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
