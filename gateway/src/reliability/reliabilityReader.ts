/** Reliability figures over a range, read once for GET /api/reliability and the incident_stats query type alike. */
import type { Kysely } from 'kysely';
import type { ReliabilityGroupBy, ReliabilityResponse, TimeRangeMs } from '@opsdeck/contract';
import type { MaintenanceStore } from '../alerts/maintenance/maintenanceStore';
import type { Database } from '../store/schema';
import type { FigureOptions } from './incidentFigures';
import { incidentHistory, type HistoricIncident, type HistoryFilters } from './incidentHistory';
import { reliabilityReport } from './reliabilityReport';

/** Windows older than the newest this many are not consulted (a fleet rarely keeps more). */
const WINDOWS_READ = 5000;

export class ReliabilityReader {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly maintenance: Pick<MaintenanceStore, 'listAll'>
  ) {}

  /** The range and the one of the same length before it. */
  async report(
    range: TimeRangeMs,
    groupBy: ReliabilityGroupBy,
    filters: HistoryFilters,
    options: FigureOptions = {}
  ): Promise<ReliabilityResponse> {
    const incidents = await this.incidents({ from: range.from - (range.to - range.from), to: range.to }, filters);
    return reliabilityReport(incidents, range, groupBy, options);
  }

  /** The incidents triggered in the range, each marked when a maintenance window was running then. */
  async incidents(range: TimeRangeMs, filters: HistoryFilters = {}): Promise<HistoricIncident[]> {
    return incidentHistory(this.db, range, filters, await this.maintenance.listAll(WINDOWS_READ));
  }
}
