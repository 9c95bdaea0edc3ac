/**
 * The incident times reliability figures are computed from, read from the alert store: when each incident was
 * triggered (its created_at, the source's time), first acknowledged and resolved (timeline entries, stamped with the
 * source's occurred_at), and whether a maintenance window of its service or team was running when it triggered.
 */
import { sql, type Kysely } from 'kysely';
import type { AlertSeverity, MaintenanceWindow, TimeRangeMs } from '@opsdeck/contract';
import { covers, isActiveAt } from '../alerts/maintenance';
import type { Database } from '../store/schema';
import type { IncidentTimes } from './incidentFigures';

/** Enough for years of a large fleet; a range past it is cut to the newest (the answer's counts say how many). */
export const MAX_INCIDENTS = 100_000;

export interface HistoryFilters {
  services?: string[];
  teams?: string[];
  severities?: AlertSeverity[];
  sources?: string[];
}

export interface HistoricIncident extends IncidentTimes {
  team?: string;
  severity: AlertSeverity;
  /** The alert source it came from (pagerduty, opsgenie, alertmanager, …). */
  source: string;
}

export async function incidentHistory(
  db: Kysely<Database>,
  range: TimeRangeMs,
  filters: HistoryFilters,
  windows: ReadonlyArray<
    Pick<MaintenanceWindow, 'services' | 'teams' | 'startsAt' | 'endsAt' | 'recurrence' | 'endedAt'>
  >
): Promise<HistoricIncident[]> {
  let query = db
    .selectFrom('incidents')
    .leftJoin('incident_timeline', 'incident_timeline.incident_id', 'incidents.id')
    .select([
      'incidents.id',
      'incidents.service',
      'incidents.team',
      'incidents.severity',
      'incidents.source',
      'incidents.status',
      'incidents.created_at',
      sql<
        number | string | null
      >`min(case when incident_timeline.kind = 'acknowledged' then incident_timeline.at end)`.as('acknowledged_at'),
      sql<number | string | null>`max(case when incident_timeline.kind = 'resolved' then incident_timeline.at end)`.as(
        'resolved_at'
      ),
    ])
    .where('incidents.created_at', '>=', range.from)
    .where('incidents.created_at', '<', range.to);
  if (filters.services?.length) query = query.where('incidents.service', 'in', filters.services);
  if (filters.teams?.length) query = query.where('incidents.team', 'in', filters.teams);
  if (filters.severities?.length) query = query.where('incidents.severity', 'in', filters.severities);
  if (filters.sources?.length) query = query.where('incidents.source', 'in', filters.sources);
  const rows = await query
    .groupBy([
      'incidents.id',
      'incidents.service',
      'incidents.team',
      'incidents.severity',
      'incidents.source',
      'incidents.status',
      'incidents.created_at',
    ])
    .orderBy('incidents.created_at', 'desc')
    .limit(MAX_INCIDENTS)
    .execute();
  return rows.map((row) => {
    const triggeredAt = Number(row.created_at);
    const service = row.service ?? undefined;
    const team = row.team ?? undefined;
    return {
      id: row.id,
      ...(service ? { service } : {}),
      ...(team ? { team } : {}),
      severity: row.severity as AlertSeverity,
      source: row.source,
      triggeredAt,
      ...(row.acknowledged_at === null ? {} : { acknowledgedAt: Number(row.acknowledged_at) }),
      // A resolution counts only while the incident stays resolved (a reopened one is still going).
      ...(row.status === 'resolved' && row.resolved_at !== null ? { resolvedAt: Number(row.resolved_at) } : {}),
      inMaintenance: windows.some((w) => covers(w, { service, team }) && isActiveAt(w, triggeredAt)),
    };
  });
}
