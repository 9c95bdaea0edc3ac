import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../config/loadConfig';
import { KyselyStore } from './KyselyStore';
import { type Database } from './schema';
import { withStatementCache } from './statementCache';
import { type Store } from './types';

export interface OpenStoreOptions {
  /** Postgres only: the schema to work in (set as search_path), e.g. a throwaway schema per test run. */
  schema?: string;
}

/** Opens the store the database setting names: a postgres:// URL, or else a SQLite file path. */
export function openStore(database: string, options: OpenStoreOptions = {}): Store {
  if (isPostgresUrl(database)) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error(`invalid Postgres schema name "${options.schema}"`);
    }
    const pool = new pg.Pool({
      connectionString: database,
      max: 5,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection (database restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return new KyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
  }
  fs.mkdirSync(path.dirname(database), { recursive: true });
  const sqlite = new SqliteDatabase(database);
  // WAL lets readers (health checks, listings) run while a write is in progress.
  sqlite.pragma('journal_mode = WAL');
  return new KyselyStore(
    new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    'sqlite',
    sqlite.memory ? undefined : path.resolve(database)
  );
}

/** The database setting with any password replaced, for messages and logs. */
export function describeDatabase(database: string): string {
  if (!isPostgresUrl(database)) {
    return database;
  }
  try {
    const url = new URL(database);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
