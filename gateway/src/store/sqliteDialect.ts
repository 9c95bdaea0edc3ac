/**
 * better-sqlite3 for Kysely, never waiting on the event loop. The driver is synchronous: with a busy timeout, a
 * statement that meets another connection's lock sleeps inside SQLite and stops the whole process (health checks,
 * live streams, every request) until the timeout. So the connection has timeout 0, and a statement refused with
 * SQLITE_BUSY is retried on timers with a short backoff, leaving the connection to other queries meanwhile, until
 * SQLITE_BUSY_BUDGET_MS is spent; then StoreBusyError (503, retry later).
 *
 * Only a statement outside a transaction is retried, because then nothing is half done. Transactions therefore
 * begin IMMEDIATE: they take the write lock (or are refused it) before their first statement, so none meets the
 * lock halfway, and a refused BEGIN is retried like any other statement.
 */
import SqliteDatabase, { type Database as Sqlite, type Statement } from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { StoreBusyError } from './errors';
import { guardedDialect } from './guardedDialect';
import type { Database } from './schema';
import { withStatementCache } from './statementCache';

/** How long a statement keeps retrying a locked database before it answers busy. */
const SQLITE_BUSY_BUDGET_MS = 2500;
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;

export interface SqliteConnection {
  db: Kysely<Database>;
  /** True for an in-memory database (no file other connections could share). */
  memory: boolean;
  /** Resolves once the write lock could be taken (and is given back at once); StoreBusyError after `budgetMs`. */
  probeWriteLock(budgetMs: number): Promise<void>;
}

/** Opens `file` (created if missing) in WAL mode, so readers run while a write is in progress. */
export function openSqlite(file: string): SqliteConnection {
  const sqlite = new SqliteDatabase(file, { timeout: 0 });
  // exec, not pragma(): pragma() prepares a statement and drops it, and a Statement freed by the GC aborts the process
  // under Node 24.19+ with better-sqlite3 12 (nodejs/node#65446). Nothing here needs the mode read back.
  sqlite.exec('PRAGMA journal_mode = WAL');
  const driver = new SqliteDriver(sqlite);
  const dialect: Dialect = {
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
  return {
    db: new Kysely<Database>({ dialect: guardedDialect(dialect) }),
    memory: sqlite.memory,
    probeWriteLock: (budgetMs) => driver.probeWriteLock(budgetMs),
  };
}

class SqliteDriver implements Driver {
  // One connection: a query waits here until the one before it has released it (as in Kysely's own driver).
  private readonly mutex = new Mutex();
  private readonly statements: ReturnType<typeof withStatementCache>;
  private readonly connection: DatabaseConnection;

  constructor(private readonly sqlite: Sqlite) {
    this.statements = withStatementCache(sqlite);
    this.connection = {
      executeQuery: <R>(query: CompiledQuery) =>
        this.whenNotBusy(SQLITE_BUSY_BUDGET_MS, () => run<R>(this.statements.prepare(query.sql), query.parameters)),
      streamQuery: () => {
        throw new Error('the SQLite store does not stream queries');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.sqlite.close();
  }

  async probeWriteLock(budgetMs: number): Promise<void> {
    await this.mutex.lock();
    try {
      // Holding the mutex, no transaction of ours is open; nothing runs between these two synchronous calls.
      await this.whenNotBusy(budgetMs, () => {
        this.statements.prepare('begin immediate').run();
        this.statements.prepare('rollback').run();
      });
    } finally {
      this.mutex.unlock();
    }
  }

  /** Runs `attempt` (the caller holds the mutex) until SQLite stops answering BUSY or `budgetMs` is spent. */
  private async whenNotBusy<T>(budgetMs: number, attempt: () => T): Promise<T> {
    const deadline = Date.now() + budgetMs;
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(2 * backoff, MAX_BACKOFF_MS)) {
      const inTransaction = this.sqlite.inTransaction;
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (inTransaction) throw new StoreBusyError('the SQLite database was locked in the middle of a transaction');
        if (Date.now() + backoff > deadline) {
          throw new StoreBusyError(`the SQLite database is locked by another connection (waited ${budgetMs} ms)`);
        }
      }
      // Nothing is open on the connection now, so other queries (reads, health) may use it while this one waits.
      this.mutex.unlock();
      // Jitter, so that two connections waiting for each other (the writer thread's and this) fall out of step.
      await new Promise((resolve) => setTimeout(resolve, backoff * (0.5 + Math.random())));
      await this.mutex.lock();
    }
  }
}

function run<R>(statement: Statement, parameters: readonly unknown[]): QueryResult<R> {
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

function isBusy(error: unknown): boolean {
  return String((error as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY');
}

class Mutex {
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}
