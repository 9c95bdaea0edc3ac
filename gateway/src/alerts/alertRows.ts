/** Conversions between the alert tables' rows and the contract's Alert / Incident shapes. */
import type { Selectable } from 'kysely';
import { alertNameOf } from '@opsdeck/contract';
import type {
  Alert,
  AlertLink,
  AlertSeverity,
  AlertSource,
  AlertStatus,
  IncidentStatus,
  IncidentSummary,
  TimelineEntry,
  TimelineKind,
} from '@opsdeck/contract';
import type { AlertsTable, IncidentTimelineTable, IncidentsTable } from '../store/schema';

// pg returns bigint columns as strings; epoch ms fit a Number exactly.
const ms = (value: number | string): number => Number(value);
const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function alertToRow(alert: Alert): AlertsTable {
  return {
    id: alert.id,
    source: alert.source,
    dedup_key: alert.dedupKey,
    service: alert.service ?? null,
    team: alert.team ?? null,
    severity: alert.severity,
    status: alert.status,
    starts_at: alert.startsAt,
    ends_at: alert.endsAt ?? null,
    updated_at: alert.updatedAt,
    summary: alert.summary,
    description: alert.description ?? null,
    labels: JSON.stringify(alert.labels),
    links: JSON.stringify(alert.links),
    runbook_url: alert.runbookUrl ?? null,
    alert_name: alertNameOf(alert),
    group_key: alert.groupKey ?? null,
    receiver: alert.receiver ?? null,
  };
}

export function rowToAlert(row: Selectable<AlertsTable>): Alert {
  return withoutUndefined({
    id: row.id,
    source: row.source as AlertSource,
    dedupKey: row.dedup_key,
    service: optional(row.service),
    team: optional(row.team),
    severity: row.severity as AlertSeverity,
    status: row.status as AlertStatus,
    startsAt: ms(row.starts_at),
    endsAt: row.ends_at === null ? undefined : ms(row.ends_at),
    updatedAt: ms(row.updated_at),
    summary: row.summary,
    description: optional(row.description),
    labels: JSON.parse(row.labels) as Record<string, string>,
    links: JSON.parse(row.links) as AlertLink[],
    runbookUrl: optional(row.runbook_url),
    groupKey: optional(row.group_key),
    receiver: optional(row.receiver ?? null),
  });
}

export function incidentToRow(incident: IncidentSummary): Omit<IncidentsTable, never> {
  return {
    id: incident.id,
    source: incident.source,
    external_id: incident.externalId,
    title: incident.title,
    service: incident.service ?? null,
    team: incident.team ?? null,
    severity: incident.severity,
    status: incident.status,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    links: JSON.stringify(incident.links),
  };
}

export function rowToIncident(row: Selectable<IncidentsTable>, alertIds: string[]): IncidentSummary {
  return withoutUndefined({
    id: row.id,
    source: row.source as AlertSource,
    externalId: row.external_id,
    title: row.title,
    service: optional(row.service),
    team: optional(row.team),
    severity: row.severity as AlertSeverity,
    status: row.status as IncidentStatus,
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
    alertIds,
    links: JSON.parse(row.links) as AlertLink[],
  });
}

export function rowToTimelineEntry(row: Selectable<IncidentTimelineTable>): TimelineEntry {
  return withoutUndefined({
    kind: row.kind as TimelineKind,
    at: ms(row.at),
    actor: optional(row.actor),
    text: optional(row.text),
  });
}

/** API answers omit absent optional fields rather than sending `undefined`/`null`, matching the contract's `?:`. */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return value;
}
