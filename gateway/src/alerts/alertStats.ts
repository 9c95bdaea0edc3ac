/** Aggregates over the alert tables for dashboard queries (open_alerts counts, alert_rate). */
import type { Kysely } from 'kysely';
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
}
