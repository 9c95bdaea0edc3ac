/** Kysely column types of migration 0004_deployments. bigint columns: pg answers strings, SQLite numbers. */
type BigIntColumn = number | string;

export interface DeploymentsTable {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: string;
  source: string;
  commit_sha: string | null;
  commit_time: BigIntColumn | null;
  url: string | null;
  actor: string | null;
  started_at: BigIntColumn;
  finished_at: BigIntColumn | null;
  /** JSON text of DeploymentProgress. */
  progress: string | null;
  previous_version: string | null;
  rollback_of: string | null;
}

export interface DeploymentEventsTable {
  event_key: string;
  deployment_id: string;
  received_at: BigIntColumn;
}

export interface RollbackAttemptsTable {
  id: string;
  service: string;
  deployment_id: string | null;
  user_login: string;
  reason: string;
  /** JSON text of RollbackPreview. */
  preview: string;
  outcome: string;
  message: string | null;
  upstream_id: string | null;
  requested_at: BigIntColumn;
  finished_at: BigIntColumn | null;
}

export interface PipelineStagesTable {
  service: string;
  position: number;
  pipeline: string;
  name: string;
  status: string;
  execution_id: string | null;
  updated_at: BigIntColumn | null;
  summary: string | null;
  polled_at: BigIntColumn;
}
