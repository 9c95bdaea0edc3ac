/** Row ↔ contract conversions for the deployment tables. */
import type {
  Deployment,
  DeploymentSource,
  DeploymentStatus,
  PipelineStage,
  RollbackAttempt,
  RollbackOutcome,
} from '@opsdeck/contract';
import type { DeploymentsTable, PipelineStagesTable, RollbackAttemptsTable } from './tables';

const num = (value: number | string | null): number | undefined => (value === null ? undefined : Number(value));
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** Drops undefined fields so a record read back equals the one written (toEqual-friendly, smaller JSON). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function deploymentToRow(d: Deployment): DeploymentsTable {
  return {
    id: d.id,
    service: d.service,
    environment: d.environment,
    version: d.version,
    status: d.status,
    source: d.source,
    commit_sha: d.commit ?? null,
    commit_time: d.commitTime ?? null,
    url: d.url ?? null,
    actor: d.actor ?? null,
    started_at: d.startedAt,
    finished_at: d.finishedAt ?? null,
    progress: d.progress ? JSON.stringify(d.progress) : null,
    previous_version: d.previousVersion ?? null,
    rollback_of: d.rollbackOf ?? null,
  };
}

export function rowToDeployment(row: DeploymentsTable): Deployment {
  return compact({
    id: row.id,
    service: row.service,
    environment: row.environment,
    version: row.version,
    status: row.status as DeploymentStatus,
    source: row.source as DeploymentSource,
    commit: opt(row.commit_sha),
    commitTime: num(row.commit_time),
    url: opt(row.url),
    actor: opt(row.actor),
    startedAt: Number(row.started_at),
    finishedAt: num(row.finished_at),
    progress: row.progress ? (JSON.parse(row.progress) as Deployment['progress']) : undefined,
    previousVersion: opt(row.previous_version),
    rollbackOf: opt(row.rollback_of),
  });
}

export function attemptToRow(a: RollbackAttempt): RollbackAttemptsTable {
  return {
    id: a.id,
    service: a.service,
    deployment_id: a.deploymentId ?? null,
    user_login: a.user,
    reason: a.reason,
    preview: JSON.stringify(a.preview),
    outcome: a.outcome,
    message: a.message ?? null,
    upstream_id: a.upstreamId ?? null,
    requested_at: a.requestedAt,
    finished_at: a.finishedAt ?? null,
  };
}

export function rowToAttempt(row: RollbackAttemptsTable): RollbackAttempt {
  return compact({
    id: row.id,
    service: row.service,
    deploymentId: opt(row.deployment_id),
    user: row.user_login,
    reason: row.reason,
    preview: JSON.parse(row.preview) as RollbackAttempt['preview'],
    outcome: row.outcome as RollbackOutcome,
    message: opt(row.message),
    upstreamId: opt(row.upstream_id),
    requestedAt: Number(row.requested_at),
    finishedAt: num(row.finished_at),
  });
}

export function rowToStage(row: PipelineStagesTable): PipelineStage {
  return compact({
    name: row.name,
    status: row.status,
    executionId: opt(row.execution_id),
    updatedAt: num(row.updated_at),
    summary: opt(row.summary),
  });
}
