/**
 * Worker-thread entry (bundled to dist-gateway/groupWriterWorker.js): commits groups of webhook deliveries on its
 * own connection to the gateway's SQLite file, off the gateway's event loop. One group at a time, in arrival order;
 * each answer is sent only after its transaction committed (fsync included), so the webhook's 2xx still means durable.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../store/schema';
import { withStatementCache } from '../../store/statementCache';
import { writeGroup } from '../groupWrite';
import type { WriterRequest, WriterResponse, WriterStart } from './writerMessages';

const { file, busyTimeoutMs } = workerData as WriterStart;
const sqlite = new SqliteDatabase(file, { timeout: busyTimeoutMs });
sqlite.pragma('journal_mode = WAL');
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });

// Requests are handled strictly one after another: SQLite has one writer, and order decides event ids.
let chain = Promise.resolve();
parentPort?.on('message', (request: WriterRequest) => {
  chain = chain.then(async () => {
    let response: WriterResponse;
    try {
      const result = await db.transaction().execute((trx) => writeGroup(trx, request.deliveries));
      response = { id: request.id, result };
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(response);
  });
});
