/**
 * The gateway's side of the SQLite writer thread: hands groups to the worker and resolves each write when the worker
 * says its transaction committed. A worker that dies fails what it was writing (the webhooks get a 5xx and their
 * senders retry; nothing half-written is committed) and a new one starts on the next write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from '../../store';
import { StoreBusyError } from '../../store/errors';
import type { GroupResult } from '../groupWrite';
import type { WebhookDelivery } from '../../upstream/alertIngest';
import { InProcessGroupWriter, type GroupWriter } from './groupWriter';
import type { WriterResponse, WriterStart } from './writerMessages';

/** The bundled worker sits next to the bundled gateway (gateway/scripts/build.mjs builds both). */
export const BUNDLED_WORKER_SCRIPT = path.join(__dirname, 'groupWriterWorker.js');
const CLOSE_WAIT_MS = 5000;

interface InFlight {
  resolve: (result: GroupResult) => void;
  reject: (error: Error) => void;
}

export class WorkerGroupWriter implements GroupWriter {
  readonly where = 'a SQLite writer thread';
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly start: WriterStart;

  constructor(
    private readonly script: string,
    file: string
  ) {
    this.start = { file };
  }

  write(deliveries: WebhookDelivery[]): Promise<GroupResult> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      worker.postMessage({ id, deliveries });
    });
  }

  /** Lets the writes already handed over finish (bounded), then stops the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    for (let waited = 0; this.inFlight.size > 0 && waited < CLOSE_WAIT_MS; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.worker = undefined;
    await worker.terminate();
    this.failAll(new Error('the gateway is shutting down; the event was not stored, retry later'));
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { workerData: this.start });
    // The HTTP server keeps the process alive while there is work; an idle writer thread must not.
    worker.unref();
    worker.on('message', (response: WriterResponse) => {
      const waiting = this.inFlight.get(response.id);
      this.inFlight.delete(response.id);
      if (!('error' in response)) waiting?.resolve(response.result);
      else if (response.busy) waiting?.reject(new StoreBusyError(response.error));
      else waiting?.reject(new Error(`SQLite write failed: ${response.error}`));
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new Error(`the SQLite writer thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiting of this.inFlight.values()) waiting.reject(error);
    this.inFlight.clear();
  }
}

/**
 * The writer the settings ask for. The thread is opt-in: on this project's 2-core bench machine (local disk, fsync
 * ~0.1 ms) the hop to another thread costs more latency than the fsync it takes off the event loop (gateway/bench/RESULTS.md);
 * on disks where fsync takes milliseconds (network volumes) the thread keeps those milliseconds off every request.
 */
export function createGroupWriter(
  store: Pick<Store, 'db' | 'sqliteFile'>,
  options: { thread: boolean; script?: string }
): GroupWriter {
  const script = options.script ?? BUNDLED_WORKER_SCRIPT;
  if (options.thread && store.sqliteFile && fs.existsSync(script)) {
    return new WorkerGroupWriter(script, store.sqliteFile);
  }
  return new InProcessGroupWriter(store.db);
}
