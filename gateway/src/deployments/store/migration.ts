import { type Migration } from 'kysely';

/**
 * Migration 0004_deployments: deploy history (CI ingest, AWS pollers, demo), the CI events already applied (their
 * key makes ingest idempotent), the rollback audit trail and each service's pipeline stages as last polled.
 */
export const deploymentsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('deployments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('commit_sha', 'text')
      .addColumn('commit_time', 'bigint')
      .addColumn('url', 'text')
      .addColumn('actor', 'text')
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('progress', 'text')
      .addColumn('previous_version', 'text')
      .addColumn('rollback_of', 'text')
      .execute();
    await db.schema.createIndex('deployments_started').on('deployments').column('started_at').execute();
    await db.schema
      .createIndex('deployments_service_started')
      .on('deployments')
      .columns(['service', 'started_at'])
      .execute();

    await db.schema
      .createTable('deployment_events')
      .addColumn('event_key', 'text', (c) => c.primaryKey())
      .addColumn('deployment_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('rollback_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('deployment_id', 'text')
      .addColumn('user_login', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('preview', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('upstream_id', 'text')
      .addColumn('requested_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('rollback_attempts_service')
      .on('rollback_attempts')
      .columns(['service', 'requested_at'])
      .execute();

    await db.schema
      .createTable('pipeline_stages')
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('pipeline', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('execution_id', 'text')
      .addColumn('updated_at', 'bigint')
      .addColumn('summary', 'text')
      .addColumn('polled_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pipeline_stages_pk', ['service', 'position'])
      .execute();
  },
  async down(db) {
    for (const table of ['pipeline_stages', 'rollback_attempts', 'deployment_events', 'deployments']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
