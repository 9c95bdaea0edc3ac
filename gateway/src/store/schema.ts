import { type Generated } from 'kysely';
import type {
  DeploymentEventsTable,
  DeploymentsTable,
  PipelineStagesTable,
  RollbackAttemptsTable,
} from '../deployments/store/tables';
import type { LeasesTable } from '../cluster/tables';

/**
 * Column types as Kysely sees them. bigint columns (`at`, and the ids since 0006_bigint_ids) come back from pg as
 * strings, from SQLite as numbers.
 */
export interface EventLogTable {
  id: Generated<number | string>;
  type: string;
  at: number | string;
  service: string | null;
  /** JSON text. */
  payload: string;
}

export interface AuditLogTable {
  id: Generated<number | string>;
  at: number | string;
  user: string;
  action: string;
  target: string;
  /** JSON text. */
  detail: string;
  outcome: string;
}

export interface Database {
  event_log: EventLogTable;
  audit_log: AuditLogTable;
  webhook_deliveries: WebhookDeliveriesTable;
  alerts: AlertsTable;
  incidents: IncidentsTable;
  incident_alerts: IncidentAlertsTable;
  incident_timeline: IncidentTimelineTable;
  // Migration 0003_alert_actions (gateway/alerts/actions/).
  action_requests: ActionRequestsTable;
  alert_acks: AlertAcksTable;
  maintenance_windows: MaintenanceWindowsTable;
  postmortems: PostmortemsTable;
  // Migration 0004_deployments (repository in gateway/deployments/store/deploymentStore.ts).
  deployments: DeploymentsTable;
  deployment_events: DeploymentEventsTable;
  rollback_attempts: RollbackAttemptsTable;
  pipeline_stages: PipelineStagesTable;
  // Migration 0012_leases (gateway/src/cluster/leases.ts).
  leases: LeasesTable;
  // Migration 0013_bulk_jobs (gateway/src/alerts/bulk/bulkJobStore.ts).
  bulk_jobs: BulkJobsTable;
}

export interface BulkJobsTable {
  id: string;
  started_at: number | string;
  updated_at: number | string;
  /** JSON text of the AlertBulkJob. */
  job: string;
}

// Alert tables (migration 0002_alerts; repository in gateway/alerts/alertStore.ts). Times are epoch-ms bigints.
export interface WebhookDeliveriesTable {
  source: string;
  delivery_id: string;
  received_at: number | string;
}

export interface AlertsTable {
  id: string;
  source: string;
  dedup_key: string;
  service: string | null;
  team: string | null;
  severity: string;
  status: string;
  starts_at: number | string;
  ends_at: number | string | null;
  updated_at: number | string;
  summary: string;
  description: string | null;
  /** JSON text. */
  labels: string;
  /** JSON text. */
  links: string;
  runbook_url: string | null;
  /** alertNameOf(alert) (migration 0009). */
  alert_name: string;
  group_key: string | null;
  /** Alertmanager's receiver (migration 0011). */
  receiver: string | null;
}

export interface IncidentsTable {
  id: string;
  source: string;
  external_id: string;
  title: string;
  service: string | null;
  team: string | null;
  severity: string;
  status: string;
  created_at: number | string;
  updated_at: number | string;
  /** JSON text. */
  links: string;
}

export interface IncidentAlertsTable {
  incident_id: string;
  alert_id: string;
}

export interface IncidentTimelineTable {
  id: Generated<number | string>;
  incident_id: string;
  kind: string;
  at: number | string;
  actor: string | null;
  text: string | null;
}

// Migration 0005_postmortems (repository in gateway/postmortems/postmortemStore.ts).
export interface PostmortemsTable {
  incident_id: string;
  markdown: string;
  updated_at: number | string;
  updated_by: string;
}

// Migration 0003_alert_actions (gateway/alerts/actions/, gateway/alerts/maintenance*). Times are epoch-ms bigints.
export interface ActionRequestsTable {
  idempotency_key: string;
  at: number | string;
  status_code: number;
  /** JSON text of the answer. */
  response: string;
}

export interface AlertAcksTable {
  alert_id: string;
  acked_by: string;
  acked_at: number | string;
}

export interface MaintenanceWindowsTable {
  id: string;
  /** JSON text: string[]. */
  services: string;
  /** JSON text: string[]. */
  teams: string;
  reason: string;
  created_by: string;
  created_at: number | string;
  starts_at: number | string;
  ends_at: number | string;
  /** JSON text of MaintenanceRecurrence, or null. */
  recurrence: string | null;
  ended_at: number | string | null;
  ended_by: string | null;
  /** JSON text of MaintenanceMirrors. */
  mirrors: string;
  reminded_at: number | string | null;
}
