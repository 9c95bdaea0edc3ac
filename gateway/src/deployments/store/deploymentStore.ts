/**
 * The deployment repository over the gateway's Kysely instance (SQLite or Postgres): deploy history, idempotent CI
 * ingest, the rollback audit trail and pipeline stages. Tables come from migration 0004_deployments.
 */
import { type Kysely, type Transaction } from 'kysely';
import type { Deployment, DeploymentEventInput, DeploymentFilters, PipelineStage, RollbackAttempt } from '@opsdeck/contract';
import type { Database } from '../../store/schema';
import { applyDeploymentEvent, ciDeploymentId, ciEventKey } from '../ciEvents';
import { attemptToRow, deploymentToRow, rowToAttempt, rowToDeployment, rowToStage } from './rows';

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 5000;
/** A deployment still "started" after this long no longer shows in every range (a CI job that never reported). */
const STALE_IN_FLIGHT_MS = 7 * 86_400_000;
const WRITE_CHUNK = 100;

export interface IngestResult {
  deployment: Deployment;
  duplicate: boolean;
}

export interface AttemptFilters {
  services?: string[];
  deploymentId?: string;
  limit?: number;
}

export interface StoredPipeline {
  service: string;
  pipeline: string;
  stages: PipelineStage[];
  polledAt: number;
}

type Db = Kysely<Database> | Transaction<Database>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
}

/** A rollback is final: a later poll that still sees the original as succeeded must not undo it. */
function merge(existing: Deployment | undefined, incoming: Deployment): Deployment {
  if (existing?.status === 'rolled_back' && incoming.status !== 'rolled_back') {
    return { ...incoming, status: 'rolled_back', finishedAt: existing.finishedAt ?? incoming.finishedAt };
  }
  return incoming;
}

export class DeploymentStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async byIds(db: Db, ids: readonly string[]): Promise<Map<string, Deployment>> {
    const found = new Map<string, Deployment>();
    for (const part of chunks([...new Set(ids)], 500)) {
      const rows = await db.selectFrom('deployments').selectAll().where('id', 'in', part).execute();
      for (const row of rows) found.set(row.id, rowToDeployment(row));
    }
    return found;
  }

  private async write(db: Db, deployments: readonly Deployment[]): Promise<void> {
    for (const part of chunks(deployments, WRITE_CHUNK)) {
      await db
        .insertInto('deployments')
        .values(part.map(deploymentToRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            service: eb.ref('excluded.service'),
            environment: eb.ref('excluded.environment'),
            version: eb.ref('excluded.version'),
            status: eb.ref('excluded.status'),
            source: eb.ref('excluded.source'),
            commit_sha: eb.ref('excluded.commit_sha'),
            commit_time: eb.ref('excluded.commit_time'),
            url: eb.ref('excluded.url'),
            actor: eb.ref('excluded.actor'),
            started_at: eb.ref('excluded.started_at'),
            finished_at: eb.ref('excluded.finished_at'),
            progress: eb.ref('excluded.progress'),
            previous_version: eb.ref('excluded.previous_version'),
            rollback_of: eb.ref('excluded.rollback_of'),
          }))
        )
        .execute();
    }
  }

  /** Inserts or updates by id; answers only the records that are new or changed (what to push live). */
  async upsertDeployments(deployments: readonly Deployment[]): Promise<Deployment[]> {
    if (deployments.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.byIds(
        trx,
        deployments.map((d) => d.id)
      );
      const changed: Deployment[] = [];
      for (const incoming of deployments) {
        const before = existing.get(incoming.id);
        const next = merge(before, incoming);
        if (!before || JSON.stringify(rowToDeployment(deploymentToRow(next))) !== JSON.stringify(before)) {
          changed.push(next);
        }
      }
      await this.write(trx, changed);
      return changed;
    });
  }

  /** Applies a CI event once: the same (service, environment, version, status) posted again changes nothing. */
  async ingest(event: DeploymentEventInput, receivedAt: number): Promise<IngestResult> {
    return this.db.transaction().execute(async (trx) => {
      const id = ciDeploymentId(event);
      const inserted = await trx
        .insertInto('deployment_events')
        .values({ event_key: ciEventKey(event), deployment_id: id, received_at: receivedAt })
        .onConflict((oc) => oc.column('event_key').doNothing())
        .executeTakeFirst();
      const existing = (await this.byIds(trx, [id])).get(id);
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 && existing) {
        return { deployment: existing, duplicate: true };
      }
      const deployment = applyDeploymentEvent(existing, event, receivedAt);
      await this.write(trx, [deployment]);
      return { deployment, duplicate: false };
    });
  }

  /**
   * Applies one upstream event once (an EventBridge event id): its key goes into deployment_events with the record
   * it touches, in the same transaction. `fold` gets the stored record and answers the next one, or undefined when
   * the event changes nothing; a key already stored is a duplicate and changes nothing. `changed` is the record
   * written, when one was.
   */
  async applyEventOnce(
    eventKey: string,
    deploymentId: string,
    receivedAt: number,
    fold: (existing: Deployment | undefined) => Deployment | undefined
  ): Promise<{ duplicate: boolean; changed?: Deployment }> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('deployment_events')
        .values({ event_key: eventKey, deployment_id: deploymentId, received_at: receivedAt })
        .onConflict((oc) => oc.column('event_key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { duplicate: true };
      const existing = (await this.byIds(trx, [deploymentId])).get(deploymentId);
      const folded = fold(existing);
      if (!folded) return { duplicate: false };
      const next = merge(existing, folded);
      if (existing && JSON.stringify(rowToDeployment(deploymentToRow(next))) === JSON.stringify(existing)) {
        return { duplicate: false };
      }
      await this.write(trx, [next]);
      return { duplicate: false, changed: next };
    });
  }

  async getDeployment(id: string): Promise<Deployment | undefined> {
    const row = await this.db.selectFrom('deployments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToDeployment(row) : undefined;
  }

  /**
   * Newest first. `from`/`to` select deployments overlapping the range (in flight ones count from their start);
   * an empty `services` list matches nothing (a team without services).
   */
  async listDeployments(filters: DeploymentFilters = {}): Promise<Deployment[]> {
    if (filters.services && filters.services.length === 0) return [];
    let query = this.db.selectFrom('deployments').selectAll();
    if (filters.services) query = query.where('service', 'in', filters.services);
    if (filters.environments?.length) query = query.where('environment', 'in', filters.environments);
    if (filters.statuses?.length) query = query.where('status', 'in', filters.statuses);
    if (filters.to !== undefined) query = query.where('started_at', '<=', filters.to);
    if (filters.from !== undefined) {
      const from = filters.from;
      query = query.where((eb) =>
        eb.or([
          eb('finished_at', '>=', from),
          eb.and([eb('finished_at', 'is', null), eb('started_at', '>=', from - STALE_IN_FLIGHT_MS)]),
        ])
      );
    }
    const rows = await query
      .orderBy('started_at', 'desc')
      .orderBy('id', 'asc')
      .limit(clampLimit(filters.limit))
      .execute();
    return rows.map(rowToDeployment);
  }

  /** The newest record of each of `services` that passes the other filters; services without one are left out. */
  async latestPerService(services: readonly string[], filters: Omit<DeploymentFilters, 'services'> = {}) {
    const latest: Deployment[] = [];
    // One indexed look-up per service: a catalog has tens to hundreds, and no newest-N cut can leave one out.
    for (const service of services) {
      const [newest] = await this.listDeployments({ ...filters, services: [service], limit: 1 });
      if (newest) latest.push(newest);
    }
    return latest.sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
  }

  /** The service's records, newest first: what rollback adapters and pollers compare against. */
  async history(service: string, limit = 50): Promise<Deployment[]> {
    return this.listDeployments({ services: [service], limit });
  }

  /** Insert or update by attempt id (RollbackAuditSink). */
  async recordAttempt(attempt: RollbackAttempt): Promise<void> {
    const row = attemptToRow(attempt);
    await this.db
      .insertInto('rollback_attempts')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          outcome: row.outcome,
          message: row.message,
          upstream_id: row.upstream_id,
          finished_at: row.finished_at,
          preview: row.preview,
        })
      )
      .execute();
  }

  async getAttempt(id: string): Promise<RollbackAttempt | undefined> {
    const row = await this.db.selectFrom('rollback_attempts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToAttempt(row) : undefined;
  }

  /** Newest first. */
  async listAttempts(filters: AttemptFilters = {}): Promise<RollbackAttempt[]> {
    if (filters.services && filters.services.length === 0) return [];
    let query = this.db.selectFrom('rollback_attempts').selectAll();
    if (filters.services) query = query.where('service', 'in', filters.services);
    if (filters.deploymentId) query = query.where('deployment_id', '=', filters.deploymentId);
    const rows = await query
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'asc')
      .limit(clampLimit(filters.limit))
      .execute();
    return rows.map(rowToAttempt);
  }

  /** Replaces the service's stages with what the last poll saw. */
  async replaceStages(service: string, pipeline: string, stages: readonly PipelineStage[], polledAt: number) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('pipeline_stages').where('service', '=', service).execute();
      if (stages.length === 0) return;
      await trx
        .insertInto('pipeline_stages')
        .values(
          stages.map((stage, position) => ({
            service,
            position,
            pipeline,
            name: stage.name,
            status: stage.status,
            execution_id: stage.executionId ?? null,
            updated_at: stage.updatedAt ?? null,
            summary: stage.summary ?? null,
            polled_at: polledAt,
          }))
        )
        .execute();
    });
  }

  /** One entry per service that has stages, in service order; `services` narrows (empty = none). */
  async listPipelines(services?: readonly string[]): Promise<StoredPipeline[]> {
    if (services && services.length === 0) return [];
    let query = this.db.selectFrom('pipeline_stages').selectAll();
    if (services) query = query.where('service', 'in', [...services]);
    const rows = await query.orderBy('service').orderBy('position').execute();
    const pipelines = new Map<string, StoredPipeline>();
    for (const row of rows) {
      const entry = pipelines.get(row.service) ?? {
        service: row.service,
        pipeline: row.pipeline,
        stages: [],
        polledAt: Number(row.polled_at),
      };
      entry.stages.push(rowToStage(row));
      pipelines.set(row.service, entry);
    }
    return [...pipelines.values()];
  }
}
