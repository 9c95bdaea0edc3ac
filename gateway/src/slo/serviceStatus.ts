import { type CatalogService, type ServiceStatus } from '@opsdeck/contract';
import { type ServiceSnapshot } from '../sources/types';

/** Above this share of failing requests a service is down for its users, whatever its objective. */
export const DOWN_ERROR_RATE = 0.1;
/** Objective assumed when the catalog sets none: a common default for internal services. */
export const DEFAULT_AVAILABILITY_OBJECTIVE = 0.995;

/** What the SLO figures and the alert store add to a snapshot; absent = not known (status then uses the rest). */
export interface StatusSignals {
  /** Burn-rate alerts firing now on any of the service's objectives. */
  firingBurnAlerts?: number;
  /** True when some objective has no budget left (remaining ≤ 0). */
  budgetExhausted?: boolean;
  /** Alerts firing or acknowledged (not suppressed) in the alert store. */
  openAlerts?: number;
}

/**
 * ok / degraded / down from the service's open incidents and current figures against its SLO. The incidents are the
 * alert store's (fleet_health puts them in the snapshot) in demo and live mode alike, so a paged incident changes
 * status even while the metrics still look fine:
 * - down: an open critical incident (triggered or acknowledged), or at least DOWN_ERROR_RATE of requests fail;
 * - degraded: any other incident is open, an alert or a burn-rate alert fires, an objective's budget is spent, or
 *   errors burn the error budget faster than it accrues (error rate above 1 - availability objective), or p99 latency
 *   is over its objective;
 * - ok otherwise.
 */
export function deriveServiceStatus(
  service: CatalogService,
  snapshot: ServiceSnapshot,
  signals: StatusSignals = {}
): ServiceStatus {
  const errorRate = snapshot.errorRate ?? 0;
  const openIncidents = snapshot.openIncidents ?? [];
  if (openIncidents.some((incident) => incident.severity === 'down') || errorRate >= DOWN_ERROR_RATE) {
    return 'down';
  }
  const errorBudget = 1 - (service.slo.availability ?? DEFAULT_AVAILABILITY_OBJECTIVE);
  const latencyObjective = service.slo.latencyP99Ms;
  const slowerThanObjective =
    latencyObjective !== undefined && snapshot.latencyP99Ms !== undefined && snapshot.latencyP99Ms > latencyObjective;
  const alerting =
    (signals.firingBurnAlerts ?? 0) > 0 || (signals.openAlerts ?? 0) > 0 || signals.budgetExhausted === true;
  if (openIncidents.length > 0 || alerting || errorRate > errorBudget || slowerThanObjective) {
    return 'degraded';
  }
  return 'ok';
}
