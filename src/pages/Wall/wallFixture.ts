/** Gateway answers for unit tests of the Wall: fleet_health rows and /api/slo services. */
import { type ServiceSlo, type SloObjectiveFigures, type SloResponse } from '@opsdeck/contract';
import { type FleetRow } from '@/pages/Overview/fleetHealth';

export function fleetRow(service: string, team: string, status: FleetRow['status'], openIncidents = 0): FleetRow {
  return {
    service,
    team,
    tier: 1,
    status,
    availability: null,
    error_rate: null,
    latency_p99: null,
    request_rate: null,
    cpu_utilization: null,
    open_incidents: openIncidents,
    last_deploy: null,
  };
}

/** An availability objective with `remaining` budget left; `firing` lists the severities whose alert fires. */
export function objective(
  id: string,
  remaining: number | null,
  firing: Array<'page' | 'ticket'> = []
): SloObjectiveFigures {
  const burnRates = { '5m': 20, '30m': 8, '1h': 16, '2h': 4, '6h': 7, '1d': 3.5, '3d': 1.2 };
  return {
    id,
    sli: { kind: 'availability' },
    target: 0.999,
    windowDays: 30,
    attainment: 0.998,
    errorBudget: { total: 0.001, spent: remaining === null ? null : 1 - remaining, remaining },
    burnRates,
    alerts: [
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: 14.4,
        longBurnRate: 16,
        shortBurnRate: 20,
        firing: firing.includes('page'),
      },
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        threshold: 6,
        longBurnRate: 7,
        shortBurnRate: 8,
        firing: false,
      },
      {
        severity: 'ticket',
        longWindow: '1d',
        shortWindow: '2h',
        threshold: 3,
        longBurnRate: 3.5,
        shortBurnRate: 4,
        firing: firing.includes('ticket'),
      },
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        threshold: 1,
        longBurnRate: 1.2,
        shortBurnRate: 7,
        firing: false,
      },
    ],
    exhaustsAt: null,
    exhaustsAtByRate: { '1h': null, '6h': null },
    sliSource: 'demo fleet requests',
    good: 998,
    total: 1000,
  };
}

export function serviceSlo(
  service: string,
  team: string,
  healthScore: number,
  objectives: SloObjectiveFigures[]
): ServiceSlo {
  return {
    service,
    team,
    tier: 1,
    status: 'ok',
    healthScore,
    health: { score: healthScore, components: [] },
    objectives,
    openIncidents: 0,
    openAlerts: 0,
  };
}

export function sloResponse(services: ServiceSlo[], at = 0): SloResponse {
  return { at, demo: true, services, fleetHealthScore: null, notices: [] };
}
