import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

const MAX_STATEMENTS = 500;

/**
 * better-sqlite3 as Kysely's SqliteDialect sees it, with prepared statements reused by SQL text. Kysely prepares
 * every query afresh, and preparing costs as much as running a small insert; the webhook write path issues the same
 * few statements thousands of times a second. Safe because Kysely runs one query at a time on this connection and
 * never leaves a statement iterating (no streaming queries on SQLite here).
 */
export function withStatementCache(sqlite: SqliteDatabase): Pick<SqliteDatabase, 'close' | 'prepare'> {
  const cache = new Map<string, Statement>();
  return {
    close: () => sqlite.close(),
    prepare: ((source: string) => {
      let statement = cache.get(source);
      if (!statement) {
        if (cache.size >= MAX_STATEMENTS) cache.clear();
        statement = sqlite.prepare(source);
        cache.set(source, statement);
      }
      return statement;
    }) as SqliteDatabase['prepare'],
  };
}
