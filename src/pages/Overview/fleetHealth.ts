import { type DataFrame, type Field } from '@grafana/data';
import { isDemoFrame } from '@/api';
import { frameNotices, type FleetNotice } from './frameNotices';
import { type FleetHealthField, SERVICE_STATUSES, type ServiceStatus } from '@opsdeck/contract';

/** One service of the fleet_health table, read by column name (FLEET_HEALTH_FIELDS). */
export interface FleetRow {
  service: string;
  team: string;
  tier: number | null;
  status: ServiceStatus | 'unknown';
  availability: number | null;
  error_rate: number | null;
  latency_p99: number | null;
  request_rate: number | null;
  cpu_utilization: number | null;
  open_incidents: number | null;
  /** Epoch ms of the last deployment, if any. */
  last_deploy: number | null;
}

export type { FleetNotice } from './frameNotices';

export interface FleetHealth {
  rows: FleetRow[];
  demo: boolean;
  /** Notices of the frames (the demo source explains itself in one), plus a warning for stale data. */
  notices: FleetNotice[];
}

export interface FleetSummary {
  services: number;
  ok: number;
  degraded: number;
  down: number;
  openIncidents: number;
}

function column(frame: DataFrame, name: FleetHealthField): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function numberAt(field: Field | undefined, row: number): number | null {
  const value = field?.values[row];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringAt(field: Field | undefined, row: number): string {
  const value = field?.values[row];
  return value === null || value === undefined ? '' : String(value);
}

function statusAt(field: Field | undefined, row: number): FleetRow['status'] {
  const value = stringAt(field, row);
  return (SERVICE_STATUSES as readonly string[]).includes(value) ? (value as ServiceStatus) : 'unknown';
}

function rowsOf(frame: DataFrame): FleetRow[] {
  const service = column(frame, 'service');
  if (!service) {
    return [];
  }
  const get = (name: FleetHealthField) => column(frame, name);
  const rows: FleetRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    rows.push({
      service: stringAt(service, i),
      team: stringAt(get('team'), i),
      tier: numberAt(get('tier'), i),
      status: statusAt(get('status'), i),
      availability: numberAt(get('availability'), i),
      error_rate: numberAt(get('error_rate'), i),
      latency_p99: numberAt(get('latency_p99'), i),
      request_rate: numberAt(get('request_rate'), i),
      cpu_utilization: numberAt(get('cpu_utilization'), i),
      open_incidents: numberAt(get('open_incidents'), i),
      last_deploy: numberAt(get('last_deploy'), i),
    });
  }
  return rows;
}

export function readFleetHealth(frames: DataFrame[]): FleetHealth {
  const notices = frameNotices(frames);
  return { rows: frames.flatMap(rowsOf), demo: frames.some(isDemoFrame), notices };
}

export function summarise(rows: FleetRow[]): FleetSummary {
  const count = (status: ServiceStatus) => rows.filter((r) => r.status === status).length;
  return {
    services: rows.length,
    ok: count('ok'),
    degraded: count('degraded'),
    down: count('down'),
    openIncidents: rows.reduce((sum, r) => sum + (r.open_incidents ?? 0), 0),
  };
}

/** Rows grouped by team (teams alphabetical), worst status first within a team so trouble is seen first. */
export function groupByTeam(rows: FleetRow[]): Array<{ team: string; rows: FleetRow[] }> {
  const rank: Record<FleetRow['status'], number> = { down: 0, degraded: 1, unknown: 2, ok: 3 };
  const teams = new Map<string, FleetRow[]>();
  for (const row of rows) {
    teams.set(row.team, [...(teams.get(row.team) ?? []), row]);
  }
  return [...teams.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, teamRows]) => ({
      team,
      rows: [...teamRows].sort((a, b) => rank[a.status] - rank[b.status] || a.service.localeCompare(b.service)),
    }));
}
