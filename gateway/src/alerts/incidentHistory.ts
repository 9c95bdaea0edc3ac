/**
 * Incidents over a time range, read from the alert store: webhooks, pollers and (in demo mode) the demo ingester all
 * write there, so annotations and DORA count the same incidents as fleet_health and the Incidents page.
 */
import {
  STATUS_ALL,
  type CatalogService,
  type IncidentSummary,
  type TimeRangeMs,
  type TimelineEvent,
} from '@opsdeck/contract';
import { MAX_LIST_LIMIT, type AlertStore } from './alertStore';

export interface IncidentInRange {
  incident: IncidentSummary;
  /** Absent while the incident is open (a reopened one is open again). */
  resolvedAt?: number;
}

/** The services' incidents open at some point of the range (the most recently updated MAX_LIST_LIMIT), oldest first. */
export async function incidentsInRange(
  alerts: AlertStore,
  services: readonly string[],
  range: TimeRangeMs
): Promise<IncidentInRange[]> {
  if (services.length === 0) return [];
  const incidents = await alerts.listIncidents(
    { services: [...services], statuses: STATUS_ALL, limit: MAX_LIST_LIMIT },
    range
  );
  const resolved = await alerts.resolvedAt(incidents.filter((i) => i.status === 'resolved').map((i) => i.id));
  return incidents
    .map((incident) => ({
      incident,
      resolvedAt: incident.status === 'resolved' ? resolved.get(incident.id) : undefined,
    }))
    .filter(({ resolvedAt }) => resolvedAt === undefined || resolvedAt >= range.from)
    .sort((a, b) => a.incident.createdAt - b.incident.createdAt || a.incident.id.localeCompare(b.incident.id));
}

/** A stored incident as an annotation: a region from its start to its resolution (or to now while it is open). */
export function incidentEvent(
  { incident, resolvedAt }: IncidentInRange,
  service: CatalogService | undefined,
  now: number
): TimelineEvent {
  const end = resolvedAt ?? Math.max(now, incident.createdAt);
  const minutes = Math.round((end - incident.createdAt) / 60_000);
  const state =
    resolvedAt === undefined ? `${incident.status}, open for ${minutes} min` : `resolved after ${minutes} min`;
  return {
    time: incident.createdAt,
    timeEnd: end,
    kind: 'incident',
    service: incident.service ?? '',
    title: incident.title,
    text: `${incident.severity} incident from ${incident.source} (${incident.externalId}): ${state}.`,
    tags: [
      'incident',
      incident.severity,
      incident.source,
      ...(incident.service ? [incident.service] : []),
      ...(service?.team ? [service.team] : []),
    ],
  };
}
