/**
 * The one place every statement of the store passes, whatever repository built it: parameters are made storable
 * (storableValues.ts) and the driver's errors become the store's own (errors.ts) before anyone sees them.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { storableParameters } from './storableValues';

/** Returns the store's error for a driver error it recognises, or the error itself. */
export type TranslateError = (error: unknown) => unknown;

export function guardedDialect(dialect: Dialect, translateError: TranslateError = (error) => error): Dialect {
  return {
    createDriver: () => new GuardedDriver(dialect.createDriver(), translateError),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

// No savepoints: the store does not use them, and a wrapper must not claim support the wrapped driver may lack.
class GuardedDriver implements Driver {
  // Kysely hands the driver back the connection it acquired; the wrapped driver needs its own object back.
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly translateError: TranslateError
  ) {}

  init(): Promise<void> {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.driver.acquireConnection();
    const guarded = new GuardedConnection(connection, this.translateError);
    this.inner.set(guarded, connection);
    return guarded;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.driver.beginTransaction(this.unwrap(connection), settings).catch(this.rethrow);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.commitTransaction(this.unwrap(connection)).catch(this.rethrow);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.rollbackTransaction(this.unwrap(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(this.unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.inner.get(connection) ?? connection;
  }

  private readonly rethrow = (error: unknown): never => {
    throw this.translateError(error);
  };
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    private readonly connection: DatabaseConnection,
    private readonly translateError: TranslateError
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const storable = { ...query, parameters: storableParameters(query.parameters) };
    try {
      return await this.connection.executeQuery<R>(storable);
    } catch (error) {
      throw this.translateError(error);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.connection.streamQuery<R>({ ...query, parameters: storableParameters(query.parameters) }, chunkSize);
  }
}
