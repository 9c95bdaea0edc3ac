/** Deployments, rollbacks and DORA figures: shapes shared by the gateway's API, the datasource and the pages. */

export type DeploymentStatus = 'started' | 'in_progress' | 'succeeded' | 'failed' | 'rolled_back';

/** Where the record came from: a CI system posting to the ingest endpoint, an AWS poller, or the demo fleet. */
export type DeploymentSource = 'ci' | 'codedeploy' | 'codepipeline' | 'lambda' | 'ecs' | 'demo';

export interface DeploymentProgress {
  /** 0–100 when the upstream says how far it is (tasks running, traffic shifted, instances done). */
  percent?: number;
  /** e.g. "3 of 5 instances", "10% of traffic on version 5", "stage Deploy: InProgress". */
  detail: string;
}

export interface Deployment {
  /** Stable across polls: `<source>:<upstream id>`, so repeated polls update one record. */
  id: string;
  service: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  source: DeploymentSource;
  commit?: string;
  /** Epoch ms the change was committed; lead time for changes needs it. */
  commitTime?: number;
  url?: string;
  actor?: string;
  startedAt: number;
  finishedAt?: number;
  progress?: DeploymentProgress;
  /** The version this deployment replaced, when the upstream says. */
  previousVersion?: string;
  /** Id of the deployment this one rolled back (set on the rollback deployment itself). */
  rollbackOf?: string;
}

/** Body of POST /api/deployments (ingest token). Idempotent per (service, environment, version, status). */
export interface DeploymentEventInput {
  service: string;
  version: string;
  environment?: string;
  status: 'started' | 'succeeded' | 'failed' | 'rolled_back';
  commit?: string;
  /** ISO 8601 or epoch ms. */
  commitTime?: string | number;
  url?: string;
  actor?: string;
  /** ISO 8601 or epoch ms; the gateway's receive time when absent. */
  time?: string | number;
}

/** A stage of a CodePipeline pipeline as it stands now. */
export interface PipelineStage {
  name: string;
  status: string;
  executionId?: string;
  updatedAt?: number;
  summary?: string;
}

export type RollbackTargetKind = 'codedeploy' | 'codepipeline' | 'lambda' | 'ecs';

/** The single upstream call a rollback makes, exactly as it will be sent. */
export interface RollbackAction {
  /** SDK operation, e.g. "StopDeployment". */
  operation: string;
  /** IAM action it needs, e.g. "codedeploy:StopDeployment". */
  iamAction: string;
  parameters: Record<string, unknown>;
}

export interface RollbackSide {
  version: string;
  detail?: string;
}

/** What POST /api/deployments/{id}/rollback with `preview: true` returns; computing it changes nothing upstream. */
export interface RollbackPreview {
  service: string;
  targetKind: RollbackTargetKind;
  targetName: string;
  /** Present when a rollback can be planned. */
  from?: RollbackSide;
  to?: RollbackSide;
  action?: RollbackAction;
  /** IAM actions the gateway lacks (denied on a dry read, or not granted in the config). */
  missingPermissions: string[];
  /** Why the rollback cannot run; absent when it can. */
  blockedReason?: string;
  computedAt: number;
}

export type RollbackOutcome = 'in_progress' | 'succeeded' | 'failed' | 'refused';

/** One entry of the rollback audit log. */
export interface RollbackAttempt {
  id: string;
  service: string;
  deploymentId?: string;
  /** Grafana login from X-Grafana-User. */
  user: string;
  reason: string;
  preview: RollbackPreview;
  outcome: RollbackOutcome;
  message?: string;
  /** The upstream id that carries the rollback (new deployment, pipeline execution, service deployment). */
  upstreamId?: string;
  requestedAt: number;
  finishedAt?: number;
}

/** Body of POST /api/deployments/{id}/rollback. */
export interface RollbackRequest {
  /** true: answer the preview and change nothing. */
  preview?: boolean;
  reason?: string;
  /** Must equal the service name (typed confirmation). */
  confirm?: string;
  /** The `to.version` the preview showed; if the plan changed since, the rollback is refused. */
  to?: string;
}

/** DORA figures over one range for a service or a team. Undefined where there is nothing to measure. */
export interface DoraFigures {
  deployments: number;
  deploymentsPerDay: number;
  /** Median commit → deployed, ms; only deployments with a commit time count. */
  leadTimeMs?: number;
  /** 0–1 */
  changeFailureRate?: number;
  /** Median failed deployment → recovered, ms. */
  recoveryTimeMs?: number;
}
