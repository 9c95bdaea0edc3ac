import { Migrator, sql, type Kysely, type Selectable } from 'kysely';
import { type OpsdeckEvent, type OpsdeckEventType } from '@opsdeck/contract';
import { appendEvent } from './eventLog';
import { InlineMigrationProvider } from './migrations';
import { type PostgresTarget } from './postgresDialect';
import { type AuditLogTable, type Database, type EventLogTable } from './schema';
import {
  type AuditEntry,
  type AuditFilter,
  type AuditOutcome,
  type NewAuditEntry,
  type NewEvent,
  type Store,
  type StoreDriver,
} from './types';

const DEFAULT_AUDIT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The one Store implementation: the same queries on SQLite and Postgres through Kysely. */
export class KyselyStore implements Store {
  constructor(
    /** The Kysely instance, for domain repositories (e.g. alerts/alertStore.ts) that own their own tables. */
    readonly db: Kysely<Database>,
    readonly driver: StoreDriver,
    readonly sqliteFile?: string,
    /** SQLite: rejects with StoreBusyError while another connection keeps the file's write lock. */
    private readonly probeWriteLock?: () => Promise<void>,
    readonly postgres?: PostgresTarget
  ) {}

  async migrate(): Promise<void> {
    // One connection, so that on Postgres the session's lock and statement timeouts can be lifted for it: rewriting
    // a large table takes as long as it takes, and another gateway migrating first holds the migration lock.
    const { error, results } = await this.db.connection().execute(async (db) => {
      const postgres = this.driver === 'postgres';
      if (postgres) await sql`set lock_timeout = 0`.execute(db);
      if (postgres) await sql`set statement_timeout = 0`.execute(db);
      // Unless told the schema, Kysely takes its bookkeeping tables in ANY schema of the database for its own, so a
      // second install (or a test) in another schema would skip creating them and fail.
      const schema = postgres ? await currentSchema(db) : undefined;
      try {
        const provider = new InlineMigrationProvider(this.driver);
        return await new Migrator({ db, provider, migrationTableSchema: schema }).migrateToLatest();
      } finally {
        if (postgres) await sql`reset lock_timeout`.execute(db);
        if (postgres) await sql`reset statement_timeout`.execute(db);
      }
    });
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
    }
  }

  async appendEvent<T>(event: NewEvent<T>): Promise<OpsdeckEvent<T>> {
    return appendEvent(this.db, event);
  }

  async listEventsSince(afterId: number, limit: number): Promise<OpsdeckEvent[]> {
    const rows = await this.db
      .selectFrom('event_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(clampLimit(limit))
      .execute();
    return rows.map(toEvent);
  }

  async appendAudit<T>(entry: NewAuditEntry<T>): Promise<AuditEntry<T>> {
    const row = await this.db
      .insertInto('audit_log')
      .values({ ...entry, detail: JSON.stringify(entry.detail ?? null) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAudit(row) as AuditEntry<T>;
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.user !== undefined) query = query.where('user', '=', filter.user);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.target !== undefined) query = query.where('target', '=', filter.target);
    if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<', filter.to);
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(clampLimit(filter.limit ?? DEFAULT_AUDIT_LIMIT))
      .execute();
    return rows.map(toAudit);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
    await this.probeWriteLock?.();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

// pg returns bigint columns as strings (they may exceed 2^53); epoch ms never do, so a Number is exact.
function toEvent(row: Selectable<EventLogTable>): OpsdeckEvent {
  return {
    id: Number(row.id),
    type: row.type as OpsdeckEventType,
    at: Number(row.at),
    ...(row.service === null ? {} : { service: row.service }),
    payload: JSON.parse(row.payload),
  };
}

function toAudit(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(row.id),
    at: Number(row.at),
    user: row.user,
    action: row.action,
    target: row.target,
    detail: JSON.parse(row.detail),
    outcome: row.outcome as AuditOutcome,
  };
}
