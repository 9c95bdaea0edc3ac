/**
 * Bulk jobs in the database, so that the replica a progress poll reaches answers for a job another replica runs. The
 * runner saves its job at the start, every few seconds while it runs (the heartbeat) and at the end.
 */
import type { Kysely } from 'kysely';
import type { AlertBulkJob } from '@opsdeck/contract';
import type { Database } from '../../store/schema';

/** Jobs kept, newest first; older ones are pruned at each start. */
const KEPT = 1000;

export interface StoredBulkJob {
  job: AlertBulkJob;
  /** The running replica's last save, epoch ms. */
  updatedAt: number;
}

export class BulkJobStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(job: AlertBulkJob, now: number): Promise<void> {
    const row = { id: job.id, started_at: job.startedAt, updated_at: now, job: JSON.stringify(job) };
    await this.db
      .insertInto('bulk_jobs')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ updated_at: row.updated_at, job: row.job }))
      .execute();
  }

  async find(id: string): Promise<StoredBulkJob | undefined> {
    const row = await this.db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { job: JSON.parse(row.job) as AlertBulkJob, updatedAt: Number(row.updated_at) };
  }

  async prune(): Promise<void> {
    const cut = await this.db
      .selectFrom('bulk_jobs')
      .select('started_at')
      .orderBy('started_at', 'desc')
      .offset(KEPT)
      .limit(1)
      .executeTakeFirst();
    if (cut) await this.db.deleteFrom('bulk_jobs').where('started_at', '<=', Number(cut.started_at)).execute();
  }
}
