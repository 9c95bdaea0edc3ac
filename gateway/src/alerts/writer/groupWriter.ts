/**
 * Where a group of webhook deliveries is committed. On Postgres (and in-memory SQLite) that is the gateway's own
 * Kysely connection: the driver is asynchronous, the database server does the fsync. On a SQLite file it is a worker
 * thread with its own connection (workerGroupWriter.ts), because node:sqlite is synchronous: each commit's fsync
 * would otherwise stop every HTTP request and live stream of the gateway while it waits for the disk.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { writeGroup, type GroupResult } from '../groupWrite';
import type { WebhookDelivery } from '../../upstream/alertIngest';

export interface GroupWriter {
  /** Said in the startup log. */
  readonly where: string;
  /** Commits the deliveries in one transaction; resolves once that transaction is durable. */
  write(deliveries: WebhookDelivery[]): Promise<GroupResult>;
  close(): Promise<void>;
}

export class InProcessGroupWriter implements GroupWriter {
  readonly where = "the gateway's database connection";

  constructor(private readonly db: Kysely<Database>) {}

  write(deliveries: WebhookDelivery[]): Promise<GroupResult> {
    return this.db.transaction().execute((trx) => writeGroup(trx, deliveries));
  }

  async close(): Promise<void> {}
}
