/**
 * The gateway's Postgres pool. Every session gets a lock timeout, so a row or advisory lock someone holds (a stuck
 * transaction, a long migration elsewhere) ends a request with StoreBusyError (503, retry) instead of holding it,
 * and a statement timeout as the last bound on anything else. Migrations lift both (KyselyStore.migrate).
 */
import { PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { StoreBusyError, StoreValueError } from './errors';
import { guardedDialect } from './guardedDialect';

/** Same bound as a statement waiting for the SQLite write lock (sqliteDialect.ts). */
const POSTGRES_LOCK_TIMEOUT_MS = 2500;
const POSTGRES_STATEMENT_TIMEOUT_MS = 30_000;

// SQLSTATEs: lock_not_available (lock_timeout), query_canceled (statement_timeout), deadlock_detected.
const BUSY_STATES = new Set(['55P03', '57014', '40P01']);
const NUMERIC_VALUE_OUT_OF_RANGE = '22003';

/** Where the store's Postgres is, for connections of its own outside the pool (the event-log listener). */
export interface PostgresTarget {
  connectionString: string;
  schema?: string;
}

/** Connection settings every session of the gateway gets, pooled or not. */
export function postgresClientConfig(target: PostgresTarget): pg.ClientConfig {
  const settings = [
    ...(target.schema ? [`search_path=${target.schema}`] : []),
    `lock_timeout=${POSTGRES_LOCK_TIMEOUT_MS}`,
    `statement_timeout=${POSTGRES_STATEMENT_TIMEOUT_MS}`,
  ];
  return { connectionString: target.connectionString, options: settings.map((s) => `-c ${s}`).join(' ') };
}

export function postgresDialect(connectionString: string, schema?: string): Dialect {
  const pool = new pg.Pool({ ...postgresClientConfig({ connectionString, schema }), max: 5 });
  // An idle client losing its connection (database restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return guardedDialect(new PostgresDialect({ pool }), translatePostgresError);
}

function translatePostgresError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (BUSY_STATES.has(code)) {
    return new StoreBusyError(`the database is busy: ${(error as Error).message}; nothing was written, retry later`);
  }
  // An integer column narrower than the value sent (e.g. an int4 column): the value came from the request.
  if (code === NUMERIC_VALUE_OUT_OF_RANGE) return new StoreValueError((error as Error).message);
  return error;
}
