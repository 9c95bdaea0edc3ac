/**
 * Node's built-in SQLite (node:sqlite) for Kysely, never waiting on the event loop. The driver is synchronous: with
 * a busy timeout, a statement that meets another connection's lock sleeps inside SQLite and stops the whole process
 * (health checks, live streams, every request) until the timeout. So the connection has timeout 0, and a statement
 * refused with SQLITE_BUSY is retried on timers with a short backoff, leaving the connection to other queries
 * meanwhile, until SQLITE_BUSY_BUDGET_MS is spent; then StoreBusyError (503, retry later).
 *
 * Only a statement outside a transaction is retried, because then nothing is half done. Transactions therefore
 * begin IMMEDIATE: they take the write lock (or are refused it) before their first statement, so none meets the
 * lock halfway, and a refused BEGIN is retried like any other statement.
 *
 * Built in rather than better-sqlite3: no native addon to compile or download on any machine or image, and none of
 * the addon's teardown aborts under Node 24 (gateway/bench/RESULTS.md has the measurements behind the choice).
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
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
import { withStatementCache, type PreparedStatement, type SqliteDatabase } from './statementCache';

/** How long a statement keeps retrying a locked database before it answers busy. */
const SQLITE_BUSY_BUDGET_MS = 2500;
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;
/** SQLite's primary result code for a locked database; errcode may carry an extended code (BUSY_SNAPSHOT…). */
const SQLITE_BUSY = 5;

export interface SqliteConnection {
  db: Kysely<Database>;
  /** True for an in-memory database (no file other connections could share). */
  memory: boolean;
  /** Resolves once the write lock could be taken (and is given back at once); StoreBusyError after `budgetMs`. */
  probeWriteLock(budgetMs: number): Promise<void>;
}

/**
 * Opens `file` (created if missing) in WAL mode, so readers run while a write is in progress. `connect` is there for
 * gateway/bench/sqliteDrivers.ts, which runs the same store over another driver; the gateway always uses node:sqlite.
 */
export function openSqlite(
  file: string,
  connect: (file: string) => SqliteDatabase = (path) => new DatabaseSync(path, { timeout: 0 })
): SqliteConnection {
  const sqlite = connect(file);
  // synchronous = FULL on every connection, whatever the build's default: each commit's WAL frames reach the disk
  // before the commit returns, so a webhook's 2xx survives a power cut, not only a crash of the process. (NORMAL,
  // better-sqlite3's default on a file already in WAL mode, may lose the last commits on a power cut.)
  // cache_size: 16 MiB instead of the default 2 MiB, the page cache the store was measured with.
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -16000');
  const driver = new SqliteDriver(sqlite);
  const dialect: Dialect = {
    createDriver: () => driver,
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
  return {
    db: new Kysely<Database>({ dialect: guardedDialect(dialect) }),
    memory: sqlite.location() === null,
    probeWriteLock: (budgetMs) => driver.probeWriteLock(budgetMs),
  };
}

class SqliteDriver implements Driver {
  // One connection: a query waits here until the one before it has released it (as in Kysely's own driver).
  private readonly mutex = new Mutex();
  private readonly statements: ReturnType<typeof withStatementCache>;
  private readonly connection: DatabaseConnection;

  constructor(private readonly sqlite: SqliteDatabase) {
    this.statements = withStatementCache(sqlite);
    this.connection = {
      executeQuery: <R>(query: CompiledQuery) =>
        this.whenNotBusy(SQLITE_BUSY_BUDGET_MS, () => run<R>(this.statements(query.sql), query.parameters)),
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
    // node:sqlite throws on closing a closed database; a store destroyed twice (shutdown after a failed start) must not.
    if (this.sqlite.isOpen) this.sqlite.close();
  }

  async probeWriteLock(budgetMs: number): Promise<void> {
    await this.mutex.lock();
    try {
      // Holding the mutex, no transaction of ours is open; nothing runs between these two synchronous calls.
      await this.whenNotBusy(budgetMs, () => {
        this.statements('begin immediate').statement.run();
        this.statements('rollback').statement.run();
      });
    } finally {
      this.mutex.unlock();
    }
  }

  /** Runs `attempt` (the caller holds the mutex) until SQLite stops answering BUSY or `budgetMs` is spent. */
  private async whenNotBusy<T>(budgetMs: number, attempt: () => T): Promise<T> {
    const deadline = Date.now() + budgetMs;
    for (let backoff = FIRST_BACKOFF_MS; ; backoff = Math.min(2 * backoff, MAX_BACKOFF_MS)) {
      const inTransaction = this.sqlite.isTransaction;
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

function run<R>({ statement, reader }: PreparedStatement, parameters: readonly unknown[]): QueryResult<R> {
  // guardedDialect.ts has made every parameter storable; what is left unbindable (an object) throws here, as it should.
  const values = parameters as SQLInputValue[];
  if (reader) return { rows: statement.all(...values) as R[] };
  const { changes, lastInsertRowid } = statement.run(...values);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && (code & 0xff) === SQLITE_BUSY;
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
