import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import { isPostgresUrl } from '../config/loadConfig';
import { withoutPassword } from '../config/redactUrl';
import { KyselyStore } from './KyselyStore';
import { postgresDialect } from './postgresDialect';
import { type Database } from './schema';
import { openSqlite } from './sqliteDialect';
import { type Store } from './types';

// Long enough that a commit of our own writer thread (milliseconds) does not read as a locked database.
const HEALTH_LOCK_PROBE_MS = 300;

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
    const dialect = postgresDialect(database, options.schema);
    const target = { connectionString: database, schema: options.schema };
    return new KyselyStore(new Kysely<Database>({ dialect }), 'postgres', undefined, undefined, target);
  }
  fs.mkdirSync(path.dirname(database), { recursive: true });
  const sqlite = openSqlite(database);
  return new KyselyStore(sqlite.db, 'sqlite', sqlite.memory ? undefined : path.resolve(database), () =>
    sqlite.probeWriteLock(HEALTH_LOCK_PROBE_MS)
  );
}

/** The database setting with any password replaced, for messages and logs. */
export function describeDatabase(database: string): string {
  if (!isPostgresUrl(database)) {
    return database;
  }
  return withoutPassword(database, 'postgres');
}
