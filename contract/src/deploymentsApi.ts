/**
 * The deployments HTTP API: deploy history, CI ingest, pipelines, guarded rollback with its audit log, DORA figures
 * and suspect deploys. The model itself (Deployment, RollbackPreview, RollbackAttempt, DoraFigures…) is in
 * ./deployments.ts.
 */
import type {
  Deployment,
  DeploymentStatus,
  DoraFigures,
  PipelineStage,
  RollbackAttempt,
  RollbackPreview,
  RollbackTargetKind,
} from './deployments';

/** GET (read route, newest first) and POST (ingest token or api token: CI systems post deploy events here). */
export const DEPLOYMENTS_PATH = '/api/deployments';
/** GET: the rollback audit log, newest first. */
export const DEPLOYMENT_ROLLBACKS_PATH = '/api/deployments/rollbacks';
/** GET: DORA figures per service or team (same figures as query type `dora`). */
export const DEPLOYMENT_DORA_PATH = '/api/deployments/dora';
/** GET: deploys ranked as suspects for a service's latest metric jump (same as query type `suspect_deploys`). */
export const DEPLOYMENT_SUSPECTS_PATH = '/api/deployments/suspects';
/** GET: each service's pipeline stages as last polled. */
export const PIPELINES_PATH = '/api/pipelines';

export function deploymentPath(id: string): string {
  return `${DEPLOYMENTS_PATH}/${encodeURIComponent(id)}`;
}

/** POST: `{preview: true}` answers RollbackPreviewResponse; `{confirm, reason, to}` starts it (RollbackStartResponse). */
export function deploymentRollbackPath(id: string): string {
  return `${deploymentPath(id)}/rollback`;
}

/**
 * Query string of GET /api/deployments. Every filter is optional; service/team/environment/status accept one value
 * or a comma-separated list. `from`/`to` are epoch ms bounds on startedAt.
 */
export interface DeploymentListQuery {
  service?: string;
  team?: string;
  environment?: string;
  status?: string;
  from?: number;
  to?: number;
  /** Default 200, at most 1000. */
  limit?: number;
  /** true: the newest deployment of each selected service (the other filters apply) instead of the newest overall. */
  latest?: boolean;
}

/** The decoded filters, as the gateway's store takes them. Empty arrays and absent fields do not filter. */
export interface DeploymentFilters {
  services?: string[];
  environments?: string[];
  statuses?: DeploymentStatus[];
  from?: number;
  to?: number;
  limit?: number;
}

/** GET /api/deployments */
export interface DeploymentListResponse {
  deployments: Deployment[];
}

/** Who may start a rollback on this gateway; the page uses it to pick the datasource route and explain refusals. */
export interface RollbackPolicy {
  /** true: only Grafana Admins (the datasource's `admin` route) may start rollbacks. */
  adminOnly: boolean;
  /** The attempt running now for this service, if any (a second one is refused with 409). */
  running?: RollbackAttempt;
}

/** GET /api/deployments/:id */
export interface DeploymentDetailResponse {
  deployment: Deployment;
  /** The deployment this one rolled back, and rollbacks of this one (by rollbackOf). */
  related: Deployment[];
  /** Rollback attempts recorded for this deployment, newest first. */
  attempts: RollbackAttempt[];
  /** Undefined when the service has no deploy target a rollback can act on. */
  rollbackTargetKind?: RollbackTargetKind;
  rollback: RollbackPolicy;
}

/** POST /api/deployments answer: the record after the event; `duplicate` when the same event was already stored. */
export interface DeploymentIngestResponse {
  deployment: Deployment;
  duplicate: boolean;
}

/** POST /api/deployments/:id/rollback with `{preview: true}`. Nothing changes, nothing is audited. */
export interface RollbackPreviewResponse {
  preview: RollbackPreview;
  rollback: RollbackPolicy;
}

/**
 * POST /api/deployments/:id/rollback with `{confirm, reason, to}`: 202 with outcome `in_progress` when the upstream
 * accepted the call (progress follows as `deployment.changed` events and in the audit log); 200 with outcome
 * `refused` (preview blocked or the target changed since the preview) or `failed` (the upstream refused the call).
 * Requests turned down before anything is audited answer ApiError: 400 (confirm/reason), 403 (role), 404, 409
 * (a rollback of the service is already running), 422/503 (no usable deploy target).
 */
export interface RollbackStartResponse {
  attempt: RollbackAttempt;
}

/** Query string of GET /api/deployments/rollbacks. */
export interface RollbackHistoryQuery {
  service?: string;
  team?: string;
  limit?: number;
}

/** GET /api/deployments/rollbacks */
export interface RollbackHistoryResponse {
  attempts: RollbackAttempt[];
}

/** Payload of `deployment.changed` events: a deployment record changed, or a rollback attempt moved on. */
export type DeploymentChangedPayload =
  | { kind: 'deployment'; deployment: Deployment }
  | { kind: 'rollback'; attempt: RollbackAttempt };

/** One service's pipeline as last polled (CodePipeline targets, and every demo service). */
export interface ServicePipeline {
  service: string;
  team: string;
  /** The deploy target's name, e.g. the pipeline name. */
  pipeline: string;
  stages: PipelineStage[];
  updatedAt: number;
}

/** GET /api/pipelines?service=&team= */
export interface PipelinesResponse {
  pipelines: ServicePipeline[];
}

export type DoraGroupBy = 'service' | 'team';

/** Query string of GET /api/deployments/dora (from/to epoch ms; default the last 30 days). */
export interface DoraQuery {
  groupBy?: DoraGroupBy;
  service?: string;
  team?: string;
  from?: number;
  to?: number;
}

export interface DoraRow {
  /** Service or team name. */
  key: string;
  groupBy: DoraGroupBy;
  figures: DoraFigures;
}

/** GET /api/deployments/dora */
export interface DoraResponse {
  range: { from: number; to: number };
  /** A deployment followed by a rollback or an incident within this window counts as a failed change. */
  failureWindowMs: number;
  rows: DoraRow[];
}

/** Metrics a suspect-deploy ranking looks at. */
export const SUSPECT_METRICS = ['error_rate', 'latency_p99'] as const;
export type SuspectMetric = (typeof SUSPECT_METRICS)[number];

/** The step in the metric that the ranking explains. */
export interface MetricJump {
  metric: SuspectMetric;
  /** Epoch ms of the first sample at the new level. */
  at: number;
  before: number;
  after: number;
  /** after / before - 1 (null from a zero baseline). */
  relativeChange: number | null;
}

export interface SuspectDeployEvidence {
  minutesBeforeJump: number;
  ownService: boolean;
  metricBefore?: number;
  metricAfter?: number;
  /** Share of the jump that happened across this deploy, 0–1. */
  shareOfJump: number;
  /** Minutes from the deploy landing to the first incident of the service in the hour after it; absent: none. */
  incidentMinutesAfter?: number;
}

export interface SuspectDeployEntry {
  rank: number;
  /** 0–1, higher is more suspect. */
  score: number;
  deployment: Deployment;
  evidence: SuspectDeployEvidence;
}

/** Query string of GET /api/deployments/suspects (service required; from/to epoch ms, default the last 6 hours). */
export interface SuspectDeploysQuery {
  service: string;
  metric?: SuspectMetric;
  from?: number;
  to?: number;
}

/** GET /api/deployments/suspects. No jump: `jump` absent and `suspects` empty. */
export interface SuspectDeploysResponse {
  service: string;
  jump?: MetricJump;
  suspects: SuspectDeployEntry[];
}
