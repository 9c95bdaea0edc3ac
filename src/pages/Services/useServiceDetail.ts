import { type Clock, type EventSourceFactory, type GatewayClient, type GatewayQuery, useGatewayQuery } from '@/api';
import {
  type Alert,
  type CatalogService,
  type Deployment,
  type IncidentSummary,
  type MaintenanceWindow,
  type OnCallResponse,
  type ServiceSlo,
} from '@opsdeck/contract';
import { type FleetNotice } from '@/pages/Overview/frameNotices';
import { type CostFigures, loadCost } from './serviceCost';
import { missing, settle, valueOf } from './settle';
import { SERVICES_LIVE_EVENTS, SERVICES_REFRESH_MS } from './useServicesOverview';

const RECENT_DEPLOYS = 10;

export type ServiceDetail =
  | { known: false; service: string; catalogNames: string[] }
  | {
      known: true;
      catalog: CatalogService;
      /** Names of every catalog service, to tell a dependency in the catalog from one outside it. */
      catalogNames: Set<string>;
      /** Catalog services that list this one in `dependsOn`, by name: who feels it when it fails. */
      dependents: string[];
      slo?: ServiceSlo;
      demo: boolean;
      alerts: Alert[];
      incidents: IncidentSummary[];
      deployments: Deployment[];
      onCall?: OnCallResponse;
      maintenance: MaintenanceWindow[];
      cost?: CostFigures;
      notices: FleetNotice[];
    };

/** A window covers the service when it names it or its team. */
function covers(window: MaintenanceWindow, service: CatalogService): boolean {
  return window.services.includes(service.name) || window.teams.includes(service.team);
}

/**
 * Everything about one service. The catalog decides whether the name exists; every other figure is joined in when
 * it answers, and a notice names the ones that did not.
 */
export async function loadServiceDetail(client: GatewayClient, name: string, now: number): Promise<ServiceDetail> {
  // Everything is asked at once (a name outside the catalog only wastes answers); cost needs the catalog's tags.
  const catalogAnswer = client.services();
  const answers = Promise.all([
    settle(client.slo({ service: name })),
    settle(client.alerts({ service: name })),
    settle(client.incidents({ service: name })),
    settle(client.deployments({ service: name, limit: RECENT_DEPLOYS })),
    settle(client.onCall()),
    settle(client.maintenanceWindows()),
    settle(
      catalogAnswer.then((catalog) => {
        const known = catalog.services.find((s) => s.name === name);
        return known ? loadCost(client, catalog.services, now, known) : undefined;
      })
    ),
  ]);
  // The others are settled, so none rejects unheard when the catalog fails or the name is not in it.
  const catalog = await catalogAnswer;
  const service = catalog.services.find((s) => s.name === name);
  if (!service) {
    return { known: false, service: name, catalogNames: catalog.services.map((s) => s.name).sort() };
  }
  const [slo, alerts, incidents, deployments, onCall, maintenance, cost] = await answers;
  const sloAnswer = valueOf(slo);
  const costFigures = valueOf(cost);
  return {
    known: true,
    catalog: service,
    catalogNames: new Set(catalog.services.map((s) => s.name)),
    dependents: catalog.services
      .filter((s) => s.dependsOn?.includes(name))
      .map((s) => s.name)
      .sort(),
    slo: sloAnswer?.services.find((s) => s.service === name),
    demo: (sloAnswer?.demo ?? false) || (costFigures?.demo ?? false),
    alerts: valueOf(alerts)?.alerts ?? [],
    incidents: valueOf(incidents)?.incidents ?? [],
    deployments: valueOf(deployments)?.deployments ?? [],
    onCall: valueOf(onCall),
    maintenance: (valueOf(maintenance)?.windows ?? []).filter((w) => covers(w, service)),
    cost: costFigures,
    notices: [
      ...(sloAnswer?.notices ?? []).map((text) => ({ severity: 'warning' as const, text })),
      ...missing('Service levels', slo),
      ...missing('Alerts', alerts),
      ...missing('Incidents', incidents),
      ...missing('Deployments', deployments),
      ...missing('Who is on call', onCall),
      ...missing('Maintenance windows', maintenance),
      ...missing('Cost', cost),
      ...(costFigures?.error ? [{ severity: 'warning' as const, text: costFigures.error }] : []),
      ...(costFigures?.notices ?? []).filter((n) => n.severity !== 'info'),
    ],
  };
}

export function useServiceDetail(
  client: GatewayClient,
  service: string,
  options: { eventSources?: EventSourceFactory; clock?: Clock } = {}
): GatewayQuery<ServiceDetail> {
  return useGatewayQuery(client, (gateway) => loadServiceDetail(gateway, service, (options.clock ?? Date).now()), {
    key: service,
    pollMs: SERVICES_REFRESH_MS,
    liveEvents: [...SERVICES_LIVE_EVENTS, 'maintenance.changed', 'oncall.changed'],
    settleMs: 250,
    eventSources: options.eventSources,
    clock: options.clock,
  });
}
