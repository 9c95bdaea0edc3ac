/**
 * Worker-thread entry (bundled to gateway/dist/groupWriterWorker.js): commits groups of webhook deliveries on its
 * own connection to the gateway's SQLite file, off the gateway's event loop. One group at a time, in arrival order;
 * each answer is sent only after its transaction committed (fsync included), so the webhook's 2xx still means durable.
 * The connection is the gateway's kind (store/sqliteDialect.ts): a locked file is waited for on timers and then
 * answered busy, so the thread stays responsive and the webhook gets the same 503 as on the event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StoreBusyError } from '../../store/errors';
import { openSqlite } from '../../store/sqliteDialect';
import { writeGroup } from '../groupWrite';
import type { WriterRequest, WriterResponse, WriterStart } from './writerMessages';

const { file } = workerData as WriterStart;
const { db } = openSqlite(file);

// Requests are handled strictly one after another: SQLite has one writer, and order decides event ids.
let chain = Promise.resolve();
parentPort?.on('message', (request: WriterRequest) => {
  chain = chain.then(async () => {
    let response: WriterResponse;
    try {
      const result = await db.transaction().execute((trx) => writeGroup(trx, request.deliveries));
      response = { id: request.id, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      response = { id: request.id, error: message, busy: error instanceof StoreBusyError };
    }
    parentPort?.postMessage(response);
  });
});
