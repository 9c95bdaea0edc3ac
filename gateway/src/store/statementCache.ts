import type { SQLInputValue } from 'node:sqlite';

const MAX_STATEMENTS = 500;

/** What the store uses of node:sqlite's DatabaseSync: small, so a benchmark can put another driver behind it. */
export interface SqliteDatabase {
  readonly isOpen: boolean;
  readonly isTransaction: boolean;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** The file, or null in memory. */
  location(): string | null;
  close(): void;
}

export interface SqliteStatement {
  columns(): readonly unknown[];
  all(...parameters: SQLInputValue[]): unknown[];
  run(...parameters: SQLInputValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
}

export interface PreparedStatement {
  statement: SqliteStatement;
  /** The statement returns rows (a select, or a write with `returning`): read with all(), else run(). */
  reader: boolean;
}

/**
 * Prepared statements reused by SQL text. Kysely prepares every query afresh, and preparing costs as much as running
 * a small insert; the webhook write path issues the same few statements thousands of times a second. Safe because
 * Kysely runs one query at a time on this connection and never leaves a statement iterating (no streaming queries on
 * SQLite here). Evicted statements are left to the GC, which node:sqlite (unlike a native addon) handles safely.
 */
export function withStatementCache(sqlite: SqliteDatabase): (source: string) => PreparedStatement {
  const cache = new Map<string, PreparedStatement>();
  return (source) => {
    let prepared = cache.get(source);
    if (!prepared) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      const statement = sqlite.prepare(source);
      // columns() builds its answer on every call, so it is asked once per statement, here.
      prepared = { statement, reader: statement.columns().length > 0 };
      cache.set(source, prepared);
    }
    return prepared;
  };
}
