/** Aggregates over the alert tables for dashboard queries (open_alerts counts, alert_rate, mtta). */
import { sql, type Kysely } from 'kysely';
import type { AlertFilters, AlertSeverity, TimeRangeMs } from '@opsdeck/contract';
import type { Database } from '../store/schema';

const MAX_ROWS = 50_000;

export interface OpenAlertCount {
  service: string | null;
  severity: AlertSeverity;
  count: number;
}

export interface AlertStart {
  startsAt: number;
  service: string | null;
  team: string | null;
  severity: string;
  source: string;
}

export interface IncidentAck {
  id: string;
  createdAt: number;
  /** Epoch ms of the first acknowledgement, if any. */
  acknowledgedAt?: number;
  service: string | null;
  team: string | null;
  severity: string;
  source: string;
}

type CommonFilters = Pick<AlertFilters, 'services' | 'teams' | 'severities' | 'sources'>;

export class AlertStats {
  constructor(private readonly db: Kysely<Database>) {}

  /** Open (firing or acknowledged) alerts per service and severity. */
  async openAlertCounts(filters: CommonFilters): Promise<OpenAlertCount[]> {
    let query = this.db
      .selectFrom('alerts')
      .select(['service', 'severity', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('status', 'in', ['firing', 'acknowledged']);
    if (filters.services?.length) query = query.where('service', 'in', filters.services);
    if (filters.teams?.length) query = query.where('team', 'in', filters.teams);
    if (filters.severities?.length) query = query.where('severity', 'in', filters.severities);
    if (filters.sources?.length) query = query.where('source', 'in', filters.sources);
    const rows = await query.groupBy(['service', 'severity']).execute();
    return rows.map((r) => ({ service: r.service, severity: r.severity as AlertSeverity, count: Number(r.count) }));
  }

  /** Alerts that started within the range, oldest first. */
  async alertStarts(filters: CommonFilters, range: TimeRangeMs): Promise<AlertStart[]> {
    let query = this.db
      .selectFrom('alerts')
      .select(['starts_at', 'service', 'team', 'severity', 'source'])
      .where('starts_at', '>=', range.from)
      .where('starts_at', '<', range.to);
    if (filters.services?.length) query = query.where('service', 'in', filters.services);
    if (filters.teams?.length) query = query.where('team', 'in', filters.teams);
    if (filters.severities?.length) query = query.where('severity', 'in', filters.severities);
    if (filters.sources?.length) query = query.where('source', 'in', filters.sources);
    const rows = await query.orderBy('starts_at').limit(MAX_ROWS).execute();
    return rows.map(({ starts_at, ...rest }) => ({ startsAt: Number(starts_at), ...rest }));
  }

  /** Incidents created within the range, with their first acknowledgement. */
  async incidentAcks(filters: CommonFilters, range: TimeRangeMs): Promise<IncidentAck[]> {
    let query = this.db
      .selectFrom('incidents')
      .leftJoin('incident_timeline', (join) =>
        join
          .onRef('incident_timeline.incident_id', '=', 'incidents.id')
          .on('incident_timeline.kind', '=', 'acknowledged')
      )
      .select([
        'incidents.id',
        'incidents.created_at',
        'incidents.service',
        'incidents.team',
        'incidents.severity',
        'incidents.source',
        sql<number | string | null>`min(incident_timeline.at)`.as('acknowledged_at'),
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
        'incidents.created_at',
        'incidents.service',
        'incidents.team',
        'incidents.severity',
        'incidents.source',
      ])
      .limit(MAX_ROWS)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      createdAt: Number(r.created_at),
      ...(r.acknowledged_at === null ? {} : { acknowledgedAt: Number(r.acknowledged_at) }),
      service: r.service,
      team: r.team,
      severity: r.severity,
      source: r.source,
    }));
  }
}
